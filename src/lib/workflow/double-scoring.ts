/**
 * Double scoring (dinilai dua penilai): two assigned evaluators score each cell of an OPD
 * independently and blind; once both submitted, equal values become the cell value and different
 * ones wait for the lead evaluator's settlement. Pure: the server reads the values, this decides
 * what they mean and measures how well the raters agree (statistics from insights/agreement).
 */
import {
	cohenKappa,
	krippendorffAlpha,
	rawAgreement,
	type KappaResult,
	type AlphaResult,
	type Rating
} from '../insights/agreement';
import type { IndicatorKind } from '../scoring/types';

/** One rater's value of one cell. */
export interface RaterValue {
	userId: number;
	value: number | null;
	notApplicable: boolean;
}

export type CellOutcome =
	| { kind: 'agreed'; value: number | null; notApplicable: boolean }
	| { kind: 'open' }
	| { kind: 'empty' };

const isRated = (v: { value: number | null; notApplicable: boolean }) =>
	v.notApplicable || v.value !== null;

/** Whether two values say the same (not applicable equals not applicable). */
export function sameValue(
	a: { value: number | null; notApplicable: boolean },
	b: { value: number | null; notApplicable: boolean }
): boolean {
	return a.notApplicable === b.notApplicable && (a.notApplicable || a.value === b.value);
}

/**
 * What the submitted raters' values of one cell decide: all equal → `agreed` on that value;
 * different → `open` (a disagreement for the lead); nobody rated it → `empty`.
 */
export function outcomeOf(values: readonly RaterValue[]): CellOutcome {
	const rated = values.filter(isRated);
	const [first] = rated;
	if (!first) return { kind: 'empty' };
	if (rated.every((v) => sameValue(v, first)))
		return {
			kind: 'agreed',
			value: first.notApplicable ? null : first.value,
			notApplicable: first.notApplicable
		};
	return { kind: 'open' };
}

/** Why a settlement cannot be recorded, or null: the reason is required (5–2000 characters). */
export function settlementProblem(reason: string): string | null {
	const why = reason.trim();
	if (why.length < 5) return 'Tuliskan alasan keputusan (minimal 5 karakter).';
	if (why.length > 2000) return 'Alasan keputusan terlalu panjang (maksimal 2.000 karakter).';
	return null;
}

/**
 * Whether a user sees the raters' values of an OPD: a rater of the OPD only once every rater
 * submitted it; someone who is not a rater of the OPD never sees raters' values before then
 * either (the disagreement list only holds submitted OPDs).
 */
export function revealed(raterIds: readonly number[], submittedIds: readonly number[]): boolean {
	return raterIds.length >= 2 && raterIds.every((id) => submittedIds.includes(id));
}

/**
 * Whether the self-assessment stays out of evaluators' exports and OPD pages: a double-scored
 * period blind to it, still being scored (until final). The scoring pages hide it per OPD until
 * both raters submitted; these wider channels hide it for the whole period, to be safe.
 */
export function selfHidden(period: {
	doubleScored: boolean;
	blindSelf: boolean;
	status: string;
}): boolean {
	return (
		period.doubleScored &&
		period.blindSelf &&
		period.status !== 'final' &&
		period.status !== 'published'
	);
}

/** A cell two raters both scored, for the agreement statistics. Not applicable counts as missing. */
export interface RatedPair {
	kind: IndicatorKind;
	a: Rating;
	b: Rating;
}

export interface AgreementFigures {
	/** Units both raters rated, per indicator kind. */
	checks: { n: number; raw: number | null; kappa: KappaResult };
	scales: { n: number; raw: number | null; weightedKappa: KappaResult; alpha: AlphaResult };
	counts: { n: number; raw: number | null; alpha: AlphaResult };
}

/**
 * Agreement of two raters over the cells both scored: Cohen's kappa for check indicators (present
 * / absent, nominal), linearly weighted kappa and Krippendorff's ordinal alpha for scales, the
 * interval alpha for counts; each with the raw share of equal values beside it.
 */
export function agreementOf(pairs: readonly RatedPair[]): AgreementFigures {
	const of = (kind: IndicatorKind) => {
		const own = pairs.filter((p) => p.kind === kind && p.a !== null && p.b !== null);
		const a = own.map((p) => p.a);
		const b = own.map((p) => p.b);
		return { a, b, n: own.length, raw: rawAgreement(a, b) };
	};
	const checks = of('check');
	const scales = of('scale');
	const counts = of('count');
	return {
		checks: { n: checks.n, raw: checks.raw, kappa: cohenKappa(checks.a, checks.b) },
		scales: {
			n: scales.n,
			raw: scales.raw,
			weightedKappa: cohenKappa(scales.a, scales.b, 'linear'),
			alpha: krippendorffAlpha([scales.a, scales.b], 'ordinal')
		},
		counts: {
			n: counts.n,
			raw: counts.raw,
			alpha: krippendorffAlpha([counts.a, counts.b], 'interval')
		}
	};
}

/** One rater's check value on one unit (cell), for calibration. */
export interface CheckMark {
	unit: string;
	userId: number;
	present: boolean;
}

export interface CalibrationRow {
	userId: number;
	/** Check cells this rater scored. */
	rated: number;
	/** Share this rater marked present (0..1). */
	share: number;
	/** Share the other raters marked present on the same cells, or null when nobody else rated them. */
	othersShare: number | null;
}

/**
 * Who marks more or less than the others: per rater, the share of check cells marked present
 * beside the share the other raters marked present on the very same cells (so an easier set of
 * OPDs does not look like leniency). Sorted by rater id.
 */
export function calibrationOf(marks: readonly CheckMark[]): CalibrationRow[] {
	const byUnit = new Map<string, CheckMark[]>();
	for (const m of marks) {
		const list = byUnit.get(m.unit) ?? [];
		list.push(m);
		byUnit.set(m.unit, list);
	}
	const rows = new Map<
		number,
		{ rated: number; present: number; others: number; oPresent: number }
	>();
	for (const list of byUnit.values())
		for (const m of list) {
			const r = rows.get(m.userId) ?? { rated: 0, present: 0, others: 0, oPresent: 0 };
			r.rated += 1;
			if (m.present) r.present += 1;
			for (const o of list)
				if (o.userId !== m.userId) {
					r.others += 1;
					if (o.present) r.oPresent += 1;
				}
			rows.set(m.userId, r);
		}
	return [...rows.entries()]
		.sort(([a], [b]) => a - b)
		.map(([userId, r]) => ({
			userId,
			rated: r.rated,
			share: r.present / r.rated,
			othersShare: r.others ? r.oPresent / r.others : null
		}));
}
