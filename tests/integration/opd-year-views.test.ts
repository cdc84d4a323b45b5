import { isRedirect } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildOpdPage } from '../../src/lib/insights/opd-page';
import type { SessionUser } from '../../src/lib/server/auth/types';
import { useDb, type DB } from '../../src/lib/server/db';
import { bulkInsertBound } from '../../src/lib/server/db/bulk';
import { opds, periodOpds, periods } from '../../src/lib/server/db/schema';
import { cellDetails } from '../../src/lib/server/opds/details';
import { opdYearViews } from '../../src/lib/server/results/year-views';
import { demoUsersByRole } from './helpers/auth';
import { request, run } from './helpers/request';
import { createTestDb } from './helpers/test-db';
import { everyYearView } from './helpers/year-views';

vi.mock('$app/server', () => import('./helpers/request'));
const yearPage = await import('../../src/routes/opd/[slug=slug]/[year=year]/+page.server');
const latestPage = await import('../../src/routes/opd/[slug=slug]/+page.server');

/**
 * Issue 12 §5 / issue 16: the signed-in OPD page scores only the years of its OPD. The other
 * years are rows "tidak dinilai" in its history, known by their size alone, as before.
 */
let db: DB;
let cleanup: () => Promise<void>;
let who: Record<string, SessionUser>;
const BIG = 3000;

beforeAll(async () => {
	({ db, cleanup } = await createTestDb('draft2022'));
	useDb(db);
	who = await demoUsersByRole(db);
});
afterAll(async () => cleanup());

const slugs = async () =>
	new Map(
		(await db.select({ id: opds.id, slug: opds.slug }).from(opds)).map((o) => [o.slug, o.id])
	);

describe('an OPD page computes only its own years', () => {
	it('shows what it showed with every year computed, for every seeded OPD and year', async () => {
		const every = await everyYearView(db);
		expect(every.map((v) => v.year)).toEqual([2020, 2021, 2022]);
		let compared = 0;
		for (const [slug, id] of await slugs()) {
			const shown = await opdYearViews(id, db);
			for (const year of [2020, 2021, 2022]) {
				const before = buildOpdPage(every, year, slug);
				expect(buildOpdPage(shown.views, year, slug, [], shown.without), `${slug} ${year}`).toEqual(
					before
				);
				if (before) compared += 1;
			}
		}
		// OPDs new in 2021 and gone after 2020 keep their rows "tidak dinilai".
		expect(compared).toBeGreaterThan(90);
		const newcomer = buildOpdPage(every, 2021, 'badan-pendapatan-daerah')!;
		expect(newcomer.history.map((h) => [h.year, h.displayTotal === null])).toEqual([
			[2020, true],
			[2021, false],
			[2022, false]
		]);
	});

	it('never scores a 3,000-OPD year of other OPDs in the same database', async () => {
		const [city] = await db.select().from(periods).where(eq(periods.year, 2021));
		const [big] = await db
			.insert(periods)
			.values({ year: 2040, title: 'Nasional 2040', rubricConfig: city!.rubricConfig })
			.returning();
		const names = Array.from({ length: BIG }, (_, i) => `Instansi Nasional ${i + 1}`);
		await bulkInsertBound(
			db,
			opds,
			names.map((name, i) => ({ slug: `nasional-${i + 1}`, name, shortName: name, kind: 'dinas' }))
		);
		const ids = await slugs();
		await bulkInsertBound(
			db,
			periodOpds,
			names.map((name, i) => ({
				periodId: big!.id,
				opdId: ids.get(`nasional-${i + 1}`)!,
				displayNumber: i + 1,
				displayName: name
			}))
		);
		const slug = 'dinas-komunikasi-dan-informatika';
		const shown = await opdYearViews(ids.get(slug)!, db);
		expect(shown.views.map((v) => v.year)).toEqual([2020, 2021, 2022]);
		expect(shown.without).toEqual([{ year: 2040, participants: BIG }]);
		// A national OPD's page scores its one year only.
		const national = await opdYearViews(ids.get('nasional-7')!, db);
		expect(national.views.map((v) => v.year)).toEqual([2040]);
		expect(national.without.map((y) => y.year)).toEqual([2020, 2021, 2022]);

		// The route: the same page as with every year computed, the big year a row "tidak dinilai".
		const every = await everyYearView(db);
		const [period] = await db.select().from(periods).where(eq(periods.year, 2021));
		const details = await cellDetails(period!.id, ids.get(slug)!, db);
		const page = (await run(
			yearPage.load,
			request(`/opd/${slug}/2021`, { user: who.pimpinan!, params: { slug, year: '2021' } })
		)) as { page: ReturnType<typeof buildOpdPage> };
		expect(page.page).toEqual(buildOpdPage(every, 2021, slug, details));
		expect(page.page!.history.at(-1)).toMatchObject({
			year: 2040,
			displayTotal: null,
			participants: BIG
		});
		const latest = await run(
			latestPage.load,
			request(`/opd/${slug}`, { user: who.admin!, params: { slug } })
		);
		expect(isRedirect(latest) && latest.location).toBe(`/opd/${slug}/2022`);
	});
});
