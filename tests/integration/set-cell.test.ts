import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	cellEntityId,
	getCell,
	setCell,
	setOpdCells
} from '../../src/lib/server/workflow/assessments';
import { historyOf } from '../../src/lib/server/audit/audit';
import type { DB } from '../../src/lib/server/db';
import { auditEvents, indicators, periodOpds } from '../../src/lib/server/db/schema';
import { transition } from '../../src/lib/server/workflow/lifecycle';
import { WorkflowError } from '../../src/lib/server/workflow/error';
import { createDraft2022Db } from './helpers/workflow';

let db: DB;
let cleanup: () => Promise<void>;
let periodId: number;
let opdId: number;
let indicatorId: number;
const alice = { userId: null, name: 'alice' };
const bob = { userId: null, name: 'bob' };
const admin = { actor: { userId: null, name: 'admin' }, role: 'admin' as const };

beforeEach(async () => {
	({ db, cleanup, periodId } = await createDraft2022Db());

	await transition(periodId, 'open', admin, '', db);
	const [entry] = await db.select().from(periodOpds).where(eq(periodOpds.periodId, periodId));
	const [ind] = await db.select().from(indicators).where(eq(indicators.periodId, periodId));
	opdId = entry!.opdId;
	indicatorId = ind!.id;
});
afterEach(() => cleanup());

const tick = (value: number | null, expectedVersion: number, extra = {}) => ({
	value,
	notApplicable: false,
	expectedVersion,
	...extra
});
const audits = () => db.select().from(auditEvents).where(eq(auditEvents.action, 'cell.set'));

describe('setCell', () => {
	it('creates, then updates a cell, bumping the version and auditing before → after', async () => {
		const first = await setCell(periodId, opdId, indicatorId, tick(1, 0), alice, db);
		expect(first).toMatchObject({ status: 'saved', cell: { value: 1, version: 1 } });
		const second = await setCell(
			periodId,
			opdId,
			indicatorId,
			tick(0, 1, { evidenceUrl: 'https://serangkota.go.id/dip', note: 'tautan mati' }),
			bob,
			db
		);
		expect(second).toMatchObject({
			status: 'saved',
			cell: { value: 0, version: 2, evidenceUrl: 'https://serangkota.go.id/dip' }
		});
		// A toggle without evidence keeps the evidence.
		const third = await setCell(periodId, opdId, indicatorId, tick(1, 2), alice, db);
		expect(third).toMatchObject({
			cell: { value: 1, evidenceUrl: 'https://serangkota.go.id/dip' }
		});
		const history = await historyOf('cell', cellEntityId(periodId, opdId, indicatorId), db);
		expect(history.map((h) => h.actor)).toEqual(['alice', 'bob', 'alice']);
		expect(history[1]?.before).toMatchObject({ value: 1, version: 1 });
		expect(history[1]?.after).toMatchObject({ value: 0, version: 2, note: 'tautan mati' });
		expect(history[2]?.before).toBeNull();
	});

	it('refuses a stale version with the current value, writing nothing', async () => {
		await setCell(periodId, opdId, indicatorId, tick(1, 0), alice, db);
		const stale = await setCell(periodId, opdId, indicatorId, tick(0, 0), bob, db);
		expect(stale).toMatchObject({ status: 'conflict', current: { value: 1, version: 1 } });
		const staleUpdate = await setCell(periodId, opdId, indicatorId, tick(0, 7), bob, db);
		expect(staleUpdate.status).toBe('conflict');
		expect(await audits()).toHaveLength(1);
		expect((await getCell(periodId, opdId, indicatorId, db))?.value).toBe(1);
	});

	it('lets exactly one of many concurrent writers of the same version win', async () => {
		await setCell(periodId, opdId, indicatorId, tick(0, 0), alice, db);
		const results = await Promise.all(
			Array.from({ length: 10 }, (_, i) =>
				setCell(periodId, opdId, indicatorId, tick(i % 2, 1), { userId: null, name: `w${i}` }, db)
			)
		);
		expect(results.filter((r) => r.status === 'saved')).toHaveLength(1);
		expect(await audits()).toHaveLength(2);
		expect((await getCell(periodId, opdId, indicatorId, db))?.version).toBe(2);
	});

	it.each([
		['a check valued 2', () => tick(2, 0), 400],
		['a non-http evidence link', () => tick(1, 0, { evidenceUrl: 'javascript:alert(1)' }), 400]
	])('refuses %s', async (_label, input, status) => {
		const e = await setCell(periodId, opdId, indicatorId, input(), alice, db).catch((x) => x);
		expect(e).toBeInstanceOf(WorkflowError);
		expect((e as WorkflowError).status).toBe(status);
		expect(await audits()).toHaveLength(0);
	});

	it('refuses an OPD outside the roster and an indicator of another period', async () => {
		const [other] = await db
			.select()
			.from(indicators)
			.where(and(eq(indicators.key, 'renja')))
			.limit(1);
		for (const [o, i] of [
			[999999, indicatorId],
			[opdId, other?.periodId === periodId ? 999999 : other!.id]
		] as const) {
			const e = await setCell(periodId, o, i, tick(1, 0), alice, db).catch((x) => x);
			expect((e as WorkflowError).status).toBe(404);
		}
		expect(await audits()).toHaveLength(0);
	});

	it('refuses every save once the period is final', async () => {
		await setCell(periodId, opdId, indicatorId, tick(1, 0), alice, db);
		await transition(periodId, 'evaluation', admin, '', db);
		await transition(periodId, 'final', admin, '', db);
		const e = await setCell(periodId, opdId, indicatorId, tick(0, 1), alice, db).catch((x) => x);
		expect(e).toBeInstanceOf(WorkflowError);
		expect((e as WorkflowError).status).toBe(409);
		expect((e as WorkflowError).message).toMatch(/final/);
		expect((await getCell(periodId, opdId, indicatorId, db))?.value).toBe(1);
		expect(await audits()).toHaveLength(1);
	});
});

describe('setOpdCells (the per-OPD form without JavaScript)', () => {
	it('saves only changed cells, all or nothing, refusing when one was changed meanwhile', async () => {
		const inds = await db.select().from(indicators).where(eq(indicators.periodId, periodId));
		const [a, b] = inds;
		const was = { value: null, notApplicable: false, evidenceUrl: null, note: null };
		const form = (value: number, version: number, indicator = a!) => ({
			indicatorId: indicator.id,
			value,
			notApplicable: false,
			expectedVersion: version,
			was
		});
		// Unchanged cells are skipped.
		expect(await setOpdCells(periodId, opdId, [{ ...form(0, 0), value: null }], alice, db)).toEqual(
			{ saved: 0, stale: [] }
		);
		expect(await setOpdCells(periodId, opdId, [form(1, 0), form(1, 0, b)], alice, db)).toEqual({
			saved: 2,
			stale: []
		});
		// Bob's form still shows version 0 for b: nothing of his is saved.
		const stale = await setOpdCells(periodId, opdId, [form(0, 1), form(0, 0, b)], bob, db);
		expect(stale).toEqual({ saved: 0, stale: [b!.id] });
		expect((await getCell(periodId, opdId, a!.id, db))?.value).toBe(1);
		expect(await audits()).toHaveLength(2);
	});
});
