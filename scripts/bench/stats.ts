/** The middle value (the upper one of an even count); 0 for no values. */
export const median = (xs: readonly number[]): number =>
	[...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** The value at percentile `p` (0–100): the one at index ⌊p/100 × n⌋ of the sorted values; 0 for none. */
export const percentile = (xs: readonly number[], p: number): number => {
	const sorted = [...xs].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

/** `x` rounded to `d` decimals. */
export const round = (x: number, d = 1): number => Math.round(x * 10 ** d) / 10 ** d;
