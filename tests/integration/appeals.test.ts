import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerAppeal, appealsOf, fileAppeal } from '../../src/lib/server/workflow/appeals';
import { getCell, setCell } from '../../src/lib/server/workflow/assessments';
import type { DB } from '../../src/lib/server/db';
import { auditEvents, indicators, notifications, opds } from '../../src/lib/server/db/schema';
import { markUnassessedAbsent } from '../../src/lib/server/workflow/readiness';
import { transition } from '../../src/lib/server/workflow/lifecycle';
import { computeView, publishedView } from '../../src/lib/server/results/results';
import { getByYear } from '../../src/lib/server/periods/periods';
import { WorkflowError } from '../../src/lib/server/workflow/error';
import { createDraft2022Db, sessionUser } from './helpers/workflow';

let db: DB;
let cleanup: () => Promise<void>;
let periodId: number;
let opdId: number;
let indicatorId: number;
let operator: { userId: number; name: string };
let evaluator: { userId: number; name: string };
const admin = { actor: { userId: null, name: 'admin' }, role: 'admin' as const };

beforeEach(async () => {
	({ db, cleanup, periodId } = await createDraft2022Db());

	const op = await sessionUser(db, 'demo-operator');
	const ev = await sessionUser(db, 'demo-evaluator');
	operator = { userId: op.id, name: op.username };
	evaluator = { userId: ev.id, name: ev.username };
	opdId = op.opdId!;
	const [ind] = await db.select().from(indicators).where(eq(indicators.periodId, periodId));
	indicatorId = ind!.id;
	await transition(periodId, 'open', admin, '', db);
	await setCell(
		periodId,
		opdId,
		indicatorId,
		{ value: 0, notApplicable: false, expectedVersion: 0 },
		evaluator,
		db
	);
});
afterEach(() => cleanup());

const appeal = () =>
	fileAppeal(
		periodId,
		opdId,
		{ indicatorId, reason: 'Renja sudah diunggah sejak Maret, lihat tautan', requestedValue: 1 },
		operator,
		db
	);
const statusOf = (p: Promise<unknown>) =>
	p.then(
		() => 'ok',
		(e: unknown) => (e instanceof WorkflowError ? e.status : e)
	);
async function lock(to: 'final' | 'published') {
	await transition(periodId, 'evaluation', admin, '', db);
	await transition(periodId, 'final', admin, '', db);
	if (to === 'published') {
		await markUnassessedAbsent(periodId, 'belum ada DIP', admin.actor, db);
		await transition(periodId, 'published', admin, '', db);
	}
}

describe('appeals', () => {
	it('are refused before the period is final, and without a reason', async () => {
		expect(await statusOf(appeal())).toBe(409);
		await lock('final');
		expect(
			await statusOf(
				fileAppeal(periodId, opdId, { indicatorId, reason: 'x', requestedValue: 1 }, operator, db)
			)
		).toBe(400);
		expect(await appealsOf(periodId, opdId, db)).toHaveLength(0);
	});

	it('refuse a reason or an answer over 2,000 characters (a 9 MB reason too), changing nothing', async () => {
		await lock('final');
		const audits = (await db.select().from(auditEvents)).length;
		for (const reason of ['a'.repeat(2001), 'x'.repeat(9 * 1024 * 1024)]) {
			const refused = fileAppeal(
				periodId,
				opdId,
				{ indicatorId, reason, requestedValue: 1 },
				operator,
				db
			);
			await expect(refused).rejects.toThrow(
				/^Alasan sanggahan terlalu panjang: [\d.]+ karakter, paling banyak 2\.000\.$/
			);
		}
		expect(await appealsOf(periodId, opdId, db)).toHaveLength(0);
		const id = await fileAppeal(
			periodId,
			opdId,
			{ indicatorId, reason: 'b'.repeat(2000), requestedValue: 1 },
			operator,
			db
		);
		await expect(
			answerAppeal(id, { granted: false, answer: 'c'.repeat(2001) }, evaluator, db)
		).rejects.toThrow(/^Jawaban sanggahan terlalu panjang/);
		expect((await appealsOf(periodId, opdId, db))[0]).toMatchObject({ status: 'pending' });
		expect(await db.select().from(auditEvents)).toHaveLength(audits + 1);
	});

	it('a reopen reason over 2,000 characters is refused before anything changes', async () => {
		await lock('published');
		await expect(transition(periodId, 'evaluation', admin, 'r'.repeat(2001), db)).rejects.toThrow(
			/^Alasan terlalu panjang/
		);
		expect((await getByYear(2022, db))?.status).toBe('published');
	});

	it('granted on a final period: the value changes, audited, the OPD notified', async () => {
		await lock('final');
		const id = await appeal();
		expect(await statusOf(appeal())).toBe(409); // one open appeal per cell
		const evaluatorInbox = await db
			.select()
			.from(notifications)
			.where(eq(notifications.userId, evaluator.userId));
		expect(evaluatorInbox.map((n) => n.kind)).toContain('appeal.filed');
		const result = await answerAppeal(id, { granted: true, answer: 'Tautan valid' }, evaluator, db);
		expect(result.snapshotStale).toBe(false);
		expect(await getCell(periodId, opdId, indicatorId, db)).toMatchObject({ value: 1, version: 2 });
		const period = await getByYear(2022, db);
		const view = await computeView(period!, db);
		// The appealed cell itself now counts in the live result.
		const [opd] = await db.select().from(opds).where(eq(opds.id, opdId));
		const [indicator] = await db.select().from(indicators).where(eq(indicators.id, indicatorId));
		const scored = view.result.opds.find((o) => o.opd === opd!.slug);
		expect(scored?.indicators.find((i) => i.key === indicator!.key)).toMatchObject({
			value: 1,
			met: true
		});
		const answers = await db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, 'appeal.answer'));
		expect(answers[0]?.before).toMatchObject({ value: 0 });
		expect(answers[0]?.after).toMatchObject({ granted: true, value: 1 });
		const inbox = await db
			.select()
			.from(notifications)
			.where(eq(notifications.userId, operator.userId));
		expect(inbox.some((n) => n.kind === 'appeal.answered' && /dikabulkan/.test(n.message))).toBe(
			true
		);
		expect(
			await statusOf(answerAppeal(id, { granted: false, answer: 'sekali lagi' }, evaluator, db))
		).toBe(409);
	});

	it('rejected: the value stays and the reason is kept', async () => {
		await lock('final');
		const id = await appeal();
		await answerAppeal(
			id,
			{ granted: false, answer: 'Dokumen tidak dapat diakses publik' },
			evaluator,
			db
		);
		expect((await getCell(periodId, opdId, indicatorId, db))?.value).toBe(0);
		expect((await appealsOf(periodId, opdId, db))[0]).toMatchObject({
			status: 'rejected',
			answer: 'Dokumen tidak dapat diakses publik'
		});
	});

	it('granted on a published period: the public snapshot is not changed silently', async () => {
		await lock('published');
		const before = await publishedView(2022, db);
		const id = await appeal();
		const result = await answerAppeal(id, { granted: true, answer: 'Tautan valid' }, evaluator, db);
		expect(result.snapshotStale).toBe(true);
		expect(await publishedView(2022, db)).toEqual(before);
		// Reopen with a reason, finalize and republish: now the public sees it.
		await transition(periodId, 'evaluation', admin, 'Sanggahan Diskominfo dikabulkan', db);
		await transition(periodId, 'final', admin, '', db);
		await transition(periodId, 'published', admin, '', db);
		expect(await publishedView(2022, db)).not.toEqual(before);
	});
});
