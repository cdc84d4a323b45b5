import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isActionFailure, isHttpError, isRedirect } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { awardsCommand } from '../../scripts/cli/awards';
import { SYSTEM_ACTORS } from '../../src/lib/server/audit/audit';
import * as awards from '../../src/lib/server/awards/awards';
import type { SessionUser } from '../../src/lib/server/auth/types';
import { useDb, type DB } from '../../src/lib/server/db';
import {
	auditEvents,
	opds,
	periods,
	publishedFiles,
	publishedSnapshots
} from '../../src/lib/server/db/schema';
import { publishedReport } from '../../src/lib/server/results/open-data';
import type { ResultsView } from '../../src/lib/server/results/view';
import { insertOpd, usersByRole } from './helpers/auth';
import { snapshotTables } from './helpers/snapshot';
import { createTestDb } from './helpers/test-db';
import { endRequest, request as newRequest, run } from './helpers/request';

vi.mock('$app/server', () => import('./helpers/request'));

const page = await import('../../src/routes/admin/penghargaan/[year=year]/+page.server');
const index = await import('../../src/routes/admin/penghargaan/+page.server');

let db: DB;
let cleanup: () => Promise<void>;
let dir: string;
beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'monev-awards-'));
	return () => rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
	({ db, cleanup } = await createTestDb('demo'));
	useDb(db);
}, 30_000);
afterEach(async () => {
	endRequest();
	vi.restoreAllMocks();
	await cleanup();
});

const ACTOR = { userId: null, name: 'uji' };

async function opdId(slug: string) {
	const [row] = await db.select({ id: opds.id }).from(opds).where(eq(opds.slug, slug));
	return row!.id;
}

async function published(year: number) {
	const [row] = await db
		.select({ body: publishedSnapshots.body, etag: publishedSnapshots.etag })
		.from(publishedSnapshots)
		.innerJoin(periods, eq(periods.id, publishedSnapshots.periodId))
		.where(eq(periods.year, year));
	const files = await db
		.select({ name: publishedFiles.name, body: publishedFiles.body, etag: publishedFiles.etag })
		.from(publishedFiles)
		.innerJoin(periods, eq(periods.id, publishedFiles.periodId))
		.where(eq(periods.year, year));
	const file = (name: string) => files.find((f) => f.name === name)!;
	return { view: JSON.parse(row!.body) as ResultsView, etag: row!.etag, file };
}

describe('award lists (server/awards)', () => {
	it('reads the seeded official lists in the shape the report composer uses', async () => {
		const lists = await awards.awardListsOfYear(db, 2021);
		expect(lists).toHaveLength(1);
		expect(lists[0]).toMatchObject({
			title: 'OPD terbaik',
			sourceNote: expect.stringMatching(/2021/)
		});
		expect(lists[0]!.entries.map((e) => [e.position, e.points, e.opdName])).toEqual([
			[1, 250, 'Satuan Polisi Pamong Praja Pemerintah Kota Serang'],
			[2, 219, 'Badan Penanggulangan Bencana Daerah Kota Serang'],
			[3, 102, 'Badan Kepegawaian Pengembangan Sumber Daya Manusia']
		]);
		expect(typeof lists[0]!.entries[0]!.opdId).toBe('number');
		expect(await awards.awardListsOfYear(db, 1999)).toEqual([]);
	});

	it('records a second list, audited, and the published year shows it while its ranking stays', async () => {
		const before = await published(2021);
		const listId = await awards.createList(
			2021,
			{ title: 'Website terbaik', sourceNote: 'SK uji' },
			ACTOR,
			db
		);
		const kominfo = await opdId('dinas-komunikasi-dan-informatika');
		const entryId = await awards.addEntry(
			listId,
			{ opdId: kominfo, position: 1, points: 87.5, note: 'uji' },
			ACTOR,
			db
		);
		await awards.updateEntry(
			entryId,
			{ opdId: kominfo, position: 2, points: null, note: null },
			ACTOR,
			db
		);
		await awards.updateList(
			listId,
			{ title: 'Website OPD terbaik', sourceNote: 'SK uji' },
			ACTOR,
			db
		);

		const lists = await awards.awardListsOfYear(db, 2021);
		expect(lists.map((l) => l.title)).toEqual(['OPD terbaik', 'Website OPD terbaik']);
		expect(lists[1]!.entries).toEqual([
			expect.objectContaining({ opdId: kominfo, position: 2, points: null, note: null })
		]);

		const after = await published(2021);
		expect(after.etag).not.toBe(before.etag);
		expect(after.view.result).toEqual(before.view.result);
		expect(after.view.officialAwards.at(-1)).toMatchObject({
			list: 'Website OPD terbaik',
			title: 'Website OPD terbaik II',
			opdName: 'Dinas Komunikasi dan Informatika Kota Serang',
			source: 'SK uji'
		});
		expect(after.file('results.csv').etag).toBe(before.file('results.csv').etag);
		expect(after.file('results.json').etag).not.toBe(before.file('results.json').etag);
		expect(JSON.parse(after.file('results.json').body).officialAwards).toHaveLength(4);
		const report = await publishedReport(2021, db);
		expect(report!.officialLists.map((l) => [l.title, l.entries.length])).toEqual([
			['OPD terbaik', 3],
			['Website OPD terbaik', 1]
		]);

		await awards.deleteEntry(entryId, ACTOR, db);
		await awards.deleteList(listId, ACTOR, db);
		expect(await awards.awardListsOfYear(db, 2021)).toHaveLength(1);
		expect((await published(2021)).view.officialAwards).toHaveLength(3);

		const events = await db
			.select({ action: auditEvents.action, actor: auditEvents.actor })
			.from(auditEvents)
			.where(eq(auditEvents.actor, 'uji'));
		expect(events.map((e) => e.action)).toEqual([
			'awards.list.create',
			'awards.entry.add',
			'awards.entry.update',
			'awards.list.update',
			'awards.entry.delete',
			'awards.list.delete'
		]);
	});

	it('refuses an OPD outside the year, a second entry of one OPD and a duplicate title', async () => {
		const [list] = await awards.awardListsOfYear(db, 2021);
		const outsider = await insertOpd(db, 'dinas-luar');
		const before = await snapshotTables(db);
		await expect(
			awards.addEntry(
				list!.id,
				{ opdId: outsider, position: 4, points: null, note: null },
				ACTOR,
				db
			)
		).rejects.toThrow(/tidak termasuk daftar OPD tahun 2021/);
		await expect(
			awards.addEntry(
				list!.id,
				{ opdId: list!.entries[0]!.opdId, position: 4, points: 1, note: null },
				ACTOR,
				db
			)
		).rejects.toThrow(/sudah ada di daftar ini/);
		await expect(
			awards.createList(2021, { title: 'opd TERBAIK', sourceNote: '' }, ACTOR, db)
		).rejects.toThrow(/sudah ada tahun ini/);
		await expect(
			awards.createList(1999, { title: 'X', sourceNote: '' }, ACTOR, db)
		).rejects.toThrow(/Periode 1999 tidak ada/);
		expect(await snapshotTables(db)).toEqual(before);
	});
});

describe('npm run monev -- awards', () => {
	function capture() {
		const out: string[] = [];
		const err: string[] = [];
		vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
			out.push(String(chunk));
			return true;
		});
		vi.spyOn(console, 'error').mockImplementation((...args) => {
			err.push(args.join(' '));
		});
		return { out: () => out.join(''), err: () => err.join('\n') };
	}

	function csv(name: string, text: string) {
		const file = join(dir, name);
		writeFileSync(file, text);
		return file;
	}

	it('lists a year as JSON', async () => {
		const io = capture();
		expect(await awardsCommand(['list', '--year', '2020', '--format', 'json'], db)).toBe(0);
		const { year, lists } = JSON.parse(io.out()) as {
			year: number;
			lists: awards.AwardListView[];
		};
		expect(year).toBe(2020);
		expect(lists[0]!.entries.map((e) => [e.position, e.points])).toEqual([
			[1, 396],
			[2, 284],
			[3, 154]
		]);
	});

	it('imports a good file: names matched fuzzily, a named list replaced, a new one added', async () => {
		const file = csv(
			'good.csv',
			'daftar;posisi;opd;nilai;catatan\n' +
				'OPD terbaik;1;Satpol PP Kota Serang;260;dikoreksi\n' +
				'OPD terbaik;2;BPBD Kota Serang;219;\n' +
				'Website terbaik;1;Diskominfo;"87,5";\n'
		);
		const io = capture();
		expect(await awardsCommand(['import', '--year', '2021', '--file', file], db)).toBe(0);
		expect(io.err()).toMatch(/3 OPD tercatat pada 1 daftar baru dan 1 daftar yang diganti isinya/);
		const lists = await awards.awardListsOfYear(db, 2021);
		expect(
			lists.map((l) => [l.title, l.entries.map((e) => [e.position, e.points, e.note])])
		).toEqual([
			[
				'OPD terbaik',
				[
					[1, 260, 'dikoreksi'],
					[2, 219, null]
				]
			],
			['Website terbaik', [[1, 87.5, null]]]
		]);
		// The replaced list keeps its source note (the file names none).
		expect(lists[0]!.sourceNote).toMatch(/Laporan Tahunan PPID Pemerintah Kota Serang 2021/);
		const imported = await db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.action, 'awards.list.import'), eq(auditEvents.actor, 'cli')));
		expect(imported).toHaveLength(2);
	});

	it('refuses a file with a bad row, naming every bad row, and changes nothing', async () => {
		const file = csv(
			'bad.csv',
			'OPD terbaik,1,Satpol PP,250,\n' +
				'OPD terbaik,2,Dinas Antah Berantah,200,\n' +
				'OPD terbaik,tiga,BKPSDM,100,\n'
		);
		const before = await snapshotTables(db);
		const io = capture();
		expect(await awardsCommand(['import', '--year', '2021', '--file', file], db)).toBe(1);
		expect(io.err()).toMatch(/tidak diimpor \(tidak ada yang diubah\)/);
		expect(io.err()).toMatch(
			/baris 2: OPD "Dinas Antah Berantah" tidak cocok dengan OPD mana pun tahun 2021/
		);
		expect(io.err()).toMatch(/baris 3: posisi "tiga" bukan bilangan bulat/);
		expect(await snapshotTables(db)).toEqual(before);
	});

	it('refuses a year without a period and a missing --year', async () => {
		capture();
		expect(await awardsCommand(['list', '--year', '1999'], db)).toBe(1);
		expect(await awardsCommand(['list'], db)).toBe(2);
	});
});

describe('the award-list page /admin/penghargaan/{year}', () => {
	const who: Record<string, SessionUser> = {};
	beforeEach(async () => {
		const roles = ['admin', 'evaluator', 'operator', 'pimpinan', 'petugas'] as const;
		const opd = await opdId('dinas-komunikasi-dan-informatika');
		Object.assign(who, await usersByRole(db, roles, opd));
	});

	const request = (user: SessionUser | null, action?: string, fields?: Record<string, string>) =>
		newRequest(`/admin/penghargaan/2021${action ? `?/${action}` : ''}`, {
			user,
			form: fields,
			params: { year: '2021' }
		});

	it.each(['admin', 'evaluator'])('lets the %s record a list and its entries', async (role) => {
		const data = (await run(page.load, request(who[role]!))) as {
			lists: awards.AwardListView[];
			opds: { id: number; name: string }[];
		};
		expect(data.lists.map((l) => l.title)).toEqual(['OPD terbaik']);
		expect(data.opds).toHaveLength(32);
		expect(
			await run(
				page.actions.createList,
				request(who[role]!, 'createList', { title: 'Website terbaik', sourceNote: '' })
			)
		).toEqual({ done: 'Daftar "Website terbaik" dibuat.' });
		const list = (await awards.awardListsOfYear(db, 2021)).find(
			(l) => l.title === 'Website terbaik'
		)!;
		const opd = data.opds[0]!;
		const added = await run(
			page.actions.addEntry,
			request(who[role]!, 'addEntry', {
				listId: String(list.id),
				opdId: String(opd.id),
				position: '1',
				points: '87,5',
				note: ''
			})
		);
		expect(added).toEqual({ done: 'OPD ditambahkan ke daftar.' });
		const [entry] = (await awards.awardListsOfYear(db, 2021)).find(
			(l) => l.id === list.id
		)!.entries;
		expect(entry).toMatchObject({ opdId: opd.id, position: 1, points: 87.5, note: null });
		const [event] = await db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, 'awards.entry.add'));
		expect(event!.userId).toBe(who[role]!.id);
	});

	it('sends the form back with values, errors and a message', async () => {
		const [list] = await awards.awardListsOfYear(db, 2021);
		const before = await snapshotTables(db);
		const fields = { listId: String(list!.id), opdId: '', position: 'x', points: 'banyak' };
		const result = await run(page.actions.addEntry, request(who.admin!, 'addEntry', fields));
		expect(isActionFailure(result) && result.status).toBe(400);
		const data = (result as { data: Record<string, unknown> }).data;
		expect(data.values).toMatchObject(fields);
		expect(data.message).toMatch(/Periksa isian/);
		expect(Object.keys(data.errors as object).sort()).toEqual(['opdId', 'points', 'position']);
		const dup = await run(
			page.actions.createList,
			request(who.admin!, 'createList', { title: 'OPD terbaik' })
		);
		expect(isActionFailure(dup) && dup.status).toBe(409);
		expect((dup as { data: { message: string } }).data.message).toMatch(/sudah ada/);
		expect(await snapshotTables(db)).toEqual(before);
	});

	it.each(['operator', 'pimpinan', 'petugas'])(
		'refuses the %s (403) on the page and on every action, changing nothing',
		async (role) => {
			const [list] = await awards.awardListsOfYear(db, 2021);
			expect(isHttpError(await run(page.load, request(who[role]!)), 403)).toBe(true);
			expect(isHttpError(await run(index.load, request(who[role]!)), 403)).toBe(true);
			const before = await snapshotTables(db);
			const posts: [keyof typeof page.actions, Record<string, string>][] = [
				['createList', { title: 'Daftar liar' }],
				['updateList', { listId: String(list!.id), title: 'Diubah' }],
				['deleteList', { listId: String(list!.id) }],
				['addEntry', { listId: String(list!.id), opdId: '1', position: '9' }],
				['updateEntry', { entryId: String(list!.entries[0]!.id), opdId: '1', position: '9' }],
				['deleteEntry', { entryId: String(list!.entries[0]!.id) }]
			];
			for (const [action, fields] of posts) {
				const answer = await run(page.actions[action], request(who[role]!, action, fields));
				expect(isHttpError(answer, 403), action).toBe(true);
			}
			expect(await snapshotTables(db)).toEqual(before);
		}
	);

	it('sends an anonymous visitor to sign in and refuses its post (401)', async () => {
		expect(isRedirect(await run(page.load, request(null)))).toBe(true);
		const post = await run(page.actions.createList, request(null, 'createList', { title: 'X' }));
		expect(isHttpError(post, 401)).toBe(true);
	});

	it('/admin/penghargaan goes to the latest year', async () => {
		const answer = await run(index.load, request(who.evaluator!));
		expect(isRedirect(answer) && answer.location).toBe('/admin/penghargaan/2021');
	});
});

// The seed's own actor recorded the report's lists.
describe('seeded lists', () => {
	it('were recorded by the seed, audited', async () => {
		const events = await db
			.select({ actor: auditEvents.actor })
			.from(auditEvents)
			.where(eq(auditEvents.action, 'awards.list.import'));
		expect(events.map((e) => e.actor)).toEqual([SYSTEM_ACTORS.seed.name, SYSTEM_ACTORS.seed.name]);
	});
});
