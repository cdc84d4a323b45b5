import { isHttpError } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTORS } from '../../src/lib/server/audit/audit';
import { useDb, type DB } from '../../src/lib/server/db';
import { roster } from '../../src/lib/server/periods/periods';
import {
	publishedNotRated,
	publishedOpdPage,
	publishedPage
} from '../../src/lib/server/results/open-data';
import { transition } from '../../src/lib/server/workflow/lifecycle';
import { copyPeriod } from '../../src/lib/server/workflow/period-copy';
import { markUnassessedAbsent, setOpdNotRated } from '../../src/lib/server/workflow/readiness';
import { createTestDb } from './helpers/test-db';

/**
 * An OPD the team decided "tidak dinilai" in a published year: its public page shows it as such,
 * with the reason, instead of a 404 (and without a score or rank).
 */

const route =
	await import('../../src/routes/(public)/hasil/[year=year]/opd/[slug=slug]/+page.server');
type Load = (event: { params: { year: string; slug: string } }) => Promise<Record<string, unknown>>;
const load = route.load as unknown as Load;

let db: DB;
let cleanup: () => Promise<void>;
let leftOut: string;
let rated: string;
const REASON = 'Situs OPD tidak dapat diakses selama masa penilaian';

beforeAll(async () => {
	({ db, cleanup } = await createTestDb('demo'));
	useDb(db);
	const admin = { actor: SYSTEM_ACTORS.cli, role: 'admin' as const };
	const { periodId } = await copyPeriod(2021, 2022, SYSTEM_ACTORS.seed, db);
	for (const s of ['open', 'evaluation', 'final'] as const)
		await transition(periodId, s, admin, '', db);
	const entries = await roster(periodId, db);
	leftOut = entries[0]!.slug;
	rated = entries[1]!.slug;
	await setOpdNotRated(periodId, leftOut, REASON, admin.actor, db);
	await markUnassessedAbsent(periodId, 'rapat tim: sel kosong dihitung tidak ada', admin.actor, db);
	await transition(periodId, 'published', admin, '', db);
});
afterAll(async () => cleanup());

describe('the public page of an OPD not rated in a published year', () => {
	it('is listed apart on the year page and has no result of its own', async () => {
		const page = await publishedPage(2022, db);
		expect(page?.notRated).toEqual([expect.objectContaining({ slug: leftOut, reason: REASON })]);
		expect(page?.rows.some((r) => r.slug === leftOut)).toBe(false);
		expect(await publishedOpdPage(2022, leftOut, [], db)).toBeNull();
		expect(await publishedNotRated(2022, leftOut, db)).toMatchObject({ reason: REASON });
		expect(await publishedNotRated(2022, rated, db)).toBeNull();
		expect(await publishedNotRated(2021, leftOut, db)).toBeNull();
	});

	it('answers 200 with "tidak dinilai" and the reason, no score; a rated OPD still has its page', async () => {
		const shown = await load({ params: { year: '2022', slug: leftOut } });
		expect(shown.page).toBeNull();
		expect(shown.notRated).toMatchObject({ slug: leftOut, year: 2022, reason: REASON });
		const other = await load({ params: { year: '2022', slug: rated } });
		expect(other.notRated).toBeNull();
		expect(other.page).toMatchObject({ slug: rated, year: 2022 });
	});

	it('still answers 404 for an OPD that is not in the year at all', async () => {
		const refused = await load({ params: { year: '2022', slug: 'no-such-opd' } }).catch((e) => e);
		expect(isHttpError(refused) && refused.status).toBe(404);
	});
});
