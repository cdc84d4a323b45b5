/**
 * The evaluation matrix's keyboard and stage locks, as pure functions: what a key press does to
 * the focused cell, and why a cell cannot be set now. The grid component and the per-OPD form
 * both ask here, so they cannot drift apart.
 */
import { nextValue, NOT_APPLICABLE, type CellIndicator } from './cell-value';

/** A staged period's locks: only the running stage's columns are open, stopped OPDs are closed. */
export interface StageLocks {
	openIndicatorIds: readonly number[];
	columnReason: string;
	stopped: Readonly<Record<number, string>>;
}

/** Why this cell cannot be set now (stage rules), or null when it can. */
export function cellLock(
	locks: StageLocks | null | undefined,
	opdId: number,
	indicatorId: number
): string | null {
	if (!locks) return null;
	if (!locks.openIndicatorIds.includes(indicatorId)) return locks.columnReason;
	return locks.stopped[opdId] ?? null;
}

export interface KeyPress {
	key: string;
	shiftKey?: boolean;
	altKey?: boolean;
	ctrlKey?: boolean;
	metaKey?: boolean;
}

export interface GridContext {
	/** Focused row and column. */
	r: number;
	c: number;
	rows: number;
	cols: number;
	/** Rows moved by PageUp/PageDown. */
	page: number;
	indicator: CellIndicator;
	/** The cell's value now (-1 not applicable, null not assessed) and the self-assessed one. */
	current: number | null;
	self: number | null;
	/** Digits typed into this cell and not yet saved (count indicators), or null. */
	typed: string | null;
}

/**
 * What a key does. `move` to a cell (clamped to the grid); `set` a value (`clearTyped` drops
 * pending digits); `type` shows pending digits; `commit` saves them; `cancel` drops them;
 * `ignore` swallows the key; null leaves it to the browser (modifiers, Tab out of the row).
 */
export type GridAction =
	| { type: 'move'; r: number; c: number }
	| { type: 'set'; value: number | null; clearTyped?: boolean }
	| { type: 'type'; text: string }
	| { type: 'commit' }
	| { type: 'cancel' }
	| { type: 'ignore' }
	| null;

/** Longest number typed into a count cell. */
export const TYPED_MAX = 7;

export function gridKey(press: KeyPress, ctx: GridContext): GridAction {
	if (press.altKey || press.ctrlKey || press.metaKey) return null;
	const { r, c, indicator: ind, current } = ctx;
	const moves: Record<string, [number, number]> = {
		ArrowUp: [r - 1, c],
		ArrowDown: [r + 1, c],
		ArrowLeft: [r, c - 1],
		ArrowRight: [r, c + 1],
		Home: [r, 0],
		End: [r, ctx.cols - 1],
		PageUp: [r - ctx.page, c],
		PageDown: [r + ctx.page, c],
		Tab: press.shiftKey ? [r, c - 1] : [r, c + 1]
	};
	const move = moves[press.key];
	if (move) {
		// Tab past either end of the row leaves the grid, as everywhere else on the page.
		if (press.key === 'Tab' && (move[1] < 0 || move[1] >= ctx.cols)) return null;
		return {
			type: 'move',
			r: Math.max(0, Math.min(ctx.rows - 1, move[0])),
			c: Math.max(0, Math.min(ctx.cols - 1, move[1]))
		};
	}
	if (press.key === ' ' || press.key === 'Enter') {
		if (ctx.typed !== null) return { type: 'commit' };
		if (ind.kind === 'count') return { type: 'ignore' };
		return { type: 'set', value: nextValue(ind, current === NOT_APPLICABLE ? null : current) };
	}
	if (press.key === 'Backspace' && ctx.typed !== null)
		return { type: 'type', text: ctx.typed.slice(0, -1) };
	if (press.key === 'Backspace' || press.key === 'Delete')
		return { type: 'set', value: null, clearTyped: true };
	if (press.key === 'n' || press.key === 'N')
		return { type: 'set', value: current === NOT_APPLICABLE ? null : NOT_APPLICABLE };
	// Accept the self-assessed value as verified.
	if (press.key === 'a' || press.key === 'A')
		return ctx.self !== null ? { type: 'set', value: ctx.self } : { type: 'ignore' };
	if (press.key === 'Escape') return { type: 'cancel' };
	if (/^\d$/.test(press.key)) {
		const digit = Number(press.key);
		if (ind.kind === 'check')
			return digit <= 1 ? { type: 'set', value: digit } : { type: 'ignore' };
		if (ind.kind === 'scale')
			return digit <= (ind.maxLevel ?? 0) ? { type: 'set', value: digit } : { type: 'ignore' };
		return { type: 'type', text: ((ctx.typed ?? '') + press.key).slice(0, TYPED_MAX) };
	}
	return null;
}
