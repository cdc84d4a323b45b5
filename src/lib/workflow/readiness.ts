/**
 * What still stands between a period and finalising or publishing it. Pure: the server counts,
 * this decides what blocks, what only warns, and says it in sentences the team reads before it
 * confirms. Finalising and publishing both need an explicit confirmation after this summary; a
 * period whose cells are not all assessed cannot be published until the team decides them.
 */

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
	/** Publishing is refused while this holds (cells not assessed and not decided). */
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
	if (counts.notRated.length > 0)
		lines.push(
			`${fmt(counts.notRated.length)} OPD tidak dinilai dan tidak masuk peringkat: ${counts.notRated.map((o) => o.opd).join(', ')}.`
		);
	if (counts.openAppeals > 0) lines.push(`${fmt(counts.openAppeals)} sanggahan belum dijawab.`);
	if (counts.unsettledTies > 0)
		lines.push(`${fmt(counts.unsettledTies)} posisi podium masih seri tanpa keputusan urutan.`);
	if (counts.unverifiedSelf > 0)
		lines.push(`${fmt(counts.unverifiedSelf)} sel penilaian mandiri belum diverifikasi.`);
	return {
		...counts,
		unassessedCells,
		totalCells,
		opdsWithGaps,
		opdsWithoutValues,
		lines,
		blocksPublishing: unassessedCells > 0
	};
}

/** The confirmation word a finalise/publish form must carry (a checkbox's value). */
export const CONFIRM_VALUE = 'ya';
