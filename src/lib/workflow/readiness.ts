/**
 * What still stands between a period and finalising or publishing it. Pure: the server counts,
 * this decides what blocks, what only warns, and says it in sentences the team reads before it
 * confirms. Finalising and publishing both need an explicit confirmation after this summary; a
 * period whose cells are not all assessed cannot be published until the team decides them.
 */
import { splitNotRated, type NotRatedKind } from './not-rated';

export interface OpdGap {
	/** The OPD's key (slug), for forms that act on it. */
	slug: string;
	opd: string;
	/** Cells of this OPD with no verified value (not-applicable counts as assessed). */
	unassessed: number;
	/** Cells of this OPD in the rubric. */
	cells: number;
}

export interface NotRatedOpd {
	slug: string;
	opd: string;
	reason: string;
	/** "tidak dinilai" (the default) or "tidak berpartisipasi". */
	kind?: NotRatedKind;
}

export interface ReadinessCounts {
	/** The OPDs taking part in scoring (those the team decided "tidak dinilai" are apart). */
	opds: OpdGap[];
	/** OPDs left out of scoring and ranking this year, with the reason. */
	notRated: NotRatedOpd[];
	openAppeals: number;
	unsettledTies: number;
	/** Cells an OPD self-assessed that no evaluator has verified yet. */
	unverifiedSelf: number;
	/** A double-scored period's open work (see doubleScoringBlock); absent otherwise. */
	doubleScoring?: DoubleScoringGaps | null;
}

/** What double scoring leaves open: raters' OPDs not submitted, disagreements not settled. */
export interface DoubleScoringGaps {
	/** (OPD, rater) pairs not submitted yet. */
	unsubmitted: number;
	openDisagreements: number;
	/** OPDs with fewer than two raters assigned. */
	opdsShortOfRaters: number;
}

/** Why double scoring forbids finalising or publishing now, or null. */
export function doubleScoringBlock(gaps: DoubleScoringGaps | null | undefined): string | null {
	if (!gaps) return null;
	const parts: string[] = [];
	if (gaps.opdsShortOfRaters > 0)
		parts.push(`${fmt(gaps.opdsShortOfRaters)} OPD belum punya dua penilai`);
	if (gaps.unsubmitted > 0) parts.push(`${fmt(gaps.unsubmitted)} penilaian penilai belum dikirim`);
	if (gaps.openDisagreements > 0)
		parts.push(`${fmt(gaps.openDisagreements)} selisih nilai belum diputuskan`);
	return parts.length ? `Periode dinilai dua penilai: ${parts.join(', ')}.` : null;
}

export interface Readiness extends ReadinessCounts {
	unassessedCells: number;
	totalCells: number;
	/** OPDs with gaps, most missing first. */
	opdsWithGaps: OpdGap[];
	/** OPDs with no verified value at all. */
	opdsWithoutValues: OpdGap[];
	/** Sentences for the confirmation screen, most serious first. */
	lines: string[];
	/**
	 * Publishing is refused while this holds (cells not assessed and not decided; in a
	 * double-scored period also raters not submitted or disagreements not settled).
	 */
	blocksPublishing: boolean;
}

const fmt = (n: number) => n.toLocaleString('id-ID');

export function readinessOf(counts: ReadinessCounts): Readiness {
	const opdsWithGaps = counts.opds
		.filter((o) => o.unassessed > 0)
		.sort((a, b) => b.unassessed - a.unassessed || a.opd.localeCompare(b.opd, 'id'));
	const opdsWithoutValues = opdsWithGaps.filter((o) => o.unassessed === o.cells && o.cells > 0);
	const unassessedCells = opdsWithGaps.reduce((s, o) => s + o.unassessed, 0);
	const totalCells = counts.opds.reduce((s, o) => s + o.cells, 0);
	const lines: string[] = [];
	if (unassessedCells > 0)
		lines.push(
			`${fmt(unassessedCells)} dari ${fmt(totalCells)} sel belum dinilai, di ${fmt(opdsWithGaps.length)} OPD.`
		);
	if (opdsWithoutValues.length > 0)
		lines.push(`${fmt(opdsWithoutValues.length)} OPD belum punya nilai sama sekali.`);
	for (const [kind, list] of Object.entries(splitNotRated(counts.notRated)))
		if (list.length > 0)
			lines.push(
				`${fmt(list.length)} OPD ${kind} dan tidak masuk peringkat: ${list.map((o) => o.opd).join(', ')}.`
			);
	if (counts.openAppeals > 0) lines.push(`${fmt(counts.openAppeals)} sanggahan belum dijawab.`);
	if (counts.unsettledTies > 0)
		lines.push(`${fmt(counts.unsettledTies)} posisi podium masih seri tanpa keputusan urutan.`);
	if (counts.unverifiedSelf > 0)
		lines.push(`${fmt(counts.unverifiedSelf)} sel penilaian mandiri belum diverifikasi.`);
	const doubleBlock = doubleScoringBlock(counts.doubleScoring);
	if (doubleBlock) lines.unshift(doubleBlock);
	return {
		...counts,
		unassessedCells,
		totalCells,
		opdsWithGaps,
		opdsWithoutValues,
		lines,
		blocksPublishing: unassessedCells > 0 || doubleBlock !== null
	};
}

/** The confirmation word a finalise/publish form must carry (a checkbox's value). */
export const CONFIRM_VALUE = 'ya';
