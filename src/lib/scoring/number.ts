/**
 * Rounding and formatting of scores as people compute them by hand: decimal half-away-from-zero
 * rounding, and Indonesian number notation (comma for decimals, dot for thousands).
 */

/**
 * Binary floating point leaves noise like 89.99499999999999 for a sum that is 89.995 on paper.
 * Scores live in 0–100 (points rarely above a few thousand), so 12 significant digits keep every
 * digit a rubric can produce while dropping that noise before the decimal rounding.
 */
const SIGNIFICANT_DIGITS = 12;

/** Moves the decimal point of `x` by `places` through its decimal text, never through a product. */
function shiftDecimal(x: number, places: number): number {
	// String(x) may already be in exponent notation ("1e-7", "1e+21"): add to its exponent.
	const [mantissa, exponent = '0'] = String(x).split('e');
	return Number(`${mantissa}e${Number(exponent) + places}`);
}

/**
 * Rounds `x` to `decimals` places, half away from zero, on its decimal value: 2.675 → 2.68,
 * 1.005 → 1.01, −2.675 → −2.68 (where `toFixed` and `Math.round(x * 100) / 100` give 2.67
 * and 1.00, as 2.675 is stored as 2.67499999…). Non-finite values are returned unchanged.
 */
export function roundTo(x: number, decimals: number): number {
	if (!Number.isFinite(x)) return x;
	// Fast path: an integer below 12 digits is already exact at any number of decimals (and 0 is
	// returned as +0, as the decimal rounding below would).
	if (Number.isInteger(x) && decimals >= 0 && Math.abs(x) < 1e11) return x === 0 ? 0 : x;
	const clean = Math.abs(Number(x.toPrecision(SIGNIFICANT_DIGITS)));
	const rounded = shiftDecimal(Math.round(shiftDecimal(clean, decimals)), -decimals);
	// Math.round rounds halves up (−0.5 → −0), so round the magnitude and put the sign back.
	return x < 0 && rounded !== 0 ? -rounded : rounded;
}

export interface FormatOptions {
	/** Drop trailing zeros ("1" instead of "1,00", "0,5" instead of "0,50"). */
	trim?: boolean;
}

/**
 * Formats a number the Indonesian way after rounding it like {@link roundTo}:
 * formatNumberId(92.3077, 2) → "92,31", formatNumberId(1234.5, 2) → "1.234,50",
 * formatNumberId(1, 2, { trim: true }) → "1".
 */
export function formatNumberId(x: number, decimals: number, options: FormatOptions = {}): string {
	if (!Number.isFinite(x)) return String(x);
	const rounded = roundTo(x, decimals);
	// After roundTo the value is exact to `decimals`, so toFixed only pads; it cannot round wrong.
	let [whole = '0', fraction = ''] = Math.abs(rounded).toFixed(Math.max(0, decimals)).split('.');
	if (options.trim) fraction = fraction.replace(/0+$/, '');
	whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
	const sign = rounded < 0 ? '-' : '';
	return fraction ? `${sign}${whole},${fraction}` : `${sign}${whole}`;
}
