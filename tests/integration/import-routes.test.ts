import { readFileSync } from 'node:fs';
import { isActionFailure, isHttpError, isRedirect } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth/types';
import { useDb, type DB } from '../../src/lib/server/db';
import { assessments, opds, periodOpds, periods } from '../../src/lib/server/db/schema';
import { snapshotTables } from './helpers/snapshot';
import { createTestDb } from './helpers/test-db';
import { demoUsersByRole } from './helpers/auth';
import { endRequest, request as newRequest, run } from './helpers/request';

vi.mock('$app/server', () => import('./helpers/request'));

const page = await import('../../src/routes/impor/+page.server');
const exportRoute =
	await import('../../src/routes/api/v1/periods/[year=year]/ekspor/[file]/+server');

type Fields = Record<string, string | File>;

const request = (user: SessionUser | null, method = 'GET', fields?: Fields, path = '/impor') =>
	newRequest(path, { user, method, form: fields });

const csvFile = (name = 'template-2022.csv') =>
	new File([readFileSync(`tests/fixtures/import/${name}`)], name, { type: 'text/csv' });

let db: DB;
let cleanup: () => Promise<void>;
let who: Record<string, SessionUser>;
beforeEach(async () => {
	({ db, cleanup } = await createTestDb('demo'));
	useDb(db);
	who = await demoUsersByRole(db);
});
afterEach(async () => {
	endRequest();
	await cleanup();
});

type Preview = {
	preview: {
		token: string;
		digest: string;
		rows: { line: number; name: string; opd: string | null }[];
	};
};

async function preview(user: SessionUser, year = '2022', file = csvFile()) {
	const result = (await run(
		page.actions.preview,
		request(user, 'POST', { year, file })
	)) as Preview;
	if (!result?.preview) throw new Error(`no preview: ${JSON.stringify(result)}`);
	return result.preview;
}

describe('who may import', () => {
	it.each([
		['anonymous', null, 401],
		['operator', 'operator', 403],
		['pimpinan', 'pimpinan', 403]
	])('%s cannot preview, commit or revert, and nothing changes', async (_, role, status) => {
		const before = await snapshotTables(db);
		const user = role ? who[role]! : null;
		for (const [action, fields] of [
			['preview', { year: '2022', file: csvFile() }],
			['commit', { token: 'x', digest: 'y' }],
			['revert', { eventId: '1' }]
		] as const) {
			const result = await run(
				page.actions[action as keyof typeof page.actions],
				request(user, 'POST', fields as Fields)
			);
			expect(isHttpError(result) && result.status, action).toBe(status);
		}
		expect(await snapshotTables(db)).toEqual(before);
	});

	it('sends an anonymous visitor of the page to the login', async () => {
		const result = await run(page.load, request(null));
		expect(isRedirect(result)).toBe(true);
	});
});

describe('the import page, as an evaluator', () => {
	it('defaults the year to the period in progress and shows statuses in Indonesian', async () => {
		type Data = { defaultYear: number; nextYear: number; periods: { statusLabel: string }[] };
		const plain = (await run(page.load, request(who.evaluator!))) as Data;
		expect(plain.defaultYear).toBe(plain.nextYear);
		expect(plain.periods.map((p) => p.statusLabel)).toEqual(['Dipublikasikan', 'Dipublikasikan']);
		await db.update(periods).set({ status: 'evaluation' }).where(eq(periods.year, 2020));
		const inProgress = (await run(page.load, request(who.evaluator!))) as Data;
		expect(inProgress.defaultYear).toBe(2020);
	});

	// A new year creates a period, which is the admin's (see import-rules.test.ts for the evaluator).
	it('previews without writing, then commits what was shown, then reverts it', async () => {
		const before = await snapshotTables(db);
		const shown = await preview(who.admin!);
		expect(await snapshotTables(db)).toEqual(before);
		expect(shown.rows.find((r) => r.name === 'Kec. Kasemen')?.opd).toBe('kecamatan-kasemen');

		const committed = (await run(
			page.actions.commit,
			request(who.admin!, 'POST', { token: shown.token, digest: shown.digest })
		)) as { committed: { year: number; eventId: number; cellsChanged: number } };
		expect(committed.committed).toMatchObject({ year: 2022, cellsChanged: 8 * 13 });
		expect(await db.select().from(periods).where(eq(periods.year, 2022))).toHaveLength(1);

		// Undo asks first, saying how many cells it restores; nothing changes until confirmed.
		const eventId = String(committed.committed.eventId);
		const asked = await run(page.actions.revert, request(who.admin!, 'POST', { eventId }));
		expect(asked).toMatchObject({
			revertAsk: { id: committed.committed.eventId, year: 2022, createdPeriod: true, cells: 8 * 13 }
		});
		expect(await db.select().from(periods).where(eq(periods.year, 2022))).toHaveLength(1);
		const reverted = await run(
			page.actions.revert,
			request(who.admin!, 'POST', { eventId, confirmed: 'yes' })
		);
		expect(reverted).toEqual({ reverted: { id: committed.committed.eventId, restored: 8 * 13 } });
		expect(await db.select().from(periods).where(eq(periods.year, 2022))).toHaveLength(0);
	});

	it('a corrected match is previewed again before anything is written', async () => {
		const shown = await preview(who.admin!);
		const line = shown.rows.find((r) => r.name === 'Bagian Umum Sekretariat Daerah')!.line;
		const before = await snapshotTables(db);
		const fields = {
			token: shown.token,
			digest: shown.digest,
			[`match-${line}`]: 'sekretariat-daerah'
		};
		const again = await run(page.actions.commit, request(who.admin!, 'POST', fields));
		expect(isActionFailure(again) && again.status).toBe(409);
		expect(await snapshotTables(db)).toEqual(before);
		const refreshed = (again as { data: Preview & { message: string } }).data;
		expect(refreshed.message).toMatch(/Pratinjau diperbarui/);
		expect(refreshed.preview.rows.find((r) => r.line === line)?.opd).toBe('sekretariat-daerah');

		const done = (await run(
			page.actions.commit,
			request(who.admin!, 'POST', {
				token: shown.token,
				digest: refreshed.preview.digest,
				[`match-${line}`]: 'sekretariat-daerah'
			})
		)) as { committed: { year: number; cellsChanged: number } };
		expect(done.committed).toMatchObject({ year: 2022, cellsChanged: 8 * 13 });
		// The corrected row was written under the OPD the user chose, with the name as printed.
		const written = await db
			.select({ name: periodOpds.displayName, opdId: periodOpds.opdId })
			.from(periodOpds)
			.innerJoin(opds, eq(opds.id, periodOpds.opdId))
			.innerJoin(periods, eq(periods.id, periodOpds.periodId))
			.where(and(eq(periods.year, 2022), eq(opds.slug, 'sekretariat-daerah')));
		expect(written.map((w) => w.name)).toEqual(['Bagian Umum Sekretariat Daerah']);
		const [year2022] = await db.select().from(periods).where(eq(periods.year, 2022));
		const cells = await db
			.select()
			.from(assessments)
			.where(and(eq(assessments.periodId, year2022!.id), eq(assessments.opdId, written[0]!.opdId)));
		expect(cells).toHaveLength(13);
	});

	it('a stale preview is refused and shown again; nothing is written', async () => {
		await db.update(periods).set({ status: 'evaluation' }).where(eq(periods.year, 2021));
		const file = new File(
			[
				readFileSync('data/seeds/000_98cb80431292019a.txt', 'utf8').replace(
					'32\tBadan Pendapatan Daerah Kota Serang\t',
					'32\tBadan Pendapatan Daerah Kota Serang\t√'
				)
			],
			'laporan.txt'
		);
		const shown = await preview(who.evaluator!, '2021', file);
		// Meanwhile someone edits every cell of 2021.
		await db.update(assessments).set({ value: 1 });
		const before = await snapshotTables(db);
		const result = await run(
			page.actions.commit,
			request(who.evaluator!, 'POST', { token: shown.token, digest: shown.digest })
		);
		expect(isActionFailure(result) && result.status).toBe(409);
		expect((result as { data: { message: string } }).data.message).toMatch(
			/berubah sejak pratinjau/
		);
		expect(await snapshotTables(db)).toEqual(before);
	});

	it('parse errors come back with line and column, and nothing is written', async () => {
		const before = await snapshotTables(db);
		const result = await run(
			page.actions.preview,
			request(who.evaluator!, 'POST', { year: '2022', file: csvFile('non-tick.csv') })
		);
		expect(isActionFailure(result) && result.status).toBe(400);
		const data = (
			result as {
				data: { message: string; action: string; issues: { line: number; column: number }[] };
			}
		).data;
		expect(data.action).toBe('preview');
		expect(data.message).toMatch(/tidak dapat dibaca/);
		const errors = data.issues;
		expect(errors.map((e) => [e.line, e.column])).toEqual([
			[4, 6],
			[6, 4]
		]);
		expect(await snapshotTables(db)).toEqual(before);
	});

	it("another user's preview token does not work", async () => {
		const shown = await preview(who.evaluator!);
		const result = await run(
			page.actions.commit,
			request(who.admin!, 'POST', { token: shown.token, digest: shown.digest })
		);
		expect(isActionFailure(result) && result.status).toBe(410);
	});
});

describe('export endpoint', () => {
	const get = (user: SessionUser | null, file: string, year = '2021') => {
		const event = newRequest(`/api/v1/periods/${year}/ekspor/${file}`, {
			user,
			params: { year, file }
		});
		return run(exportRoute.GET, event);
	};

	it.each([
		[null, 401],
		['operator', 403]
	])('refuses %s with %i', async (role, status) => {
		const result = await get(role ? who[role]! : null, 'matriks.csv');
		expect(isHttpError(result) && result.status).toBe(status);
	});

	it('gives pimpinan, evaluator and admin every view as CSV and .xlsx', async () => {
		for (const role of ['pimpinan', 'evaluator', 'admin']) {
			for (const file of [
				'matriks.csv',
				'rinci.xlsx',
				'peringkat.csv',
				'templat-kosong.csv',
				'semua.xlsx'
			]) {
				const res = (await get(who[role]!, file)) as Response;
				expect(res.status, `${role} ${file}`).toBe(200);
				expect(res.headers.get('content-disposition')).toContain(`monev-dip-2021-${file}`);
			}
		}
		const wide = await ((await get(who.pimpinan!, 'matriks.csv')) as Response).text();
		expect(wide.split('\r\n')[0]).toMatch(/^No,OPD,Struktur Organisasi/);
		expect(wide.trim().split('\r\n')).toHaveLength(33);
		const empty = await ((await get(who.pimpinan!, 'templat-kosong.csv')) as Response).text();
		expect(empty).not.toContain('√');
	});

	it('404 for an unknown view or year', async () => {
		expect(isHttpError(await get(who.admin!, 'x.csv'))).toBe(true);
		const missing = await get(who.admin!, 'matriks.csv', '1999');
		expect(isHttpError(missing) && missing.status).toBe(404);
	});
});
