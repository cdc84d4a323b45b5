import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTORS } from '../../src/lib/server/audit/audit';
import type { DB } from '../../src/lib/server/db';
import { auditEvents, indicators, periodOpds, periods } from '../../src/lib/server/db/schema';
import { transition, type Mover } from '../../src/lib/server/workflow/lifecycle';
import { copyPeriod } from '../../src/lib/server/workflow/period-copy';
import { markUnassessedAbsent } from '../../src/lib/server/workflow/readiness';
import { publishedView } from '../../src/lib/server/results/results';
import { WorkflowError } from '../../src/lib/server/workflow/error';
import type { PeriodStatus } from '../../src/lib/workflow/lifecycle';
import { createDraft2022Db } from './helpers/workflow';

let db: DB;
let cleanup: () => Promise<void>;
let periodId: number;
beforeEach(async () => {
	({ db, cleanup, periodId } = await createDraft2022Db());
});
afterEach(() => cleanup());

const as = (role: Mover['role']): Mover => ({ actor: { userId: null, name: role }, role });
const statusOf = async () =>
	(await db.select().from(periods).where(eq(periods.id, periodId)))[0]?.status;
const auditCount = async () => (await db.select().from(auditEvents)).length;
/** A copied year has no values: the team decides its empty cells before publishing. */
async function moveTo(to: PeriodStatus, mover: Mover) {
	if (to === 'published') await markUnassessedAbsent(periodId, 'belum ada DIP', mover.actor, db);
	await transition(periodId, to, mover, '', db);
}

async function refusal(p: Promise<unknown>): Promise<WorkflowError> {
	const e = await p.then(
		() => null,
		(err: unknown) => err
	);
	expect(e).toBeInstanceOf(WorkflowError);
	return e as WorkflowError;
}

describe('copying a period', () => {
	it('copies 2021 into 2022: keys kept, year in labels followed, roster copied, no cells', async () => {
		const [p2021] = await db.select().from(periods).where(eq(periods.year, 2021));
		const [p2022] = await db.select().from(periods).where(eq(periods.id, periodId));
		expect(p2022?.status).toBe('draft');
		expect(p2022?.title).toContain('2022');
		// The copy is not a data source: the public page must not show an internal note.
		expect(p2022?.source).toBeNull();
		const [created] = await db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, 'period.create'));
		expect(created?.after).toMatchObject({ copiedFrom: 2021 });
		const before = await db.select().from(indicators).where(eq(indicators.periodId, p2021!.id));
		const after = await db.select().from(indicators).where(eq(indicators.periodId, periodId));
		expect(after.map((i) => i.key)).toEqual(before.map((i) => i.key));
		const renja = after.find((i) => i.key.startsWith('renja'));
		expect(renja?.label).toMatch(/2022/);
		const roster = await db.select().from(periodOpds).where(eq(periodOpds.periodId, periodId));
		expect(roster).toHaveLength(32);
	});

	it('refuses an existing year and an unknown source, changing nothing', async () => {
		const n = await auditCount();
		expect((await refusal(copyPeriod(2021, 2022, SYSTEM_ACTORS.cli, db))).status).toBe(409);
		expect((await refusal(copyPeriod(1999, 2030, SYSTEM_ACTORS.cli, db))).status).toBe(404);
		expect(await auditCount()).toBe(n);
	});
});

describe('period lifecycle', () => {
	it('walks draft → open → evaluation → final → published, auditing each move', async () => {
		const steps: [PeriodStatus, Mover][] = [
			['open', as('admin')],
			['evaluation', as('evaluator')],
			['final', as('evaluator')],
			['published', as('evaluator')]
		];
		for (const [to, mover] of steps) {
			await moveTo(to, mover);
			expect(await statusOf()).toBe(to);
		}
		const events = await db.select().from(auditEvents).where(eq(auditEvents.periodId, periodId));
		expect(events.map((e) => e.action)).toEqual([
			'period.create',
			'period.transition',
			'period.transition',
			'period.transition',
			'period.unassessed-absent',
			'period.publish'
		]);
		expect((await publishedView(2022, db))?.year).toBe(2022);
	});

	it.each<[PeriodStatus[], PeriodStatus, Mover['role'], string, number]>([
		[[], 'open', 'evaluator', '', 403],
		[[], 'published', 'admin', '', 409],
		[['open'], 'final', 'admin', '', 409],
		[['open'], 'evaluation', 'operator', '', 403],
		[['open', 'evaluation'], 'final', 'pimpinan', '', 403],
		[['open', 'evaluation', 'final'], 'evaluation', 'evaluator', '', 400],
		[['open', 'evaluation', 'final', 'published'], 'evaluation', 'evaluator', 'ok', 400],
		[['open', 'evaluation', 'final', 'published'], 'evaluation', 'operator', 'alasan panjang', 403]
	])('after %j refuses → %s as %s (reason %j) with %i', async (path, to, role, reason, status) => {
		for (const step of path) await moveTo(step, as('admin'));
		const before = await statusOf();
		const n = await auditCount();
		const e = await refusal(transition(periodId, to, as(role), reason, db));
		expect(e.status).toBe(status);
		expect(e.message).toMatch(/\S/);
		expect(await statusOf()).toBe(before);
		expect(await auditCount()).toBe(n);
	});

	it('reopens a published period with a reason; the public snapshot stays until republished', async () => {
		for (const step of ['open', 'evaluation', 'final', 'published'] as const)
			await moveTo(step, as('admin'));
		const snapshot = await publishedView(2022, db);
		await transition(periodId, 'evaluation', as('admin'), 'Sanggahan Dinkes dikabulkan', db);
		expect(await statusOf()).toBe('evaluation');
		expect(await publishedView(2022, db)).toEqual(snapshot);
		const [reopen] = await db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, 'period.reopen'));
		expect(reopen?.after).toMatchObject({
			status: 'evaluation',
			reason: 'Sanggahan Dinkes dikabulkan'
		});
	});

	it('answers 404 for an unknown period', async () => {
		expect((await refusal(transition(9999, 'open', as('admin'), '', db))).status).toBe(404);
	});
});
