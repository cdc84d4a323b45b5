/**
 * The check an operator sees before "Kirim untuk verifikasi" (issue 13 §5), and the server's
 * reason to refuse the submission. Pure: the cells of one OPD's self-assessment in, the problems
 * out, in rubric order.
 *
 * - An indicator left blank (no value, not "tidak berlaku") BLOCKS: the team would have to guess.
 * - A claim (Ya, a level or a count above 0) without evidence where the rubric says "bukti wajib"
 *   BLOCKS: it cannot be verified. "Tidak" and "tidak berlaku" need no evidence.
 * - A dead link (the last link check of the operator's own evidence failed) only WARNS: the site
 *   may be down for a moment, and the evaluator sees the same check.
 */

export interface SubmissionCell {
	indicatorId: number;
	label: string;
	/** The self-assessed value: 1/0, a level or a count; null when blank. */
	value: number | null;
	notApplicable: boolean;
	evidenceRequired: boolean;
	/** Whether the operator attached any evidence to the cell: a link or an uploaded file. */
	hasEvidence: boolean;
	/** The operator's own links the last check found dead, with the status in words. */
	deadLinks: { url: string; status: string }[];
}

export type SubmissionIssueKind = 'blank' | 'evidence' | 'dead-link';

export interface SubmissionIssue {
	indicatorId: number;
	kind: SubmissionIssueKind;
	/** True when the issue stops the submission; false for a warning. */
	blocks: boolean;
	/** One sentence in Indonesian naming the indicator. */
	message: string;
}

export interface SubmissionCheck {
	issues: SubmissionIssue[];
	blocking: number;
	warnings: number;
}

/** The problems of a self-assessment before it is sent for verification. */
export function checkSubmission(cells: readonly SubmissionCell[]): SubmissionCheck {
	const issues: SubmissionIssue[] = [];
	for (const cell of cells) {
		const { indicatorId, label } = cell;
		if (!cell.notApplicable && cell.value === null)
			issues.push({
				indicatorId,
				kind: 'blank',
				blocks: true,
				message: `${label}: belum diisi.`
			});
		else if (
			cell.evidenceRequired &&
			!cell.notApplicable &&
			cell.value !== null &&
			cell.value > 0 &&
			!cell.hasEvidence
		)
			issues.push({
				indicatorId,
				kind: 'evidence',
				blocks: true,
				message: `${label}: bukti wajib, tetapi belum ada tautan atau berkas data dukung.`
			});
		for (const dead of cell.deadLinks)
			issues.push({
				indicatorId,
				kind: 'dead-link',
				blocks: false,
				message: `${label}: tautan tidak dapat dibuka (${dead.status}): ${dead.url}`
			});
	}
	const blocking = issues.filter((i) => i.blocks).length;
	return { issues, blocking, warnings: issues.length - blocking };
}
