import { isHttpError, isRedirect, isActionFailure, type RequestEvent } from '@sveltejs/kit';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth/types';
import { useDb, type DB } from '../../src/lib/server/db';
import { indicators, opds } from '../../src/lib/server/db/schema';
import { transition } from '../../src/lib/server/workflow/lifecycle';
import { addUser, asSessionUser } from './helpers/auth';
import { createTestDb } from './helpers/test-db';
import { seedWithDraft2022, sessionUser } from './helpers/workflow';
import { endRequest, request, run } from './helpers/request';

/**
 * /opd-saya for a user with no OPD of its own: the admin picks an OPD and reads its
 * self-assessment read-only; an unbound operator gets a page that says so. Neither is a 400.
 */
vi.mock('$app/server', () => import('./helpers/request'));

type Load = (e: RequestEvent) => Promise<Record<string, unknown>>;
const list = (await import('../../src/routes/opd-saya/+page.server')) as unknown as { load: Load };
const year = (await import('../../src/routes/opd-saya/[year=year]/+page.server')) as unknown as {
	load: Load;
	actions: Record<string, (e: RequestEvent) => unknown>;
};

const SLUG = 'dinas-komunikasi-dan-informatika';
let db: DB;
let cleanup: () => Promise<void>;
let admin: SessionUser;
let unbound: SessionUser;
let opdId: number;
let indicatorId: number;

beforeAll(async () => {
	({ db, cleanup } = await createTestDb());
	useDb(db);
	const { periodId } = await seedWithDraft2022(db);
	await transition(periodId, 'open', { actor: { userId: null, name: 't' }, role: 'admin' }, '', db);
	admin = await sessionUser(db, 'demo-admin');
	opdId = (await db.select().from(opds).where(eq(opds.slug, SLUG)))[0]!.id;
	// Operators are bound when created; a session without an OPD is what is left if that slips.
	unbound = { ...asSessionUser(await addUser(db, 'op-lepas', 'operator', opdId)), opdId: null };
	indicatorId = (await db.select().from(indicators).where(eq(indicators.periodId, periodId)))[0]!
		.id;
});
afterAll(async () => {
	endRequest();
	await cleanup();
});

describe('/opd-saya without an OPD of one’s own', () => {
	it('offers the admin the OPDs to pick from, and a chosen OPD’s periods', async () => {
		const picker = (await run(list.load, request('/opd-saya', { user: admin }))) as Record<
			string,
			unknown
		>;
		expect(picker.bound).toBe(false);
		expect(picker.periods).toEqual([]);
		expect((picker.choices as { slug: string }[]).map((c) => c.slug)).toContain(SLUG);
		const chosen = (await run(
			list.load,
			request(`/opd-saya?opd=${SLUG}`, { user: admin })
		)) as Record<string, unknown>;
		expect(chosen.chosen).toBe(SLUG);
		expect((chosen.periods as { year: number }[]).map((p) => p.year)).toEqual([2022, 2021, 2020]);
	});

	it('tells a session bound to no OPD so, without a list of OPDs', async () => {
		const page = (await run(list.load, request('/opd-saya', { user: unbound }))) as Record<
			string,
			unknown
		>;
		expect(page).toMatchObject({ bound: false, choices: null, periods: [] });
		const year2022 = await run(
			year.load,
			request(`/opd-saya/2022?opd=${SLUG}`, { user: unbound, params: { year: '2022' } })
		);
		expect(isRedirect(year2022) && year2022.location).toBe('/opd-saya');
	});

	it('sends the admin back to the picker from a year without a chosen OPD', async () => {
		const got = await run(
			year.load,
			request('/opd-saya/2022', { user: admin, params: { year: '2022' } })
		);
		expect(isRedirect(got) && got.location).toBe('/opd-saya');
	});

	it('shows the admin a chosen OPD’s year read-only, with nothing to save, send or appeal', async () => {
		const got = (await run(
			year.load,
			request(`/opd-saya/2022?opd=${SLUG}`, { user: admin, params: { year: '2022' } })
		)) as Record<string, unknown> & { period: Record<string, unknown> };
		expect(got.readOnly).toBe(true);
		expect(got.period).toMatchObject({ open: false, appealsOpen: false });
		expect(got.check).toBeNull();
		expect((got.rows as unknown[]).length).toBeGreaterThan(0);
		const missing = await run(
			year.load,
			request('/opd-saya/2022?opd=tidak-ada', { user: admin, params: { year: '2022' } })
		);
		expect(isHttpError(missing) && missing.status).toBe(404);
		// The form actions still write only the session's own OPD, whatever the query says.
		const selfValues = () =>
			db.all<{ n: number }>(
				sql`SELECT count(*) AS n FROM assessments WHERE opd_id = ${opdId} AND self_value IS NOT NULL`
			);
		const before = await selfValues();
		const saved = await run(
			year.actions.save!,
			request(`/opd-saya/2022?opd=${SLUG}`, {
				user: admin,
				params: { year: '2022' },
				form: { [`value_${indicatorId}`]: '1' }
			})
		);
		expect(isHttpError(saved) || isActionFailure(saved)).toBe(true);
		expect(await selfValues()).toEqual(before);
	});
});
