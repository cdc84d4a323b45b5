import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getCell, setCell } from '../../src/lib/server/workflow/assessments';
import type { DB } from '../../src/lib/server/db';
import {
	auditEvents,
	indicators,
	notifications,
	opds,
	periods
} from '../../src/lib/server/db/schema';
import { setSelfDeadline, transition } from '../../src/lib/server/workflow/lifecycle';
import { listFor } from '../../src/lib/server/workflow/notifications';
import {
	saveSelf,
	selfView,
	submissionCheckOf,
	submitSelf,
	workingGapsOf
} from '../../src/lib/server/workflow/self-assessment';
import { WorkflowError } from '../../src/lib/server/workflow/error';
import { uploadEvidence } from '../../src/lib/server/evidence/files';
import { createDraft2022Db, sessionUser } from './helpers/workflow';

let db: DB;
let cleanup: () => Promise<void>;
let periodId: number;
let opdId: number;
let indicatorId: number;
let operator: { userId: number; name: string };
let evaluatorId: number;
const admin = { actor: { userId: null, name: 'admin' }, role: 'admin' as const };
const evaluator = () => ({ userId: evaluatorId, name: 'demo-evaluator' });

beforeEach(async () => {
	({ db, cleanup, periodId } = await createDraft2022Db());

	const op = await sessionUser(db, 'demo-operator');
	operator = { userId: op.id, name: op.username };
	opdId = op.opdId!;
	evaluatorId = (await sessionUser(db, 'demo-evaluator')).id;
	const [ind] = await db
		.select()
		.from(indicators)
		.where(eq(indicators.periodId, periodId))
		.orderBy(indicators.sortOrder);
	indicatorId = ind!.id;
});
afterEach(() => cleanup());

const period = async () => (await db.select().from(periods).where(eq(periods.id, periodId)))[0]!;
const self = (
	value: number | null,
	evidenceUrl: string | null = 'https://diskominfo.serangkota.go.id/renja'
) => [{ indicatorId, value, notApplicable: false, evidenceUrl, note: null }];
const status = (p: Promise<unknown>) =>
	p.then(
		() => 'ok',
		(e: unknown) => (e instanceof WorkflowError ? e.status : e)
	);

describe('self-assessment', () => {
	it('is refused before the period opens', async () => {
		expect(await status(saveSelf(periodId, opdId, self(1), operator, new Date(), db))).toBe(409);
	});

	it('keeps self and verified values side by side; the version is left to evaluators', async () => {
		await transition(periodId, 'open', admin, '', db);
		expect(await saveSelf(periodId, opdId, self(1), operator, new Date(), db)).toBe(1);
		// Saving the same again changes nothing.
		expect(await saveSelf(periodId, opdId, self(1), operator, new Date(), db)).toBe(0);
		let cell = await getCell(periodId, opdId, indicatorId, db);
		expect(cell).toMatchObject({ selfValue: 1, value: null, version: 1 });
		// The evaluator sets another value with a reason: the operator is told, both stay.
		const saved = await setCell(
			periodId,
			opdId,
			indicatorId,
			{ value: 0, notApplicable: false, expectedVersion: 1, reason: 'Tautan mati saat diperiksa' },
			evaluator(),
			db
		);
		expect(saved.status).toBe('saved');
		cell = await getCell(periodId, opdId, indicatorId, db);
		expect(cell).toMatchObject({
			selfValue: 1,
			value: 0,
			verifyReason: 'Tautan mati saat diperiksa'
		});
		const view = await selfView(await period(), opdId, db);
		expect(view?.rows[0]).toMatchObject({
			self: 1,
			verified: 0,
			verifyReason: 'Tautan mati saat diperiksa'
		});
		expect(view?.lastYear).toBe(2021);
		expect(view?.rows.some((r) => r.lastYear !== null)).toBe(true);
		const inbox = await listFor(operator.userId, 10, db);
		expect(inbox[0]?.message).toMatch(/Tautan mati/);
		const audits = await db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.periodId, periodId), eq(auditEvents.action, 'cell.self')));
		expect(audits).toHaveLength(1);
	});

	it('closes at the deadline; an evaluator extends it (audited, operators notified)', async () => {
		await transition(periodId, 'open', admin, '', db);
		const yesterday = new Date(Date.now() - 86_400_000);
		await setSelfDeadline(periodId, yesterday, evaluator(), db);
		expect(await status(saveSelf(periodId, opdId, self(1), operator, new Date(), db))).toBe(409);
		expect(await getCell(periodId, opdId, indicatorId, db)).toBeNull();
		await setSelfDeadline(periodId, new Date(Date.now() + 7 * 86_400_000), evaluator(), db);
		expect(await saveSelf(periodId, opdId, self(1), operator, new Date(), db)).toBe(1);
		const deadlines = await db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, 'period.deadline'));
		expect(deadlines).toHaveLength(2);
		const inbox = await listFor(operator.userId, 10, db);
		expect(inbox.filter((n) => n.kind === 'deadline.set')).toHaveLength(2);
	});

	it('refuses bad evidence links and values, saving nothing', async () => {
		await transition(periodId, 'open', admin, '', db);
		expect(
			await status(saveSelf(periodId, opdId, self(1, 'ftp://x'), operator, new Date(), db))
		).toBe(400);
		expect(await status(saveSelf(periodId, opdId, self(3), operator, new Date(), db))).toBe(400);
		expect(await getCell(periodId, opdId, indicatorId, db)).toBeNull();
	});

	it('refuses an OPD outside the roster', async () => {
		await transition(periodId, 'open', admin, '', db);
		const [outsider] = await db
			.insert(opds)
			.values({ slug: 'luar', name: 'Luar', shortName: 'Luar', kind: 'lainnya' })
			.returning();
		expect(await status(saveSelf(periodId, outsider!.id, self(1), operator, new Date(), db))).toBe(
			404
		);
	});

	it('submitting notifies every evaluator', async () => {
		await transition(periodId, 'open', admin, '', db);
		// A blank cell refuses the submission (submission-check.ts): fill every one in first.
		const all = await db.select().from(indicators).where(eq(indicators.periodId, periodId));
		const inputs = all.map((i) => ({
			indicatorId: i.id,
			value: 0,
			notApplicable: false,
			evidenceUrl: null,
			note: null
		}));
		await saveSelf(periodId, opdId, inputs, operator, new Date(), db);
		await submitSelf(periodId, opdId, operator, new Date(), db);
		const inbox = await db
			.select()
			.from(notifications)
			.where(eq(notifications.userId, evaluatorId));
		expect(inbox).toHaveLength(1);
		expect(inbox[0]).toMatchObject({ kind: 'self.submitted', href: '/penilaian/2022' });
	});

	it('counts an uploaded self-side file as the evidence a "bukti wajib" claim needs', async () => {
		await transition(periodId, 'open', admin, '', db);
		await db
			.update(indicators)
			.set({ evidenceRequired: true })
			.where(eq(indicators.id, indicatorId));
		const all = await db.select().from(indicators).where(eq(indicators.periodId, periodId));
		const inputs = all.map((i) => ({
			indicatorId: i.id,
			value: i.id === indicatorId ? 1 : 0,
			notApplicable: false,
			evidenceUrl: null,
			note: null
		}));
		await saveSelf(periodId, opdId, inputs, operator, new Date(), db);
		const before = await submissionCheckOf(periodId, opdId, db);
		expect(before.issues).toEqual([
			expect.objectContaining({ indicatorId, kind: 'evidence', blocks: true })
		]);
		const png = new Uint8Array(64);
		png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
		// An evaluator's file on the cell is not the operator's evidence.
		await transition(periodId, 'evaluation', admin, '', db);
		await uploadEvidence(
			{ periodId, opdId, indicatorId, side: 'verified', name: 'cek.png', bytes: png },
			admin.actor,
			undefined,
			new Date(),
			db
		);
		expect((await submissionCheckOf(periodId, opdId, db)).blocking).toBe(1);
		await db.update(periods).set({ status: 'open' }).where(eq(periods.id, periodId));
		await uploadEvidence(
			{ periodId, opdId, indicatorId, side: 'self', name: 'renja.png', bytes: png },
			operator,
			undefined,
			new Date(),
			db
		);
		expect(await submissionCheckOf(periodId, opdId, db)).toMatchObject({ blocking: 0, issues: [] });
	});
});

describe('a first verification over a self-assessed cell', () => {
	it('is not a conflict when the matrix was loaded before the operator filled it in', async () => {
		await transition(periodId, 'open', admin, '', db);
		await saveSelf(periodId, opdId, self(1), operator, new Date(), db);
		const saved = await setCell(
			periodId,
			opdId,
			indicatorId,
			{ value: 1, notApplicable: false, expectedVersion: 0 },
			evaluator(),
			db
		);
		expect(saved).toMatchObject({ status: 'saved', cell: { value: 1, selfValue: 1, version: 2 } });
		// A second first-save is a conflict: the cell is verified now.
		const again = await setCell(
			periodId,
			opdId,
			indicatorId,
			{ value: 0, notApplicable: false, expectedVersion: 0 },
			evaluator(),
			db
		);
		expect(again.status).toBe('conflict');
		const audits = await db.select().from(auditEvents).where(eq(auditEvents.action, 'cell.set'));
		expect(audits).toHaveLength(1);
		expect(audits[0]?.after).toMatchObject({ value: 1, version: 2 });
	});
});

describe('deadline reminders', () => {
	it("remind the operator within three days of an open period's deadline, not before or after", async () => {
		const { deadlineReminders } = await import('../../src/lib/server/workflow/notifications');
		await transition(periodId, 'open', admin, '', db);
		const now = new Date('2030-05-10T00:00:00Z');
		for (const [deadline, expected] of [
			['2030-05-12T00:00:00Z', 1],
			['2030-05-20T00:00:00Z', 0],
			['2030-05-09T00:00:00Z', 0]
		] as const) {
			await setSelfDeadline(periodId, new Date(deadline), evaluator(), db);
			const reminders = await deadlineReminders(opdId, now, db);
			expect(reminders, deadline).toHaveLength(expected);
		}
	});
});

describe("the operator's gaps in a year being assessed", () => {
	it('come from the self-assessment, then from the verified value once there is one', async () => {
		await transition(periodId, 'open', admin, '', db);
		const inds = await db
			.select()
			.from(indicators)
			.where(eq(indicators.periodId, periodId))
			.orderBy(indicators.sortOrder);
		// The operator claims every category but the last two.
		await saveSelf(
			periodId,
			opdId,
			inds.slice(0, -2).map((i) => ({
				indicatorId: i.id,
				value: 1,
				notApplicable: false,
				evidenceUrl: 'https://diskominfo.serangkota.go.id/dip',
				note: null
			})),
			operator,
			new Date(),
			db
		);
		const gapsNow = async () => {
			const view = (await selfView(await period(), opdId, db))!;
			return (await workingGapsOf(await period(), opdId, view.rows, db))!;
		};
		const before = await gapsNow();
		expect(before.gaps.gaps.map((g) => g.key)).toEqual(inds.slice(-2).map((i) => i.key));
		expect(before.gaps.current.displayTotal).toBe(84.62); // 11 of 13
		expect(before.gaps.current.rank).toBe(1); // nobody else has a value yet
		expect(before.slug).toMatch(/kominfo|komunikasi/);

		// The team finds the first category missing: it becomes a gap, whatever the OPD claimed.
		await setCell(
			periodId,
			opdId,
			inds[0]!.id,
			{ value: 0, notApplicable: false, expectedVersion: 1 },
			evaluator(),
			db
		);
		const after = await gapsNow();
		expect(after.gaps.gaps.map((g) => g.key)).toEqual(
			[inds[0]!, ...inds.slice(-2)].map((i) => i.key)
		);
		expect(after.gaps.current.displayTotal).toBe(76.92);
	});
});
