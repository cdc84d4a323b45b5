import { isHttpError } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth/types';
import { useDb, type DB } from '../../src/lib/server/db';
import { assessments, auditEvents, linkChecks, periods } from '../../src/lib/server/db/schema';
import { startLinkServer } from './helpers/link-server';
import { createTestDb } from './helpers/test-db';
import { demoUsersByRole } from './helpers/auth';
import { endRequest, request as newRequest, run } from './helpers/request';

vi.mock('$app/server', () => import('./helpers/request'));

const matrixPage = await import('../../src/routes/penilaian/[year=year]/+page.server');
const ownPage = await import('../../src/routes/opd-saya/[year=year]/+page.server');

const request = (user: SessionUser, method: string, path: string, params: Record<string, string>) =>
	newRequest(path, { user, method, params, form: method === 'POST' ? {} : undefined });

let server: Awaited<ReturnType<typeof startLinkServer>>;
let db: DB;
let cleanup: () => Promise<void>;
let who: Record<string, SessionUser>;
const env = { ...process.env };
beforeAll(async () => {
	server = await startLinkServer(3_000);
	process.env.MONEV_LINKCHECK_ALLOW_PRIVATE = '1';
	process.env.MONEV_LINKCHECK_TIMEOUT_MS = '500';
});
afterAll(async () => {
	process.env = env;
	await server.close();
});
beforeEach(async () => {
	({ db, cleanup } = await createTestDb('demo'));
	useDb(db);
	who = await demoUsersByRole(db);
});
afterEach(async () => {
	endRequest();
	await cleanup();
});

it('"Periksa tautan" runs for an evaluator only, audits the counts and flags dead links for both sides', async () => {
	const operator = who.operator!;
	const [period] = await db.select().from(periods).where(eq(periods.year, 2021));
	const [cell] = await db
		.select()
		.from(assessments)
		.where(and(eq(assessments.periodId, period!.id), eq(assessments.opdId, operator.opdId!)))
		.limit(1);
	await db.update(assessments).set({ evidenceUrl: null, selfEvidenceUrl: null });
	await db
		.update(assessments)
		.set({
			selfEvidenceUrl: `${server.base}/missing`,
			evidenceUrl: `${server.base}/ok\n${server.base}/broken`
		})
		.where(eq(assessments.id, cell!.id));
	const params = { year: '2021' };

	// an operator is refused on the server, and nothing is checked or recorded
	const refused = await run(
		matrixPage.actions.checkLinks,
		request(operator, 'POST', '/penilaian/2021?/checkLinks', params)
	);
	expect(isHttpError(refused) && refused.status).toBe(403);
	expect(await db.select().from(linkChecks)).toHaveLength(0);

	const done = (await run(
		matrixPage.actions.checkLinks,
		request(who.evaluator!, 'POST', '/penilaian/2021?/checkLinks', params)
	)) as { linksChecked: { links: number; ok: number; dead: number } };
	expect(done.linksChecked).toMatchObject({ links: 3, ok: 1, dead: 2 });
	const [event] = await db
		.select()
		.from(auditEvents)
		.where(eq(auditEvents.action, 'links.checked'));
	expect(event).toMatchObject({
		userId: who.evaluator!.id,
		after: { links: 3, ok: 1, dead: 2, urls: 3 }
	});

	// the evaluator's matrix lists the dead links
	const matrix = (await run(
		matrixPage.load,
		request(who.evaluator!, 'GET', '/penilaian/2021', params)
	)) as { links: { links: number; dead: number; deadList: { url: string; status: string }[] } };
	expect(matrix.links).toMatchObject({ links: 3, dead: 2 });
	expect(matrix.links.deadList.map((d) => d.status).sort()).toEqual(['404', '500']);

	// the operator sees a badge on their own link only, not on the evaluator's evidence
	const own = (await run(ownPage.load, request(operator, 'GET', '/opd-saya/2021', params))) as {
		rows: { id: number; deadLinks: { url: string; status: string }[] }[];
	};
	const row = own.rows.find((r) => r.id === cell!.indicatorId)!;
	expect(row.deadLinks).toEqual([{ url: `${server.base}/missing`, status: '404' }]);
	expect(own.rows.filter((r) => r.deadLinks.length)).toHaveLength(1);
});
