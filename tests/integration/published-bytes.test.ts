import { createHash } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type DB } from '../../src/lib/server/db';
import { periods, publishedFiles, publishedSnapshots } from '../../src/lib/server/db/schema';
import { seedDemo } from '../../src/lib/server/db/seed';
import { readOpdFile } from '../../src/lib/server/results/opd-file';
import { etagOf } from '../../src/lib/server/results/published-files';
import { publishedOpdPage } from '../../src/lib/server/results/open-data';
import { publishedView } from '../../src/lib/server/results/results';
import { createTestDb } from './helpers/test-db';

let db: DB;
let url: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
	({ db, url, cleanup } = await createTestDb());
	await seedDemo('data/seeds', db);
});
afterEach(async () => cleanup());

/**
 * SHA-256 of every published body of the seeded years, the publication time blanked (it is the
 * seeding time), as the code wrote them before the snapshot stopped repeating the OPD files and
 * before the OPD files stored columns: a change of the stored format must serve the same bytes.
 */
const EXPECTED = {
	2020: {
		files: 'e259622840a8d15d605dbd802bb5c6d8e7179966fa783a8ba71010fc2619194a',
		view: 'e7d72573733dd57f8cb5b52c0b7ad0eaede8e066ebb82132936fee9fe43206b5'
	},
	2021: {
		files: '6cdaf851fd3e0f984537a263d460aec80b4774783d3c1d87c152074ba40fe1b3',
		view: 'afc1b8dbcf1e8800ebd4e6890de8bc6a0c42cc58f1250a80f5477d8e2f9abfd7'
	}
};

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('published bytes of the seeded years', () => {
	it.each([2020, 2021] as const)('%i serves the same files and view as before', async (year) => {
		const [period] = await db.select().from(periods).where(eq(periods.year, year));
		const at = JSON.stringify(period!.publishedAt!.toISOString());
		const blank = (body: string) => body.replaceAll(at, '"PUBLISHED_AT"');
		const files = await db
			.select({ name: publishedFiles.name, body: publishedFiles.body, etag: publishedFiles.etag })
			.from(publishedFiles)
			.where(eq(publishedFiles.periodId, period!.id))
			.orderBy(asc(publishedFiles.name));
		for (const file of files) expect(file.etag, file.name).toBe(etagOf(file.body));
		// OPD files store their indicator scores as columns (opd-file.ts): read back, each is the
		// `JSON.stringify({ entry, result })` it was stored as before, byte for byte.
		const asBefore = (f: { name: string; body: string }) =>
			f.name.startsWith('opd/') ? JSON.stringify(readOpdFile(f.body)) : f.body;
		const digest = sha(files.map((f) => `${f.name}\n${blank(asBefore(f))}`).join('\n'));
		const view = sha(blank(JSON.stringify(await publishedView(year, db))));
		expect({ files: digest, view }).toEqual(EXPECTED[year]);
	});

	it('the snapshot names its OPD results; one stored whole (published before) reads the same', async () => {
		const [period] = await db.select().from(periods).where(eq(periods.year, 2021));
		const [row] = await db
			.select({ body: publishedSnapshots.body })
			.from(publishedSnapshots)
			.where(eq(publishedSnapshots.periodId, period!.id));
		const view = (await publishedView(2021, db))!;
		const stored = JSON.parse(row!.body) as { result: { opds: unknown[] } };
		expect(stored.result.opds).toEqual(view.result.opds.map((o) => o.opd));
		expect(view.result.opds).toHaveLength(32);
		await db
			.update(publishedSnapshots)
			.set({ body: JSON.stringify(view) })
			.where(eq(publishedSnapshots.periodId, period!.id));
		expect(await publishedView(2021, db)).toEqual(view);
	});

	it('OPD files stored with one object per indicator (published before) read the same', async () => {
		const [period] = await db.select().from(periods).where(eq(periods.year, 2021));
		const view = await publishedView(2021, db);
		const slug = view!.roster[5]!.slug;
		const page = await publishedOpdPage(2021, slug, [], db);
		expect(page).not.toBeNull();
		const files = await db
			.select({ name: publishedFiles.name, body: publishedFiles.body })
			.from(publishedFiles)
			.where(eq(publishedFiles.periodId, period!.id));
		const opdFiles = files.filter((f) => f.name.startsWith('opd/'));
		expect(opdFiles).toHaveLength(32);
		for (const f of opdFiles) {
			const body = JSON.stringify(readOpdFile(f.body));
			await db
				.update(publishedFiles)
				.set({ body, etag: etagOf(body) })
				.where(and(eq(publishedFiles.periodId, period!.id), eq(publishedFiles.name, f.name)));
		}
		// Another connection to the same file: nothing read before the rewrite is reused.
		const again = openDb(url);
		try {
			expect(await publishedView(2021, again)).toEqual(view);
			expect(await publishedOpdPage(2021, slug, [], again)).toEqual(page);
		} finally {
			again.$client.close();
		}
	});
});
