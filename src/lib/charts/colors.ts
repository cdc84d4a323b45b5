/** Chart colours: one per qualification band (highest first), readable on white. */
export const BAND_COLORS = ['#1e7b3a', '#5a9e2f', '#c99a06', '#d9730d', '#b42318'];

/** The colour of a band by its position among the bands (highest first); grey if unknown. */
export function bandColor(index: number): string {
	return BAND_COLORS[index] ?? '#8a94a3';
}

/** A fixed palette for line series; cycles when there are more series than colours. */
const SERIES = [
	'#0b5394',
	'#b42318',
	'#1e7b3a',
	'#9a6700',
	'#6f42c1',
	'#0e7c86',
	'#c2185b',
	'#5d4037',
	'#455a64',
	'#ef6c00'
];

export function seriesColor(index: number): string {
	return SERIES[index % SERIES.length] ?? '#0b5394';
}
