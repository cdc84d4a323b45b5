import { isActionFailure, isHttpError } from '@sveltejs/kit';
import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth/types';
import { useDb, type DB } from '../../src/lib/server/db';
import { auditEvents, serviceRequests } from '../../src/lib/server/db/schema';
import { SYSTEM_ACTORS } from '../../src/lib/server/audit/audit';
import { loadServiceReportText } from '../../src/lib/server/registers/registers';
import { getRecord, listRecords, updateRecord } from '../../src/lib/server/registers/records';
import { tablesToXlsx } from '../../src/lib/server/results/export';
import { readImportLimits } from '../../src/lib/server/config';
import { readUploadText } from '../../src/lib/server/registers/import';
import { xlsxOfCells } from './helpers/hostile-xlsx';
import { REGISTER_FORMS, REGISTER_SLUGS, type RegisterSlug } from '../../src/lib/registers/forms';
import { usersByRole } from './helpers/auth';
import { snapshotTables } from './helpers/snapshot';
import { createTestDb } from './helpers/test-db';
import { endRequest, request as newRequest, run } from './helpers/request';

vi.mock('$app/server', () => import('./helpers/request'));

const endpoint =
	await import('../../src/routes/api/v1/registers/[year=year]/[register=register].csv/+server');
const importPage =
	await import('../../src/routes/layanan/[year=year]/[register=register]/impor/+page.server');

const request = (
	user: SessionUser | null,
	params: { year: string; register: string },
	body?: FormData,
	path = `/layanan/${params.year}/${params.register}/impor`
) => newRequest(path, { user, params, form: body });

function upload(text: string, name = 'register.csv') {
	const form = new FormData();
	form.set('file', new File([text], name, { type: 'text/csv' }));
	return form;
}

const pasted = (text: string, name?: string) => {
	const form = new FormData();
	form.set('text', text);
	if (name) form.set('name', name);
	return form;
};

let dbs: { db: DB; cleanup: () => Promise<void> }[] = [];
const who: Record<string, SessionUser> = {};

async function freshDb(): Promise<DB> {
	const made = await createTestDb();
	dbs.push(made);
	useDb(made.db);
	Object.assign(who, await usersByRole(made.db));
	return made.db;
}

async function seeded(): Promise<DB> {
	const db = await freshDb();
	await loadServiceReportText(
		readFileSync('data/seeds/000_98cb80431292019a.txt', 'utf8'),
		2021,
		'uji',
		SYSTEM_ACTORS.seed,
		db
	);
	return db;
}

async function exportCsv(user: SessionUser | null, register: string) {
	const path = `/api/v1/registers/2021/${register}.csv`;
	return run(endpoint.GET, request(user, { year: '2021', register }, undefined, path));
}

/** A row without what an import changes by design (id, source, creation time). */
const comparable = (rows: Record<string, unknown>[]) =>
	rows.map((r) => {
		const copy: Record<string, unknown> = { ...r };
		delete copy.id;
		delete copy.source;
		delete copy.createdAt;
		return copy;
	});

beforeEach(() => {
	dbs = [];
});
afterEach(async () => {
	endRequest();
	for (const d of dbs) await d.cleanup();
});

describe('register export /api/v1/registers/{year}/{register}.csv', () => {
	it('gives the keepers every field with a BOM; refuses other roles and anonymous', async () => {
		await seeded();
		for (const role of ['petugas', 'admin']) {
			const res = (await exportCsv(who[role]!, 'permohonan')) as Response;
			expect(res.status).toBe(200);
			expect(res.headers.get('content-type')).toMatch(/text\/csv/);
			expect(res.headers.get('cache-control')).toBe('private, no-store');
			const bytes = new Uint8Array(await res.clone().arrayBuffer());
			expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
			const text = await res.text();
			expect(text.split('\r\n')[0]).toBe(
				REGISTER_FORMS.permohonan.fields.map((f) => f.label).join(',')
			);
			expect(text).toMatch(/Rinaldinda Ayu Pinanda/);
		}
		for (const role of ['operator', 'evaluator', 'pimpinan']) {
			const refused = await exportCsv(who[role]!, 'permohonan');
			expect(isHttpError(refused) && refused.status).toBe(403);
		}
		const anonymous = await exportCsv(null, 'survei');
		expect(isHttpError(anonymous) && anonymous.status).toBe(401);
	});
});

describe('register import /layanan/{year}/{register}/impor', () => {
	it.each(REGISTER_SLUGS)(
		'%s: the export imports back into an empty register as the same rows',
		async (slug: RegisterSlug) => {
			await seeded();
			const original = await listRecords(slug, 2021);
			const csv = await ((await exportCsv(who.petugas!, slug)) as Response).text();

			const target = await freshDb();
			const p = { year: '2021', register: slug };
			const preview = (await run(
				importPage.actions.preview,
				request(who.petugas!, p, upload(csv))
			)) as { preview: { count: number; text: string }; data?: { message: string } };
			if (original.length === 0) {
				// 2021 has no objection entries: an empty file is refused, never "0 rows imported".
				expect(preview.data?.message).toMatch(/belum bisa diimpor/);
				return;
			}
			expect(preview.data).toBeUndefined();
			expect(preview.preview.count).toBe(original.length);
			const done = await run(
				importPage.actions.commit,
				request(who.petugas!, p, pasted(preview.preview.text, 'register.csv'))
			);
			expect(done).toMatchObject({
				done: expect.stringMatching(`${original.length} baris diimpor`)
			});
			const imported = await listRecords(slug, 2021, target);
			expect(comparable(imported)).toEqual(comparable(original));
		}
	);

	it('imports all rows or none, naming the row and the column of each problem', async () => {
		const db = await seeded();
		const csv = await ((await exportCsv(who.petugas!, 'permohonan')) as Response).text();
		const lines = csv.split('\r\n');
		// Row 3 of the file (the second entry): a date that does not exist; row 5: an unknown channel.
		lines[2] = lines[2]!.replace('2021-01-08', '2021-02-30');
		lines[4] = lines[4]!.replace('Online (SIP-PPID)', 'Merpati');
		const before = await snapshotTables(db);
		const p = { year: '2021', register: 'permohonan' };
		for (const action of [importPage.actions.preview, importPage.actions.commit]) {
			const refused = await run(action, request(who.petugas!, p, upload(lines.join('\r\n'))));
			expect(isActionFailure(refused) && refused.status).toBe(400);
			const issues = (refused as { data: { issues: unknown[] } }).data.issues;
			expect(issues).toEqual([
				{ row: 3, column: 'Tanggal diterima', message: expect.stringMatching(/2021-02-30/) },
				{ row: 5, column: 'Sarana', message: 'Pilih sarana permohonan.' }
			]);
		}
		expect(await snapshotTables(db)).toEqual(before);
	});

	it('refuses an unknown or missing column before any row', async () => {
		await freshDb();
		const p = { year: '2021', register: 'survei' };
		const refused = await run(
			importPage.actions.preview,
			request(who.petugas!, p, upload('Tanggal;Warna\n2021-01-01;biru\n'))
		);
		const issues = (refused as { data: { issues: { column: string; message: string }[] } }).data
			.issues;
		expect(issues.map((i) => i.column)).toEqual(['Warna', 'Tingkat kepuasan']);
	});

	it('undoes one import, audited; a second undo changes nothing', async () => {
		const db = await freshDb();
		const p = { year: '2021', register: 'permohonan' };
		const csv =
			'Tanggal diterima,Nama pemohon,Jenis pemohon,Sarana,Informasi yang diminta,Keputusan\n' +
			'2021-03-01,Uji Satu,Perorangan,surat,Data A,Diterima\n' +
			'2021-03-01,uji satu,perorangan,Surat,Data B,diterima\n';
		const done = await run(importPage.actions.commit, request(who.petugas!, p, pasted(csv)));
		expect(done).toEqual({ done: '2 baris diimpor. 1 ditandai mungkin duplikat.' });
		const page = (await run(importPage.load, request(who.petugas!, p))) as {
			imports: { source: string; file: string; rows: number }[];
		};
		expect(page.imports).toEqual([
			{ source: expect.stringMatching(/^impor:/), file: 'tempelan', rows: 2 }
		]);
		const form = new FormData();
		form.set('source', page.imports[0]!.source);
		const undone = await run(importPage.actions.undo, request(who.petugas!, p, form));
		expect(undone).toEqual({ done: 'Impor dibatalkan: 2 baris dihapus.' });
		expect(await db.select().from(serviceRequests)).toHaveLength(0);
		const again = await run(importPage.actions.undo, request(who.petugas!, p, form));
		expect(isActionFailure(again) && again.status).toBe(400);
		const actions = (await db.select({ action: auditEvents.action }).from(auditEvents)).map(
			(a) => a.action
		);
		expect(actions.filter((a) => a.startsWith('registers.'))).toEqual([
			'registers.import',
			'registers.import.revert'
		]);
		const [event] = await db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, 'registers.import'));
		expect(JSON.stringify(event)).not.toMatch(/Uji Satu/i);
	});

	it('refuses to undo an import whose rows were edited since, changing nothing', async () => {
		const db = await freshDb();
		const p = { year: '2021', register: 'survei' };
		const csv = 'Tanggal,Tingkat kepuasan\n2021-01-02,puas\n2021-01-03,puas\n';
		await run(importPage.actions.commit, request(who.petugas!, p, pasted(csv)));
		const [first] = await listRecords('survei', 2021, db);
		const opened = await getRecord('survei', 2021, first!.id, db);
		const edited = await updateRecord(
			'survei',
			2021,
			first!.id,
			opened!.version,
			{ respondedOn: '2021-01-02', email: null, occupation: 'Guru', level: 'puas', comment: null },
			{ userId: who.petugas!.id, name: 'u-petugas' },
			db
		);
		expect(edited).toBe('done');
		const before = await snapshotTables(db);
		const form = new FormData();
		form.set('source', String(first!.source));
		const refused = await run(importPage.actions.undo, request(who.petugas!, p, form));
		expect(isActionFailure(refused) && refused.status).toBe(400);
		expect((refused as { data: { message: string } }).data.message).toMatch(/1 perubahan dicatat/);
		expect(await snapshotTables(db)).toEqual(before);
	});

	it('reads the first sheet of an .xlsx like a CSV', async () => {
		const db = await freshDb();
		const p = { year: '2021', register: 'survei' };
		const xlsx = await tablesToXlsx([
			{
				name: 'Survei',
				columns: ['Tanggal', 'Tingkat kepuasan', 'Pekerjaan'],
				rows: [
					['2021-05-01', 'Puas', 'Guru'],
					['2021-05-02', 'Sangat puas', null]
				]
			}
		]);
		const form = new FormData();
		form.set('file', new File([xlsx as Uint8Array<ArrayBuffer>], 'survei.xlsx'));
		const preview = (await run(importPage.actions.preview, request(who.petugas!, p, form))) as {
			preview: { count: number; text: string; file: string };
		};
		expect(preview.preview.count).toBe(2);
		await run(
			importPage.actions.commit,
			request(who.petugas!, p, pasted(preview.preview.text, preview.preview.file))
		);
		const rows = await listRecords('survei', 2021, db);
		expect(rows.map((r) => [r.respondedOn, r.level, r.occupation, r.source])).toEqual([
			['2021-05-01', 'puas', 'Guru', expect.stringMatching(/^impor:\w+:survei\.xlsx$/)],
			['2021-05-02', 'sangat_puas', null, expect.stringMatching(/survei\.xlsx$/)]
		]);
	});

	it('refuses a file over the import caps before reading it', async () => {
		await freshDb();
		const p = { year: '2021', register: 'survei' };
		vi.stubEnv('MONEV_IMPORT_MAX_ROWS', '2');
		try {
			const refused = await run(
				importPage.actions.preview,
				request(
					who.petugas!,
					p,
					upload('Tanggal,Tingkat kepuasan\n2021-01-01,puas\n2021-01-02,puas\n2021-01-03,puas\n')
				)
			);
			expect(isActionFailure(refused) && refused.status).toBe(400);
			expect((refused as { data: { message: string } }).data.message).toMatch(
				/paling banyak 2 baris/
			);
		} finally {
			vi.unstubAllEnvs();
		}
	});

	it.each(['operator', 'evaluator', 'pimpinan'])('refuses the %s (403)', async (role) => {
		const db = await freshDb();
		const p = { year: '2021', register: 'permohonan' };
		const before = await snapshotTables(db);
		const csv =
			'Tanggal diterima,Nama pemohon,Jenis pemohon,Sarana,Informasi yang diminta,Keputusan\n2021-03-01,A,perorangan,surat,B,diterima\n';
		for (const action of [
			importPage.load,
			importPage.actions.preview,
			importPage.actions.commit,
			importPage.actions.undo
		]) {
			const refused = await run(action, request(who[role]!, p, pasted(csv)));
			expect(isHttpError(refused) && refused.status).toBe(403);
		}
		expect(await snapshotTables(db)).toEqual(before);
	});
});

describe('an .xlsx register upload is read in the import parse thread', () => {
	const xlsxForm = (bytes: Uint8Array, name = 'survei.xlsx') => {
		const form = new FormData();
		form.set('file', new File([bytes as Uint8Array<ArrayBuffer>], name));
		return form;
	};
	const small = () =>
		tablesToXlsx([
			{ name: 'Survei', columns: ['Tanggal', 'Tingkat kepuasan'], rows: [['2021-05-01', 'Puas']] }
		]);

	it('under the parse time limit: a thread past it is stopped, with a message to act on', async () => {
		const stopped = await readUploadText(xlsxForm(await small()), readImportLimits(), 1);
		expect(stopped).toEqual({
			ok: false,
			message: expect.stringMatching(/batas memori atau waktu/)
		});
		const read = await readUploadText(xlsxForm(await small()));
		expect(read.ok && read.text).toBe('Tanggal,Tingkat kepuasan\r\n2021-05-01,Puas');
	});

	it('under the parse heap: a sheet too large for it ends the thread, never the process', async () => {
		// One cell at A1 and one at XFD20000: the sheet parser would build 20,000 × 16,384 cells.
		const raised = readImportLimits({
			MONEV_IMPORT_MAX_ROWS: '10000000',
			MONEV_IMPORT_MAX_COLUMNS: '20000',
			MONEV_IMPORT_PARSE_HEAP_MB: '64'
		});
		const sparse = xlsxOfCells([
			[1, 1, 'Tanggal'],
			[20_000, 16_384, 'x']
		]);
		const refused = await readUploadText(xlsxForm(sparse, 'jarang.xlsx'), raised);
		expect(refused).toEqual({ ok: false, message: expect.stringMatching(/batas memori/) });
		expect((await readUploadText(xlsxForm(await small()))).ok).toBe(true);
	});
});
