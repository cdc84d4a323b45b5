import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setCell } from '../../src/lib/server/workflow/assessments';
import type { DB } from '../../src/lib/server/db';
import { auditEvents, indicators, opds, periodOpds, periods } from '../../src/lib/server/db/schema';
import { markUnassessedAbsent } from '../../src/lib/server/workflow/readiness';
import { transition } from '../../src/lib/server/workflow/lifecycle';
import { openTies, recordTieDecision } from '../../src/lib/server/workflow/ties';
import { WorkflowError } from '../../src/lib/server/workflow/error';
import { createDraft2022Db, sessionUser } from './helpers/workflow';

let db: DB;
let cleanup: () => Promise<void>;
let periodId: number;
let slugs: string[];
const actor = { userId: null, name: 'demo-evaluator' };
const admin = { actor, role: 'admin' as const };

beforeEach(async () => {
	({ db, cleanup, periodId } = await createDraft2022Db());

	await transition(periodId, 'open', admin, '', db);
	const inds = await db.select().from(indicators).where(eq(indicators.periodId, periodId));
	const roster = await db
		.select({ id: opds.id, slug: opds.slug })
		.from(periodOpds)
		.innerJoin(opds, eq(opds.id, periodOpds.opdId))
		.where(eq(periodOpds.periodId, periodId))
		.limit(2);
	// Two OPDs tick everything: a tie at the top that the (empty) priority list cannot settle.
	for (const o of roster)
		for (const ind of inds)
			await setCell(
				periodId,
				o.id,
				ind.id,
				{ value: 1, notApplicable: false, expectedVersion: 0 },
				actor,
				db
			);
	slugs = roster.map((r) => r.slug);
});
afterEach(() => cleanup());

describe('tie decisions', () => {
	it('publish a role, never the login of who decided (the audit log keeps the login)', async () => {
		const evaluator = await sessionUser(db, 'demo-evaluator');
		const who = { userId: evaluator.id, name: evaluator.username };
		await recordTieDecision(periodId, [slugs[1]!, slugs[0]!], 'Presentasi lebih lengkap', who, db);
		const [period] = await db.select().from(periods).where(eq(periods.id, periodId));
		expect(period?.rubricConfig.tieBreak.decisions[0]?.decidedBy).toBe('Evaluator (tim monev)');
		expect(JSON.stringify(period?.rubricConfig)).not.toContain('demo-evaluator');
		const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.action, 'tie.decide'));
		expect(audit?.actor).toBe('demo-evaluator');
	});

	it('records the order and reason; the podium then shows it as decided by the team', async () => {
		const { ties } = await openTies(periodId, db);
		expect(ties[0]?.opds.sort()).toEqual([...slugs].sort());
		const order = [slugs[1]!, slugs[0]!];
		await recordTieDecision(periodId, order, 'Presentasi lebih lengkap', actor, db);
		const { view, ties: after } = await openTies(periodId, db);
		expect(after).toEqual([]);
		const first = view.result.awards[0]!;
		expect(first).toMatchObject({ opds: [order[0]], settled: true, decidedBy: 'decision' });
		expect(first.explanation).toMatch(/Presentasi lebih lengkap/);
		const [period] = await db.select().from(periods).where(eq(periods.id, periodId));
		expect(period?.rubricConfig.tieBreak.decisions[0]).toMatchObject({
			order,
			decidedBy: 'Tim monev'
		});
		expect(
			await db.select().from(auditEvents).where(eq(auditEvents.action, 'tie.decide'))
		).toHaveLength(1);
	});

	it.each([
		['an order that is not the tie', () => [slugs[0]!], 'alasan panjang', 400],
		['no reason', () => [slugs[0]!, slugs[1]!], ' ', 400]
	])('refuses %s', async (_l, order, reason, status) => {
		const e = await recordTieDecision(periodId, order(), reason, actor, db).catch((x) => x);
		expect((e as WorkflowError).status).toBe(status);
		expect(
			await db.select().from(auditEvents).where(eq(auditEvents.action, 'tie.decide'))
		).toHaveLength(0);
	});

	it('refuses once published', async () => {
		for (const s of ['evaluation', 'final', 'published'] as const) {
			if (s === 'published') await markUnassessedAbsent(periodId, 'belum ada DIP', admin.actor, db);
			await transition(periodId, s, admin, '', db);
		}
		const e = await recordTieDecision(
			periodId,
			[slugs[0]!, slugs[1]!],
			'alasan panjang',
			actor,
			db
		).catch((x) => x);
		expect((e as WorkflowError).status).toBe(409);
	});
});
