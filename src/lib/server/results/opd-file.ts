/**
 * How one OPD's published result is stored (`opd/{slug}.json`). Its indicator scores are kept as
 * columns, the flags as strings of `0`/`1`, instead of one object per indicator: at 25,000 OPDs ×
 * 20 indicators that halves the bytes a publish serialises, hashes and writes (85 → ~45 MB) and
 * the time it takes. Reading puts the objects back in their order, so a published view reads
 * byte for byte as before. Files stored before (one object per indicator) are read as they are.
 */
import type { IndicatorScore, OpdResult } from '../../scoring/types';
import type { ResultsView } from './view';

/** One OPD's published result with its roster entry: its public page reads only this row. */
export interface PublicOpdData {
	entry: ResultsView['roster'][number];
	result: OpdResult;
}

/** An OPD's indicator scores as columns, in the result's order. */
interface IndicatorColumns {
	key: string[];
	value: (number | null)[];
	points: number[];
	maxPoints: number[];
	/** one `0`/`1` per indicator */
	notApplicable: string;
	/** one `0`/`1` per indicator */
	met: string;
}

/** A file's body as stored: indicator scores as columns, or (stored before) as objects. */
type StoredOpdData = {
	entry: PublicOpdData['entry'];
	result: Omit<OpdResult, 'indicators'> & { indicators: IndicatorColumns | IndicatorScore[] };
};

function columnsOf(indicators: readonly IndicatorScore[]): IndicatorColumns {
	const columns: IndicatorColumns = {
		key: [],
		value: [],
		points: [],
		maxPoints: [],
		notApplicable: '',
		met: ''
	};
	for (const i of indicators) {
		columns.key.push(i.key);
		columns.value.push(i.value);
		columns.points.push(i.points);
		columns.maxPoints.push(i.maxPoints);
		columns.notApplicable += i.notApplicable ? '1' : '0';
		columns.met += i.met ? '1' : '0';
	}
	return columns;
}

function scoresOf(columns: IndicatorColumns): IndicatorScore[] {
	// Same key order as the scoring engine writes, so the view serialises as before.
	return columns.key.map((key, n) => ({
		key,
		value: columns.value[n] ?? null,
		notApplicable: columns.notApplicable[n] === '1',
		points: columns.points[n]!,
		maxPoints: columns.maxPoints[n]!,
		met: columns.met[n] === '1'
	}));
}

/** The stored body of one OPD's published file. */
export function opdFileBody({ entry, result }: PublicOpdData): string {
	const stored: StoredOpdData = {
		entry,
		result: { ...result, indicators: columnsOf(result.indicators) }
	};
	return JSON.stringify(stored);
}

/** One OPD's published file read back, whichever way it was stored. */
export function readOpdFile(body: string): PublicOpdData {
	const { entry, result } = JSON.parse(body) as StoredOpdData;
	const indicators = Array.isArray(result.indicators)
		? result.indicators
		: scoresOf(result.indicators);
	return { entry, result: { ...result, indicators } };
}
