/**
 * The worked example behind one OPD's score, in Indonesian, so anyone can redo the sum by hand
 * from the published result alone (the rubric travels with it).
 */
import { formatNumberId } from './number';
import { sortedIndicators } from './score';
import type { Indicator, IndicatorScore, OpdResult, PeriodResult, Rubric } from './types';

interface Formatters {
	/** points and shares: as few decimals as needed ("1", "0,5", "2,25") */
	num: (x: number) => string;
	/** scores and percents: always the rubric's decimals ("69,23") */
	fixed: (x: number) => string;
	/**
	 * intermediate weighted values, two decimals finer than shown and trimmed ("31,996"): rounding
	 * each term to the shown decimals would make the terms not add up to the total.
	 */
	precise: (x: number) => string;
}

function formatters(rubric: Rubric): Formatters {
	return {
		num: (x) => formatNumberId(x, rubric.decimals, { trim: true }),
		fixed: (x) => formatNumberId(x, rubric.decimals),
		precise: (x) => formatNumberId(x, rubric.decimals + 2, { trim: true })
	};
}

/** What the cell says, in words, and how its points follow from it. */
function indicatorLine(ind: Indicator, s: IndicatorScore, f: Formatters): string {
	if (s.notApplicable) return `${ind.label}: tidak berlaku → tidak dihitung`;
	const tail = `${f.num(s.points)} dari ${f.num(s.maxPoints)} poin`;
	if (s.value === null) return `${ind.label}: belum dinilai → ${tail}`;
	if (ind.kind === 'check') {
		return `${ind.label}: ${s.value >= 1 ? 'ada' : 'tidak ada'} → ${tail}`;
	}
	if (ind.kind === 'scale') {
		const max = ind.maxLevel ?? 0;
		const name = ind.levelLabels?.[s.value];
		const level = `level ${f.num(s.value)} dari ${max}${name ? ` (${name})` : ''}`;
		const product = `${f.num(ind.weight)} × ${f.num(s.value)}/${max}`;
		return `${ind.label}: ${level} → ${product} = ${tail}`;
	}
	const rate = `${f.num(s.value)} unit × ${f.num(ind.pointsPerUnit ?? 0)} poin`;
	return `${ind.label}: ${rate}, paling banyak ${f.num(ind.cap ?? 0)} → ${tail}`;
}

function explainStage(
	result: PeriodResult,
	opd: OpdResult,
	stageKey: string,
	f: Formatters
): string[] {
	const { rubric } = result;
	const lines: string[] = [];
	const aspects = rubric.aspects.filter((a) => a.stage === stageKey);
	const weighted = aspects.some((a) => a.share !== null);
	const scores = new Map(opd.indicators.map((s) => [s.key, s]));
	const indicators = sortedIndicators(rubric);
	const stagePoints: IndicatorScore[] = [];
	const parts: string[] = [];
	for (const aspect of aspects) {
		const own = indicators.filter((ind) => ind.aspect === aspect.key);
		const score = opd.aspects.find((a) => a.key === aspect.key);
		if (aspects.length > 1 || weighted) {
			const share = aspect.share === null ? '' : ` (bobot ${f.num(aspect.share)}%)`;
			lines.push(`Aspek ${aspect.label}${share}`);
		}
		for (const ind of own) {
			const s = scores.get(ind.key);
			if (!s) continue;
			stagePoints.push(s);
			lines.push(indicatorLine(ind, s, f));
		}
		if (weighted && score) {
			const pct = `${f.fixed(score.percent)}%`;
			const share = `${f.num(aspect.share ?? 0)}%`;
			const points = `${f.num(score.points)} dari ${f.num(score.maxPoints)} poin`;
			const contribution = f.precise(score.contribution);
			lines.push(`Nilai aspek ${aspect.label}: ${points} = ${pct} × ${share} = ${contribution}`);
			parts.push(f.precise(score.contribution));
		}
	}
	const stage = opd.stages.find((s) => s.key === stageKey);
	const stageScore = stage?.score ?? 0;
	const label = rubric.stages.length > 1 ? ` tahap ${stageLabel(rubric, stageKey)}` : '';
	if (weighted) {
		lines.push(`Nilai${label}: ${parts.join(' + ')} = ${f.precise(stageScore)}`);
	} else {
		const points = stagePoints.reduce((sum, s) => sum + s.points, 0);
		const max = stagePoints.reduce((sum, s) => sum + s.maxPoints, 0);
		lines.push(
			`Jumlah${label}: ${f.num(points)} dari ${f.num(max)} poin = ${f.fixed(stageScore)}%`
		);
	}
	return lines;
}

function stageLabel(rubric: Rubric, key: string): string {
	return rubric.stages.find((s) => s.key === key)?.label ?? key;
}

/**
 * Explains, line by line in Indonesian, how an OPD's total follows from its cells: each
 * indicator ("Struktur Organisasi: ada → 1 dari 1 poin"), each aspect and stage with its share,
 * stage minimums, the weighted total and the result ("Jumlah: 9 dari 13 poin = 69,23%").
 * Numbers are shown rounded to the rubric's decimals. Empty when the OPD is not in the result.
 */
export function explainScore(result: PeriodResult, opd: string): string[] {
	const found = result.opds.find((o) => o.opd === opd);
	if (!found) return [];
	const { rubric } = result;
	const f = formatters(rubric);
	const stages = [...rubric.stages].sort((a, b) => a.order - b.order);
	const multiStage = stages.length > 1;
	const lines: string[] = [];
	for (const stage of stages) {
		const score = found.stages.find((s) => s.key === stage.key);
		if (multiStage) lines.push(`Tahap ${stage.label} (bobot ${f.num(stage.share)}%)`);
		if (score && !score.reached) {
			const at = stageLabel(rubric, found.stoppedAtStage ?? '');
			lines.push(`Tahap ${stage.label} tidak diikuti: berhenti di tahap ${at} → 0`);
			continue;
		}
		lines.push(...explainStage(result, found, stage.key, f));
		if (stage.minToProceed !== undefined && score) {
			// The minimum is checked on the rounded stage score: show that number, not the precise one.
			const shown = `Nilai tahap ${f.fixed(score.score)}`;
			const min = f.num(stage.minToProceed);
			lines.push(
				score.passed
					? `${shown} memenuhi nilai minimum ${min} untuk lanjut`
					: `${shown} di bawah nilai minimum ${min}: tidak lanjut ke tahap berikutnya`
			);
		}
	}
	if (multiStage) {
		const terms = stages.map((stage) => {
			const score = found.stages.find((s) => s.key === stage.key)?.score ?? 0;
			return `${f.precise(score)} × ${f.num(stage.share)}%`;
		});
		lines.push(`Total: ${terms.join(' + ')} = ${f.precise(found.total)}`);
	}
	const band = found.qualification ? ` (${found.qualification})` : '';
	const tier = found.tier ? `, ${found.tier}` : '';
	const rank = `peringkat ${found.rank} dari ${result.opds.length}`;
	lines.push(`Nilai akhir: ${f.fixed(found.displayTotal)}${band}, ${rank}${tier}`);
	return lines;
}
