/**
 * The "how scores are made" page in data: the rubric as a table, the tie rule in words, and the
 * choice of a real OPD for the worked example.
 */
import { formatNumberId } from '../scoring/number';
import { indicatorMaxPoints } from '../scoring/rubric';
import { sortedIndicators } from '../scoring/score';
import type { Indicator, PeriodResult, Rubric } from '../scoring/types';

export const KIND_DESCRIPTIONS: Record<Indicator['kind'], string> = {
	check: 'ada/tidak ada',
	scale: 'skala bertingkat',
	count: 'hitungan'
};

export interface RubricRow {
	order: number;
	key: string;
	label: string;
	aspect: string;
	kind: string;
	/** How the points follow from the value, in words ("1 poin bila ada"). */
	rule: string;
	maxPoints: number;
}

function ruleOf(ind: Indicator, decimals: number): string {
	const n = (x: number) => formatNumberId(x, decimals, { trim: true });
	if (ind.kind === 'check') return `${n(ind.weight)} poin bila ada, 0 bila tidak`;
	if (ind.kind === 'scale')
		return `${n(ind.weight)} × level ÷ ${ind.maxLevel ?? 0} (level 0–${ind.maxLevel ?? 0})`;
	return `${n(ind.pointsPerUnit ?? 0)} poin per unit, paling banyak ${n(indicatorMaxPoints(ind))}`;
}

/** The indicators of a rubric as table rows, in rubric order, with their group's label. */
export function rubricRows(rubric: Rubric): RubricRow[] {
	const aspects = new Map(rubric.aspects.map((a) => [a.key, a.label]));
	return sortedIndicators(rubric).map((ind, index) => ({
		order: index + 1,
		key: ind.key,
		label: ind.label,
		aspect: aspects.get(ind.aspect) ?? ind.aspect,
		kind: KIND_DESCRIPTIONS[ind.kind],
		rule: ruleOf(ind, rubric.decimals),
		maxPoints: indicatorMaxPoints(ind)
	}));
}

/** Whether the rubric is flat: one stage, no aspect shares (total = points ÷ maximum × 100). */
export function isFlat(rubric: Rubric): boolean {
	return rubric.stages.length === 1 && rubric.aspects.every((a) => a.share === null);
}

/** The tie rule of a period in plain Indonesian, one sentence per step. */
export function tieRule(rubric: Rubric): string[] {
	const shown = `${rubric.decimals} desimal`;
	const lines = [
		`Peringkat ditentukan dari nilai akhir yang ditampilkan (dibulatkan ${shown}, setengah ke atas). OPD dengan nilai tampil sama mendapat peringkat sama ("1, 1, 1, 4") sampai pemecah seri memisahkannya; seri yang sudah diputuskan mendapat peringkat berurutan ("1, 2, 3, 4"), dengan urutan yang sama di tabel peringkat, podium, laporan, dan unduhan.`
	];
	const label = (key: string) =>
		rubric.aspects.find((a) => a.key === key)?.label ??
		rubric.indicators.find((i) => i.key === key)?.label ??
		key;
	if (rubric.tieBreak.priority.length) {
		lines.push(
			`Nilai seri dipecah berturut-turut menurut poin pada: ${rubric.tieBreak.priority.map(label).join(', ')}.`
		);
	} else {
		lines.push('Periode ini tidak menetapkan urutan prioritas pemecah seri.');
	}
	lines.push(
		rubric.tieBreak.decisions.length
			? `Seri yang masih tersisa diputuskan tim monev (${rubric.tieBreak.decisions.length} keputusan tercatat dengan alasannya).`
			: 'Seri yang masih tersisa pada posisi penghargaan dibiarkan terbuka sampai tim monev memutuskannya dengan alasan tercatat.'
	);
	return lines;
}

/**
 * The OPD used as the worked example: the median of the ranking, preferring one that misses at
 * least one indicator (so the example shows both a met and a missed category), or null when the
 * result is empty. Deterministic: the same result always gives the same OPD.
 */
export function exampleOpd(result: PeriodResult): string | null {
	const partial = result.opds.filter(
		(o) => o.indicatorsMet > 0 && o.indicatorsMet < o.indicatorsApplicable
	);
	const pool = partial.length ? partial : result.opds;
	return pool[Math.floor((pool.length - 1) / 2)]?.opd ?? null;
}
