import { describe, expect, it } from 'vitest';
import type { CellIndicator } from './cell-value';
import { cellLock, gridKey, type GridContext, type KeyPress } from './matrix-keys';

const check: CellIndicator = { kind: 'check' };
const scale: CellIndicator = { kind: 'scale', maxLevel: 3 };
const count: CellIndicator = { kind: 'count' };

const at = (over: Partial<GridContext> = {}): GridContext => ({
	r: 5,
	c: 2,
	rows: 20,
	cols: 6,
	page: 10,
	indicator: check,
	current: null,
	self: null,
	typed: null,
	...over
});

describe('gridKey', () => {
	const cases: [string, KeyPress, Partial<GridContext>, ReturnType<typeof gridKey>][] = [
		['arrow up', { key: 'ArrowUp' }, {}, { type: 'move', r: 4, c: 2 }],
		['arrow down', { key: 'ArrowDown' }, {}, { type: 'move', r: 6, c: 2 }],
		['arrow left', { key: 'ArrowLeft' }, {}, { type: 'move', r: 5, c: 1 }],
		['arrow right', { key: 'ArrowRight' }, {}, { type: 'move', r: 5, c: 3 }],
		['arrow up on the first row stays', { key: 'ArrowUp' }, { r: 0 }, { type: 'move', r: 0, c: 2 }],
		['home', { key: 'Home' }, {}, { type: 'move', r: 5, c: 0 }],
		['end', { key: 'End' }, {}, { type: 'move', r: 5, c: 5 }],
		['page down clamps to the last row', { key: 'PageDown' }, {}, { type: 'move', r: 15, c: 2 }],
		['page down near the end', { key: 'PageDown' }, { r: 15 }, { type: 'move', r: 19, c: 2 }],
		['page up clamps to the first row', { key: 'PageUp' }, {}, { type: 'move', r: 0, c: 2 }],
		['tab', { key: 'Tab' }, {}, { type: 'move', r: 5, c: 3 }],
		['shift+tab', { key: 'Tab', shiftKey: true }, {}, { type: 'move', r: 5, c: 1 }],
		['tab off the row end leaves the grid', { key: 'Tab' }, { c: 5 }, null],
		['shift+tab off the row start', { key: 'Tab', shiftKey: true }, { c: 0 }, null],
		['ctrl+arrow is the browser’s', { key: 'ArrowDown', ctrlKey: true }, {}, null],
		['alt+n is the browser’s', { key: 'n', altKey: true }, {}, null],
		['space ticks an empty check', { key: ' ' }, {}, { type: 'set', value: 1 }],
		['enter unticks', { key: 'Enter' }, { current: 1 }, { type: 'set', value: 0 }],
		['space on not applicable ticks', { key: ' ' }, { current: -1 }, { type: 'set', value: 1 }],
		[
			'space raises a level',
			{ key: ' ' },
			{ indicator: scale, current: 1 },
			{ type: 'set', value: 2 }
		],
		[
			'space past the top level empties',
			{ key: ' ' },
			{ indicator: scale, current: 3 },
			{ type: 'set', value: null }
		],
		['space on a count does nothing', { key: ' ' }, { indicator: count }, { type: 'ignore' }],
		[
			'enter saves typed digits',
			{ key: 'Enter' },
			{ indicator: count, typed: '12' },
			{ type: 'commit' }
		],
		[
			'delete empties',
			{ key: 'Delete' },
			{ current: 1 },
			{ type: 'set', value: null, clearTyped: true }
		],
		[
			'backspace empties when nothing is typed',
			{ key: 'Backspace' },
			{ current: 1 },
			{ type: 'set', value: null, clearTyped: true }
		],
		[
			'backspace removes a typed digit',
			{ key: 'Backspace' },
			{ indicator: count, typed: '12' },
			{ type: 'type', text: '1' }
		],
		['n marks not applicable', { key: 'n' }, { current: 1 }, { type: 'set', value: -1 }],
		['N again clears it', { key: 'N' }, { current: -1 }, { type: 'set', value: null }],
		['a accepts the self-assessment', { key: 'a' }, { self: 1 }, { type: 'set', value: 1 }],
		['a without one does nothing', { key: 'A' }, {}, { type: 'ignore' }],
		['escape drops typing', { key: 'Escape' }, { typed: '3' }, { type: 'cancel' }],
		['1 ticks a check', { key: '1' }, {}, { type: 'set', value: 1 }],
		['0 marks absent', { key: '0' }, { current: 1 }, { type: 'set', value: 0 }],
		['2 is no check value', { key: '2' }, {}, { type: 'ignore' }],
		['3 sets a level', { key: '3' }, { indicator: scale }, { type: 'set', value: 3 }],
		['4 is above the top level', { key: '4' }, { indicator: scale }, { type: 'ignore' }],
		['a digit starts a count', { key: '4' }, { indicator: count }, { type: 'type', text: '4' }],
		[
			'digits add up to seven',
			{ key: '9' },
			{ indicator: count, typed: '1234567' },
			{ type: 'type', text: '1234567' }
		],
		['other keys are the browser’s', { key: 'x' }, {}, null]
	];
	it.each(cases)('%s', (_name, press, ctx, expected) => {
		expect(gridKey(press, at(ctx))).toEqual(expected);
	});
});

describe('cellLock', () => {
	const locks = {
		openIndicatorIds: [10, 11],
		columnReason: 'Di luar tahap berjalan.',
		stopped: { 7: 'Tidak lanjut ke tahap ini.' }
	};
	it.each([
		['no stages: open', null, 1, 10, null],
		['open column, running OPD', locks, 1, 10, null],
		['closed column', locks, 1, 12, 'Di luar tahap berjalan.'],
		['stopped OPD in an open column', locks, 7, 11, 'Tidak lanjut ke tahap ini.'],
		['stopped OPD in a closed column says the column', locks, 7, 12, 'Di luar tahap berjalan.']
	] as const)('%s', (_name, l, opd, ind, expected) => {
		expect(cellLock(l, opd, ind)).toBe(expected);
	});
});
