/**
 * The period lifecycle as a pure table: draft → open → evaluation → final → published, who may
 * move a period along which edge, and what each status allows. Framework-free, so the server
 * verbs, the pages (which buttons to show) and the tests read the same table.
 */
import { can, type Capability, type Role } from '../permissions';

export const PERIOD_STATUSES = ['draft', 'open', 'evaluation', 'final', 'published'] as const;
export type PeriodStatus = (typeof PERIOD_STATUSES)[number];

export const STATUS_LABELS: Record<PeriodStatus, string> = {
	draft: 'Draf',
	open: 'Dibuka (penilaian mandiri)',
	evaluation: 'Evaluasi',
	final: 'Final (terkunci)',
	published: 'Dipublikasikan'
};

export interface Transition {
	from: PeriodStatus;
	to: PeriodStatus;
	capability: Capability;
	/** Reopening a locked period must say why; the reason goes into the audit log. */
	needsReason: boolean;
	/** Button label. */
	label: string;
}

export const TRANSITIONS: readonly Transition[] = [
	{
		from: 'draft',
		to: 'open',
		capability: 'periods.manage',
		needsReason: false,
		label: 'Buka periode'
	},
	{
		from: 'open',
		to: 'draft',
		capability: 'periods.manage',
		needsReason: false,
		label: 'Kembalikan ke draf'
	},
	{
		from: 'open',
		to: 'evaluation',
		capability: 'period.finalize',
		needsReason: false,
		label: 'Mulai evaluasi'
	},
	{
		from: 'evaluation',
		to: 'open',
		capability: 'period.finalize',
		needsReason: false,
		label: 'Buka lagi penilaian mandiri'
	},
	{
		from: 'evaluation',
		to: 'final',
		capability: 'period.finalize',
		needsReason: false,
		label: 'Finalkan'
	},
	{
		from: 'final',
		to: 'evaluation',
		capability: 'period.finalize',
		needsReason: true,
		label: 'Buka kembali'
	},
	{
		from: 'final',
		to: 'published',
		capability: 'period.publish',
		needsReason: false,
		label: 'Publikasikan'
	},
	{
		from: 'published',
		to: 'evaluation',
		capability: 'period.publish',
		needsReason: true,
		label: 'Buka kembali'
	}
];

export type TransitionCheck =
	{ ok: true; transition: Transition } | { ok: false; status: 400 | 403 | 409; message: string };

/** Whether `role` may move a period from `from` to `to` (with `reason` where one is needed). */
export function checkTransition(
	from: PeriodStatus,
	to: PeriodStatus,
	role: Role,
	reason = ''
): TransitionCheck {
	const transition = TRANSITIONS.find((t) => t.from === from && t.to === to);
	if (!transition) {
		return {
			ok: false,
			status: 409,
			message: `Periode berstatus "${STATUS_LABELS[from]}" tidak dapat diubah menjadi "${STATUS_LABELS[to]}".`
		};
	}
	if (!can(role, transition.capability)) {
		return {
			ok: false,
			status: 403,
			message: `Anda tidak berhak mengubah periode dari "${STATUS_LABELS[from]}" menjadi "${STATUS_LABELS[to]}".`
		};
	}
	if (transition.needsReason && reason.trim().length < 5) {
		return {
			ok: false,
			status: 400,
			message:
				'Membuka kembali periode yang sudah final atau dipublikasikan harus disertai alasan (minimal 5 karakter).'
		};
	}
	return { ok: true, transition };
}

/**
 * Finalising and publishing are never one click: the team reads the readiness summary (cells not
 * assessed, open appeals, unsettled ties) and ticks a confirmation first.
 */
export function needsConfirmation(to: PeriodStatus): boolean {
	return to === 'final' || to === 'published';
}

/** The moves a role may offer on a period in `status`. */
export function transitionsFor(status: PeriodStatus, role: Role): Transition[] {
	return TRANSITIONS.filter((t) => t.from === status && can(role, t.capability));
}

/** Evaluators enter verified values while the period is open or under evaluation. */
export function cellsEditable(status: PeriodStatus): boolean {
	return status === 'open' || status === 'evaluation';
}

/** The rubric and the roster change only before the period is locked. */
export function rubricEditable(status: PeriodStatus): boolean {
	return status === 'draft' || status === 'open' || status === 'evaluation';
}

/** Operators self-assess while the period is open and its deadline (if any) has not passed. */
export function selfAssessmentOpen(
	status: PeriodStatus,
	deadline: Date | null,
	now: Date
): boolean {
	return status === 'open' && (deadline === null || now.getTime() <= deadline.getTime());
}

/** Appeals (keberatan) are filed on the results of a locked period. */
export function appealsOpen(status: PeriodStatus): boolean {
	return status === 'final' || status === 'published';
}

/** Why cells cannot change in a period of this status, for refusals. */
export function lockedMessage(status: PeriodStatus): string {
	if (status === 'final' || status === 'published')
		return `Periode sudah ${status === 'final' ? 'final' : 'dipublikasikan'}: nilai tidak dapat diubah. Buka kembali periode (dengan alasan) bila perlu koreksi.`;
	if (status === 'draft') return 'Periode masih draf: buka periode terlebih dahulu.';
	return 'Nilai periode ini tidak dapat diubah sekarang.';
}
