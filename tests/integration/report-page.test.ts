import { isActionFailure, isHttpError, isRedirect } from '@sveltejs/kit';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth/types';
import { useDb, type DB } from '../../src/lib/server/db';
import { SYSTEM_ACTORS } from '../../src/lib/server/audit/audit';
import { loadServiceReportText } from '../../src/lib/server/registers/registers';
import { composerYear, loadNarrativeText } from '../../src/lib/server/report/composer';
import { REPORT_TOO_LARGE } from '../../src/lib/server/report/report-thread';
import { usersByRole } from './helpers/auth';
import { snapshotTables } from './helpers/snapshot';
import { createTestDb } from './helpers/test-db';
import { endRequest, request as newRequest, run } from './helpers/request';

vi.mock('$app/server', () => import('./helpers/request'));

const page = await import('../../src/routes/layanan/[year=year]/laporan-tahunan/+page.server');
const print =
	await import('../../src/routes/layanan/[year=year]/laporan-tahunan/cetak/+page.server');
const download = await import('../../src/routes/layanan/[year=year]/laporan-tahunan/unduh/+server');

const request = (
	user: SessionUser | null,
	year: string,
	fields?: Record<string, string>,
	search = ''
) =>
	newRequest(`/layanan/${year}/laporan-tahunan${search}`, { user, form: fields, params: { year } });

let db: DB;
let cleanup: () => Promise<void>;
const who: Record<string, SessionUser> = {};
beforeEach(async () => {
	({ db, cleanup } = await createTestDb());
	useDb(db);
	const text = readFileSync('data/seeds/000_98cb80431292019a.txt', 'utf8');
	await loadServiceReportText(text, 2021, 'uji', SYSTEM_ACTORS.seed, db);
	await loadNarrativeText(text, 2021, 'uji', SYSTEM_ACTORS.seed, db);
	Object.assign(who, await usersByRole(db));
});
afterEach(async () => {
	endRequest();
	await cleanup();
});

type Loaded = {
	meta: { budgetAmount: number | null; signatoryName: string };
	sections: { key: string; body: string }[];
	origin: string;
};

describe('the composer /layanan/{year}/laporan-tahunan', () => {
	it('opens the year for the petugas and the admin; the regulation table edits with " | "', async () => {
		for (const role of ['petugas', 'admin']) {
			const data = (await run(page.load, request(who[role]!, '2021'))) as Loaded;
			expect(data.meta.budgetAmount).toBe(75_904_000);
			expect(data.sections.find((s) => s.key === 'regulasi')?.body).toMatch(
				/^Perwal No 24 tahun 2011 \| Pedoman Pengelolaan/
			);
		}
	});

	it('starts 2022 on first open as a copy of 2021', async () => {
		const data = (await run(page.load, request(who.petugas!, '2022'))) as Loaded;
		expect(data.origin).toBe('salinan tahun 2021');
		expect(data.meta.signatoryName).toBe('ARIE RAHMAN HAKIM, S.Sos, M.Si');
		expect(data.meta.budgetAmount).toBeNull();
		expect(data.sections.find((s) => s.key === 'rekomendasi')?.body).toMatch(/^Melihat/);
	});

	it.each(['operator', 'evaluator', 'pimpinan'])(
		'refuses the %s (403) everywhere and changes nothing; sends an anonymous visitor to log in',
		async (role) => {
			const before = await snapshotTables(db);
			for (const fn of [page.load, print.load, download.GET]) {
				const refused = await run(fn, request(who[role]!, '2021'));
				expect(isHttpError(refused) && refused.status).toBe(403);
			}
			for (const action of [page.actions.section, page.actions.meta]) {
				const post = await run(action, request(who[role]!, '2021', { key: 'sdm', body: 'x' }));
				expect(isHttpError(post) && post.status).toBe(403);
			}
			expect(isRedirect(await run(page.load, request(null, '2022')))).toBe(true);
			expect(await snapshotTables(db)).toEqual(before);
		}
	);

	it('saves a section (a table back to tabs) and the signatory from plain form posts', async () => {
		const saved = await run(
			page.actions.section,
			request(who.petugas!, '2021', {
				key: 'regulasi',
				body: 'Perwal No 24 tahun 2011 | Pedoman | 2011\r\nPerki No 1 Tahun 2021 | Standar Layanan Informasi Publik | 2021'
			})
		);
		expect(saved).toEqual({ done: 'Bagian disimpan.', key: 'regulasi' });
		const y = await composerYear(2021, db);
		expect(y?.sections.find((s) => s.key === 'regulasi')?.body).toBe(
			'Perwal No 24 tahun 2011\tPedoman\t2011\nPerki No 1 Tahun 2021\tStandar Layanan Informasi Publik\t2021'
		);
		const meta = await run(
			page.actions.meta,
			request(who.admin!, '2021', {
				signatoryName: 'ARIE RAHMAN HAKIM, S.Sos, M.Si',
				signatoryNip: '19710809 200212 1 003',
				signatoryTitle: 'PPID KOTA SERANG',
				signatoryPlace: 'Serang',
				signatoryDate: '2022-01-20',
				budgetAmount: 'Rp 80.000.000',
				budgetSource: 'APBD Pemerintah Kota Serang'
			})
		);
		expect(meta).toMatchObject({ key: 'meta' });
		expect((await composerYear(2021, db))?.meta).toMatchObject({
			budgetAmount: 80_000_000,
			signatoryDate: '2022-01-20'
		});
	});

	it('refuses a bad NIP with 400 and the values back, changing nothing', async () => {
		const before = await snapshotTables(db);
		const result = await run(
			page.actions.meta,
			request(who.petugas!, '2021', { signatoryNip: 'NIP-XYZ', budgetAmount: '1' })
		);
		expect(isActionFailure(result) && result.status).toBe(400);
		expect(result).toMatchObject({
			data: { values: { signatoryNip: 'NIP-XYZ' }, errors: { signatoryNip: /angka/ } }
		});
		expect(await snapshotTables(db)).toEqual(before);
	});

	it('prints the report and downloads it as .docx and HTML', async () => {
		const printed = (await run(print.load, request(who.petugas!, '2021'))) as {
			doc: { blocks: { t: string; text?: string }[] };
		};
		expect(printed.doc.blocks.some((b) => b.t === 'p' && b.text?.includes('Rp 75.904.000'))).toBe(
			true
		);
		const docx = (await run(download.GET, request(who.petugas!, '2021'))) as Response;
		expect(docx.headers.get('content-type')).toMatch(/wordprocessingml/);
		expect(docx.headers.get('content-disposition')).toContain('laporan-tahunan-ppid-2021.docx');
		const bytes = new Uint8Array(await docx.arrayBuffer());
		expect(String.fromCharCode(bytes[0]!, bytes[1]!)).toBe('PK');
		const html = (await run(
			download.GET,
			request(who.petugas!, '2021', undefined, '?format=html')
		)) as Response;
		expect(await html.text()).toContain('<td>130356</td>');
		const missing = await run(print.load, request(who.petugas!, '2030'));
		expect(isHttpError(missing) && missing.status).toBe(404);
		const badFormat = await run(
			download.GET,
			request(who.petugas!, '2021', undefined, '?format=pdf')
		);
		expect(isHttpError(badFormat) && badFormat.status).toBe(400);
	});

	it('answers 503 with the reason when the report thread runs out of its heap', async () => {
		process.env.MONEV_REPORT_HEAP_MB = '1';
		try {
			const tooLarge = await run(download.GET, request(who.petugas!, '2021'));
			expect(isHttpError(tooLarge) && tooLarge.status).toBe(503);
			expect(isHttpError(tooLarge) && tooLarge.body.message).toBe(REPORT_TOO_LARGE);
		} finally {
			delete process.env.MONEV_REPORT_HEAP_MB;
		}
		// The server goes on: the next download is built.
		const docx = (await run(download.GET, request(who.petugas!, '2021'))) as Response;
		expect(docx.status).toBe(200);
	});
});
