import { isActionFailure, isHttpError, isRedirect } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth/types';
import { useDb, type DB } from '../../src/lib/server/db';
import { auditEvents, serviceRequests } from '../../src/lib/server/db/schema';
import { loadServiceReportText } from '../../src/lib/server/registers/registers';
import { SYSTEM_ACTORS } from '../../src/lib/server/audit/audit';
import { readFileSync } from 'node:fs';
import { usersByRole } from './helpers/auth';
import { snapshotTables } from './helpers/snapshot';
import { createTestDb } from './helpers/test-db';
import { endRequest, request as newRequest, run } from './helpers/request';

vi.mock('$app/server', () => import('./helpers/request'));

const page = await import('../../src/routes/layanan/[year=year]/+page.server');
const index = await import('../../src/routes/layanan/+page.server');

const request = (user: SessionUser | null, fields?: Record<string, string>) =>
	newRequest('/layanan/2021?/add', { user, form: fields, params: { year: '2021' } });

const ENTRY = {
	receivedOn: '2021-08-02',
	applicantName: 'Siti Pemohon Uji',
	applicantAddress: 'Jl. Uji 1',
	applicantContact: 'siti.uji@example.test',
	applicantType: 'perorangan',
	channel: 'email',
	information: 'Laporan keuangan 2020',
	opd: 'BPKAD',
	decision: 'diterima',
	refusalReason: '',
	answeredOn: '2021-08-16',
	note: ''
};

let db: DB;
let cleanup: () => Promise<void>;
const who: Record<string, SessionUser> = {};
beforeEach(async () => {
	({ db, cleanup } = await createTestDb());
	useDb(db);
	await loadServiceReportText(
		readFileSync('data/seeds/000_98cb80431292019a.txt', 'utf8'),
		2021,
		'uji',
		SYSTEM_ACTORS.seed,
		db
	);
	Object.assign(who, await usersByRole(db, ['petugas', 'operator', 'evaluator', 'admin']));
});
afterEach(async () => {
	endRequest();
	await cleanup();
});

describe('the desk register page /layanan/{year}', () => {
	it('shows the petugas and the admin the whole register, personal data included', async () => {
		for (const role of ['petugas', 'admin']) {
			const data = (await run(page.load, request(who[role]!))) as {
				rows: { count: number; applicantName: string | null; possibleDuplicate: boolean }[];
			};
			expect(data.rows.reduce((s, r) => s + r.count, 0)).toBe(98);
			expect(data.rows.filter((r) => r.possibleDuplicate).map((r) => r.applicantName)).toEqual([
				'Robani'
			]);
		}
	});

	it('sends /layanan to the latest register year', async () => {
		const answer = await run(index.load, request(who.petugas!));
		expect(isRedirect(answer) && answer.location).toBe('/layanan/2021');
		const refused = await run(index.load, request(who.operator!));
		expect(isHttpError(refused) && refused.status).toBe(403);
	});

	it.each(['operator', 'evaluator'])(
		'refuses the %s (403) and an anonymous visitor',
		async (role) => {
			const refused = await run(page.load, request(who[role]!));
			expect(isHttpError(refused) && refused.status).toBe(403);
			const before = await snapshotTables(db);
			const post = await run(page.actions.add, request(who[role]!, ENTRY));
			expect(isHttpError(post) && post.status).toBe(403);
			expect(await snapshotTables(db)).toEqual(before);
			expect(isRedirect(await run(page.load, request(null)))).toBe(true);
		}
	);

	it('adds an entry with its working days, audited without personal data', async () => {
		const result = await run(page.actions.add, request(who.petugas!, ENTRY));
		expect(result).toEqual({ done: 'Permohonan dicatat.' });
		const [row] = await db
			.select()
			.from(serviceRequests)
			.where(eq(serviceRequests.applicantName, 'Siti Pemohon Uji'));
		expect(row).toMatchObject({
			year: 2021,
			kind: 'entry',
			month: 8,
			count: 1,
			channel: 'email',
			workingDays: 10,
			possibleDuplicate: false
		});
		const [event] = await db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, 'registers.permohonan.add'));
		expect(event).toMatchObject({ userId: who.petugas!.id, entityId: String(row!.id) });
		expect(JSON.stringify(event)).not.toMatch(/Siti|siti\.uji/);
		const again = await run(page.actions.add, request(who.petugas!, ENTRY));
		expect(again).toMatchObject({ done: expect.stringMatching(/mungkin duplikat/) });
	});

	it.each([
		[{ receivedOn: '2020-12-31' }, 'receivedOn', /di luar tahun register 2021/],
		[{ receivedOn: '2021-02-30' }, 'receivedOn', /bukan tanggal yang ada di kalender/],
		[{ applicantName: '  ' }, 'applicantName', /Isi nama pemohon/],
		[{ decision: 'ditolak' }, 'refusalReason', /pilih alasan penolakannya/],
		[{ refusalReason: 'dikecualikan' }, 'refusalReason', /hanya untuk permohonan yang ditolak/],
		[{ answeredOn: '2021-07-30' }, 'answeredOn', /sebelum tanggal diterima/],
		[{ channel: 'merpati' }, 'channel', /Pilih sarana/]
	])('refuses %j with a message on %s and changes nothing', async (change, field, message) => {
		const before = await snapshotTables(db);
		const result = await run(page.actions.add, request(who.petugas!, { ...ENTRY, ...change }));
		expect(isActionFailure(result) && result.status).toBe(400);
		const errors = (result as { data: { errors: Record<string, string> } }).data.errors;
		expect(errors[field]).toMatch(message);
		expect(await snapshotTables(db)).toEqual(before);
	});
});
