/**
 * Checks a rubric before it is used: every problem is reported in Indonesian, for the evaluator
 * who edits the rubric, so a broken rubric never silently yields wrong totals.
 */
import { formatNumberId } from './number';
import type { Rubric } from './types';

/** Shares are percentages typed by people: compare sums with a tolerance, not exactly. */
const SHARE_TOLERANCE = 1e-9;

function duplicates(keys: string[]): string[] {
	const seen = new Set<string>();
	const twice = new Set<string>();
	for (const key of keys) (seen.has(key) ? twice : seen).add(key);
	return [...twice];
}

function sum(values: number[]): number {
	return values.reduce((a, b) => a + b, 0);
}

/** A share as typed, without float noise: 33,3 + 33,3 + 33,3 shows as 99,9. */
function showShare(x: number): string {
	return formatNumberId(x, 6, { trim: true });
}

function isNonNegative(x: unknown): x is number {
	return typeof x === 'number' && Number.isFinite(x) && x >= 0;
}

function validateStructure(r: Rubric): string[] {
	const problems: string[] = [];
	if (r.stages.length === 0) problems.push('Rubrik belum punya tahap penilaian.');
	if (r.indicators.length === 0) problems.push('Rubrik belum punya indikator.');
	for (const key of duplicates(r.stages.map((s) => s.key))) {
		problems.push(`Kunci tahap "${key}" dipakai lebih dari sekali.`);
	}
	for (const key of duplicates(r.aspects.map((a) => a.key))) {
		problems.push(`Kunci aspek "${key}" dipakai lebih dari sekali.`);
	}
	for (const key of duplicates(r.indicators.map((i) => i.key))) {
		problems.push(`Kunci indikator "${key}" dipakai lebih dari sekali.`);
	}
	const stageKeys = new Set(r.stages.map((s) => s.key));
	const aspectKeys = new Set(r.aspects.map((a) => a.key));
	for (const aspect of r.aspects) {
		if (!stageKeys.has(aspect.stage)) {
			problems.push(`Aspek "${aspect.key}" merujuk ke tahap "${aspect.stage}" yang tidak ada.`);
		}
	}
	for (const ind of r.indicators) {
		if (!aspectKeys.has(ind.aspect)) {
			problems.push(`Indikator "${ind.key}" merujuk ke aspek "${ind.aspect}" yang tidak ada.`);
		}
	}
	return problems;
}

function validateShares(r: Rubric): string[] {
	const problems: string[] = [];
	for (const stage of r.stages) {
		if (!isNonNegative(stage.share)) {
			problems.push(`Bobot tahap "${stage.key}" harus angka 0 atau lebih.`);
		}
		const min = stage.minToProceed;
		if (min !== undefined && !(isNonNegative(min) && min <= 100)) {
			problems.push(`Nilai minimum tahap "${stage.key}" harus di antara 0 dan 100.`);
		}
		const aspects = r.aspects.filter((a) => a.stage === stage.key);
		const shares = aspects.map((a) => a.share);
		const numeric = shares.filter((s): s is number => s !== null);
		if (numeric.length > 0 && numeric.length < shares.length) {
			problems.push(
				`Aspek tahap "${stage.key}" harus semuanya berbobot atau semuanya tanpa bobot.`
			);
		} else if (numeric.length > 0) {
			for (const a of aspects) {
				if (a.share !== null && !isNonNegative(a.share)) {
					problems.push(`Bobot aspek "${a.key}" harus angka 0 atau lebih.`);
				}
			}
			if (Math.abs(sum(numeric) - 100) > SHARE_TOLERANCE) {
				problems.push(
					`Bobot aspek tahap "${stage.key}" berjumlah ${showShare(sum(numeric))}, seharusnya 100.`
				);
			}
		}
	}
	const stageTotal = sum(r.stages.map((s) => s.share));
	if (r.stages.length > 0 && Math.abs(stageTotal - 100) > SHARE_TOLERANCE) {
		problems.push(`Bobot tahap berjumlah ${showShare(stageTotal)}, seharusnya 100.`);
	}
	return problems;
}

function validateIndicators(r: Rubric): string[] {
	const problems: string[] = [];
	for (const ind of r.indicators) {
		const name = `Indikator "${ind.key}"`;
		if (!isNonNegative(ind.weight)) problems.push(`${name}: bobot harus angka 0 atau lebih.`);
		if (ind.kind === 'scale') {
			const max = ind.maxLevel;
			if (max === undefined || !Number.isInteger(max) || max < 1) {
				problems.push(`${name}: skala harus punya level tertinggi (bilangan bulat 1 atau lebih).`);
			} else if (ind.levelLabels && ind.levelLabels.length !== max + 1) {
				problems.push(`${name}: label level harus ${max + 1} (level 0 sampai ${max}).`);
			}
		} else if (ind.kind === 'count') {
			if (!isNonNegative(ind.pointsPerUnit) || ind.pointsPerUnit === 0) {
				problems.push(`${name}: hitungan harus punya poin per unit lebih dari 0.`);
			}
			if (!isNonNegative(ind.cap)) {
				problems.push(`${name}: hitungan harus punya batas poin (cap) 0 atau lebih.`);
			}
		} else if (ind.kind !== 'check') {
			problems.push(`${name}: jenis "${String(ind.kind)}" tidak dikenal.`);
		}
	}
	return problems;
}

function validatePresentation(r: Rubric): string[] {
	const problems: string[] = [];
	if (!Number.isInteger(r.decimals) || r.decimals < 0 || r.decimals > 10) {
		problems.push('Jumlah desimal harus bilangan bulat 0 sampai 10.');
	}
	if (r.bands.length === 0) problems.push('Rubrik belum punya kualifikasi.');
	else if (!r.bands.some((b) => b.min <= 0)) {
		problems.push('Tidak ada kualifikasi untuk nilai 0: batas bawah terendah harus 0.');
	}
	for (const band of r.bands) {
		if (!(Number.isFinite(band.min) && band.min >= 0 && band.min <= 100)) {
			problems.push(`Batas bawah kualifikasi "${band.label}" harus di antara 0 dan 100.`);
		}
	}
	for (const min of duplicates(r.bands.map((b) => String(b.min)))) {
		problems.push(`Dua kualifikasi punya batas bawah yang sama (${min}).`);
	}
	for (const label of duplicates(r.bands.map((b) => b.label))) {
		problems.push(`Kualifikasi "${label}" tercantum lebih dari sekali.`);
	}
	for (const label of duplicates(r.awardTiers)) {
		problems.push(`Peringkat penghargaan "${label}" tercantum lebih dari sekali.`);
	}
	if (r.awardTiers.some((t) => t.trim() === '')) {
		problems.push('Nama peringkat penghargaan tidak boleh kosong.');
	}
	return problems;
}

function validateTieBreak(r: Rubric): string[] {
	const problems: string[] = [];
	const aspectKeys = new Set(r.aspects.map((a) => a.key));
	const indicatorKeys = new Set(r.indicators.map((i) => i.key));
	for (const key of r.tieBreak.priority) {
		if (aspectKeys.has(key) && indicatorKeys.has(key)) {
			problems.push(`Prioritas "${key}" ambigu: ada aspek dan indikator dengan kunci itu.`);
		} else if (!aspectKeys.has(key) && !indicatorKeys.has(key)) {
			problems.push(`Prioritas "${key}" bukan aspek atau indikator rubrik ini.`);
		}
	}
	for (const key of duplicates(r.tieBreak.priority)) {
		problems.push(`Prioritas "${key}" tercantum lebih dari sekali.`);
	}
	r.tieBreak.decisions.forEach((decision, index) => {
		const name = `Keputusan seri ke-${index + 1}`;
		if (decision.order.length < 2) problems.push(`${name} harus mengurutkan 2 OPD atau lebih.`);
		for (const opd of duplicates(decision.order)) {
			problems.push(`${name} mencantumkan OPD "${opd}" lebih dari sekali.`);
		}
		if (decision.reason.trim() === '') problems.push(`${name} belum punya alasan.`);
	});
	return problems;
}

/**
 * What a rubric still lacks while it is being built: a stage without aspects, an aspect without
 * indicators. Such a rubric is consistent but cannot score fairly (an empty stage scores 0 for
 * everyone), so a period may hold one only while it is a draft.
 */
export function rubricGaps(r: Rubric): string[] {
	const problems: string[] = [];
	for (const stage of r.stages) {
		if (!r.aspects.some((a) => a.stage === stage.key)) {
			problems.push(`Tahap "${stage.key}" tidak punya aspek.`);
		}
	}
	for (const aspect of r.aspects) {
		if (!r.indicators.some((i) => i.aspect === aspect.key)) {
			problems.push(`Aspek "${aspect.key}" tidak punya indikator.`);
		}
	}
	return problems;
}

/**
 * Lists what is wrong with a rubric, in Indonesian, one sentence per problem; empty when the
 * rubric can be used. Checks keys, references, shares (stages add up to 100; within a stage the
 * aspect shares are all null or add up to 100), weights, indicator kinds, bands and tie-breaks.
 * `allowGaps` leaves out {@link rubricGaps} (for a draft that is still being built).
 */
export function validateRubric(r: Rubric, options: { allowGaps?: boolean } = {}): string[] {
	return [
		...validateStructure(r),
		...(options.allowGaps ? [] : rubricGaps(r)),
		...validateShares(r),
		...validateIndicators(r),
		...validatePresentation(r),
		...validateTieBreak(r)
	];
}
