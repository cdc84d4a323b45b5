/**
 * Participation of the OPDs in a period (issue 13 §6): where each OPD of the roster stands
 * (registered → started → submitted → verified, or appealed), its own self-assessment deadline
 * once the team extended it, and who is due a reminder. Pure: the server counts the facts and
 * passes the clock in.
 */
import type { PeriodStatus } from './lifecycle';

export const PARTICIPATION_STATES = [
	'registered',
	'started',
	'submitted',
	'verified',
	'appealed',
	'not-participating'
] as const;
export type ParticipationState = (typeof PARTICIPATION_STATES)[number];

export const PARTICIPATION_LABELS: Record<ParticipationState, string> = {
	registered: 'Terdaftar',
	started: 'Mulai mengisi',
	submitted: 'Dikirim untuk verifikasi',
	verified: 'Terverifikasi',
	appealed: 'Menyanggah',
	'not-participating': 'Tidak berpartisipasi'
};

/** What the server counted for one OPD of the roster. */
export interface ParticipationFacts {
	/** Cells with anything self-assessed (a value, "tidak berlaku", a link or a note). */
	selfCells: number;
	/** When the operator last pressed "Kirim untuk verifikasi"; null: never. */
	submittedAt: Date | null;
	/** Cells the team must verify for this OPD (a staged period leaves out the stages it never reached). */
	cells: number;
	/** Of those, cells still without a verified value. */
	unverified: number;
	/** Appeals (sanggahan) the OPD filed in this period, answered or not. */
	appeals: number;
	/** "Tidak dinilai": the team left the OPD out of scoring, so it is never "verified". */
	notRated: boolean;
	/** The team marked the OPD "tidak berpartisipasi": its own state, whatever else it did. */
	notParticipating?: boolean;
}

/**
 * The furthest step the OPD reached; an OPD the team marked "tidak berpartisipasi" is that and
 * nothing else (no reminder is due to it). An appeal comes last in the workflow, so it wins; every cell
 * verified beats a submission (the team may verify without one, e.g. from an import); a
 * submission beats self-assessed cells.
 */
export function participationState(f: ParticipationFacts): ParticipationState {
	if (f.notParticipating) return 'not-participating';
	if (f.appeals > 0) return 'appealed';
	if (!f.notRated && f.cells > 0 && f.unverified === 0) return 'verified';
	if (f.submittedAt) return 'submitted';
	if (f.selfCells > 0) return 'started';
	return 'registered';
}

/** OPDs that have not submitted yet: the ones a reminder is for. */
export function awaitsSubmission(state: ParticipationState): boolean {
	return state === 'registered' || state === 'started';
}

/**
 * The deadline one OPD works to: the period's, or the OPD's extension when later. No general
 * deadline means none at all (an extension of nothing is meaningless).
 */
export function effectiveDeadline(general: Date | null, extension: Date | null): Date | null {
	if (general === null) return null;
	if (extension === null) return general;
	return extension.getTime() > general.getTime() ? extension : general;
}

/** Past its own deadline and still not submitted. */
export function isLate(state: ParticipationState, deadline: Date | null, now: Date): boolean {
	return awaitsSubmission(state) && deadline !== null && now.getTime() > deadline.getTime();
}

/**
 * Why an extension cannot be given (null: it can): frozen once the period is final, pointless
 * without a general deadline, and it must fall after that deadline.
 */
export function extensionProblem(
	status: PeriodStatus,
	general: Date | null,
	until: Date
): string | null {
	if (status === 'final' || status === 'published')
		return 'Periode sudah final: perpanjangan batas waktu tidak dapat diubah.';
	if (general === null)
		return 'Periode ini tidak memiliki batas penilaian mandiri: tidak ada yang perlu diperpanjang.';
	if (until.getTime() <= general.getTime())
		return 'Batas perpanjangan harus sesudah batas penilaian mandiri periode.';
	return null;
}

/** No second reminder to the same OPD within this time, unless the sender forces it. */
export const REMINDER_GAP_MS = 24 * 3_600_000;

/** Whether an OPD last reminded at `last` may be reminded again now. */
export function reminderDue(last: Date | null, now: Date, force: boolean): boolean {
	return force || last === null || now.getTime() - last.getTime() >= REMINDER_GAP_MS;
}

/** How many OPDs are in each state (every state present, zero included). */
export function countStates(
	rows: readonly { state: ParticipationState }[]
): Record<ParticipationState, number> {
	const counts = Object.fromEntries(PARTICIPATION_STATES.map((s) => [s, 0])) as Record<
		ParticipationState,
		number
	>;
	for (const r of rows) counts[r.state]++;
	return counts;
}

/** The board's filters, read from the query string so they work without JavaScript. */
export interface BoardFilter {
	state: ParticipationState | null;
	/** Only OPDs past their own deadline without a submission. */
	late: boolean;
	search: string;
}

export function readBoardFilter(params: URLSearchParams): BoardFilter {
	const state = params.get('status') ?? '';
	return {
		state: (PARTICIPATION_STATES as readonly string[]).includes(state)
			? (state as ParticipationState)
			: null,
		late: params.get('terlambat') === '1',
		search: (params.get('cari') ?? '').trim().slice(0, 100)
	};
}

/** The rows a filter keeps; the search matches words of the name or the slug, case-insensitive. */
export function filterBoard<
	T extends { state: ParticipationState; late: boolean; name: string; slug: string }
>(rows: readonly T[], filter: BoardFilter): T[] {
	const words = filter.search.toLowerCase().split(/\s+/).filter(Boolean);
	return rows.filter(
		(r) =>
			(filter.state === null || r.state === filter.state) &&
			(!filter.late || r.late) &&
			words.every((w) => r.name.toLowerCase().includes(w) || r.slug.includes(w))
	);
}
