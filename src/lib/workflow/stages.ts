/**
 * Stages as a workflow, as a pure table. A period whose rubric has several stages (website
 * monitoring → SAQ → visitasi → uji publik) moves through them one at a time while it is under
 * evaluation: a stage is started, its cells are filled by its evaluators, its results are
 * announced (opening the appeal window, masa sanggah), then it is closed and the next one starts.
 * An OPD below a stage's minimum does not go on: its cells in later stages stay empty.
 *
 * Framework-free, so the server verbs, the pages and the tests read the same rules.
 */
import { formatNumberId } from '../scoring/number';
import type { Stage } from '../scoring/types';

export const STAGE_STATUSES = ['pending', 'active', 'announced', 'closed'] as const;
export type StageStatus = (typeof STAGE_STATUSES)[number];

export const STAGE_STATUS_LABELS: Record<StageStatus, string> = {
	pending: 'Belum dimulai',
	active: 'Berjalan',
	announced: 'Hasil diumumkan (masa sanggah)',
	closed: 'Selesai'
};

export type StageAction = 'start' | 'announce' | 'close';

export const STAGE_ACTION_LABELS: Record<StageAction, string> = {
	start: 'Mulai tahap',
	announce: 'Umumkan hasil tahap',
	close: 'Tutup tahap'
};

/** One stage of a period: its rubric definition joined with its schedule and state. */
export interface StageState {
	key: string;
	label: string;
	order: number;
	minToProceed?: number;
	status: StageStatus;
	startsAt: Date | null;
	endsAt: Date | null;
	appealEndsAt: Date | null;
	/** Evaluators assigned to the stage; empty: every evaluator may fill it. */
	evaluatorIds: number[];
}

/** A stage's dates (all optional). */
export interface ScheduleDates {
	startsAt: Date | null;
	endsAt: Date | null;
	appealEndsAt: Date | null;
}

/** A rubric with more than one stage runs its stages as a workflow; a flat rubric does not. */
export function isStaged(stages: readonly Stage[]): boolean {
	return stages.length > 1;
}

export interface StoredStage {
	stageKey: string;
	status: StageStatus;
	startsAt: Date | null;
	endsAt: Date | null;
	appealEndsAt: Date | null;
}

/** The rubric's stages in order, each with its stored state (pending when nothing is stored). */
export function stageStates(
	stages: readonly Stage[],
	stored: readonly StoredStage[],
	evaluators: readonly { stageKey: string; userId: number }[]
): StageState[] {
	const byKey = new Map(stored.map((s) => [s.stageKey, s]));
	return [...stages]
		.sort((a, b) => a.order - b.order)
		.map((stage) => {
			const row = byKey.get(stage.key);
			return {
				key: stage.key,
				label: stage.label,
				order: stage.order,
				minToProceed: stage.minToProceed,
				status: row?.status ?? 'pending',
				startsAt: row?.startsAt ?? null,
				endsAt: row?.endsAt ?? null,
				appealEndsAt: row?.appealEndsAt ?? null,
				evaluatorIds: evaluators.filter((e) => e.stageKey === stage.key).map((e) => e.userId)
			};
		});
}

export type StageCheck = { ok: true } | { ok: false; message: string };

const refuse = (message: string): StageCheck => ({ ok: false, message });

/**
 * Whether `action` may be taken on stage `key` now. Stages run strictly in order: one starts
 * only when every earlier stage is closed; results are announced from a running stage; a stage
 * closes after its appeal window, and never while appeals on it wait for an answer.
 */
export function checkStageAction(
	states: readonly StageState[],
	key: string,
	action: StageAction,
	context: { periodUnderEvaluation: boolean; pendingAppeals: number; now: Date }
): StageCheck {
	const index = states.findIndex((s) => s.key === key);
	const stage = states[index];
	if (!stage) return refuse('Tahap tidak dikenal pada rubrik periode ini.');
	const wrongStatus = () =>
		refuse(
			`Tahap "${stage.label}" berstatus "${STAGE_STATUS_LABELS[stage.status]}": tidak dapat di${ACTION_VERB[action]}.`
		);
	switch (action) {
		case 'start': {
			if (!context.periodUnderEvaluation)
				return refuse('Tahap hanya dapat dimulai ketika periode berstatus Evaluasi.');
			if (stage.status !== 'pending') return wrongStatus();
			const unfinished = states.slice(0, index).find((s) => s.status !== 'closed');
			if (unfinished)
				return refuse(
					`Selesaikan dulu tahap "${unfinished.label}" (${STAGE_STATUS_LABELS[unfinished.status].toLowerCase()}).`
				);
			return { ok: true };
		}
		case 'announce':
			if (stage.status !== 'active') return wrongStatus();
			return { ok: true };
		case 'close':
			if (stage.status !== 'announced') return wrongStatus();
			if (context.pendingAppeals > 0)
				return refuse(
					`Masih ada ${context.pendingAppeals} sanggahan tahap "${stage.label}" yang belum dijawab.`
				);
			return { ok: true };
	}
}

const ACTION_VERB: Record<StageAction, string> = {
	start: 'mulai',
	announce: 'umumkan',
	close: 'tutup'
};

/** The actions the stage offers now (buttons), with the state of the other stages considered. */
export function stageActions(
	states: readonly StageState[],
	key: string,
	context: { periodUnderEvaluation: boolean; pendingAppeals: number; now: Date }
): StageAction[] {
	return (['start', 'announce', 'close'] as const).filter(
		(action) => checkStageAction(states, key, action, context).ok
	);
}

/** The stage being worked on: the running one, else the last announced one, else none. */
export function currentStage(states: readonly StageState[]): StageState | null {
	return (
		states.find((s) => s.status === 'active') ??
		[...states].reverse().find((s) => s.status === 'announced') ??
		null
	);
}

/** Whether a stage's results are out (announced or closed): its scores and stops are final. */
export function resultsOut(status: StageStatus): boolean {
	return status === 'announced' || status === 'closed';
}

/** Whether operators may appeal the results of `stage` at `now` (announced, window not over). */
export function stageAppealOpen(stage: StageState, now: Date): boolean {
	return (
		stage.status === 'announced' &&
		(!stage.appealEndsAt || now.getTime() <= stage.appealEndsAt.getTime())
	);
}

/** Where an OPD stopped: the stage whose minimum it missed, with its score there. */
export interface StoppedAt {
	stageKey: string;
	score: number;
}

/** Why a cell of a stage may not be set, as data (the import groups refusals by it). */
export type CellStageCheck =
	| { ok: true }
	| { ok: false; kind: 'unknown' }
	| { ok: false; kind: 'inactive'; stage: StageState }
	| { ok: false; kind: 'unassigned'; stage: StageState }
	| { ok: false; kind: 'stopped'; stage: StageState; stoppedAt: StageState; score: number };

/**
 * Whether an evaluator may set a cell of `stage` for an OPD. Only the running stage takes values;
 * a stage with assigned evaluators takes them only from those (or an admin); an OPD that missed an
 * earlier stage's minimum does not go on.
 */
export function cellStageCheck(
	states: readonly StageState[],
	stageKey: string,
	who: { userId: number | null; isAdmin: boolean },
	stoppedAt: StoppedAt | null
): CellStageCheck {
	const index = states.findIndex((s) => s.key === stageKey);
	const stage = states[index];
	if (!stage) return { ok: false, kind: 'unknown' };
	if (stage.status !== 'active') return { ok: false, kind: 'inactive', stage };
	if (
		stage.evaluatorIds.length > 0 &&
		!who.isAdmin &&
		(who.userId === null || !stage.evaluatorIds.includes(who.userId))
	)
		return { ok: false, kind: 'unassigned', stage };
	if (stoppedAt) {
		const stopIndex = states.findIndex((s) => s.key === stoppedAt.stageKey);
		if (stopIndex >= 0 && stopIndex < index)
			return {
				ok: false,
				kind: 'stopped',
				stage,
				stoppedAt: states[stopIndex]!,
				score: stoppedAt.score
			};
	}
	return { ok: true };
}

/** `cellStageCheck` as the message a refused cell save reads, or null when the cell may be set. */
export function cellStageRefusal(
	states: readonly StageState[],
	stageKey: string,
	who: { userId: number | null; isAdmin: boolean },
	stoppedAt: StoppedAt | null,
	decimals = 2
): string | null {
	const check = cellStageCheck(states, stageKey, who, stoppedAt);
	if (check.ok) return null;
	switch (check.kind) {
		case 'unknown':
			return 'Indikator ini tidak termasuk tahap mana pun pada rubrik periode ini.';
		case 'inactive':
			return `Indikator ini dinilai pada tahap "${check.stage.label}", yang berstatus "${STAGE_STATUS_LABELS[check.stage.status]}". Hanya tahap yang sedang berjalan yang dapat diisi.`;
		case 'unassigned':
			return `Anda tidak ditugaskan sebagai penilai tahap "${check.stage.label}".`;
		case 'stopped':
			return stopReason(check.stoppedAt, check.score, decimals);
	}
}

/** "Tidak lanjut: nilai tahap X 45,00 di bawah batas minimum 60." for an OPD that stopped. */
export function stopReason(stage: StageState | Stage, score: number, decimals = 2): string {
	return `Tidak lanjut ke tahap berikutnya: nilai tahap "${stage.label}" ${formatNumberId(score, decimals)} di bawah batas minimum ${formatNumberId(stage.minToProceed ?? 0, decimals)}.`;
}
