import { isHttpError, isRedirect, type RequestEvent } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth/types';
import { useDb, type DB } from '../../src/lib/server/db';
import { addUser, insertOpd } from './helpers/auth';
import { createTestDb } from './helpers/test-db';

let current: RequestEvent | undefined;
vi.mock('$app/server', () => ({
	getRequestEvent: () => {
		if (!current) throw new Error('no request in progress');
		return current;
	}
}));

const page = await import('../../src/routes/layanan/[year=year]/statistik/+page.server');

function request(user: SessionUser | null, year: string) {
	const url = new URL(`http://localhost/layanan/${year}/statistik`);
	current = {
		url,
		params: { year },
		request: new Request(url),
		locals: { user, sessionId: null },
		cookies: { set: () => {}, get: () => undefined, delete: () => {} },
		getClientAddress: () => '127.0.0.1'
	} as unknown as RequestEvent;
	return current;
}

/** The load's data, or the status it refused with ('login' for a redirect to sign in). */
async function open(user: SessionUser | null, year = '2021'): Promise<unknown> {
	try {
		return await (page.load as unknown as (e: RequestEvent) => unknown)(request(user, year));
	} catch (e) {
		if (isHttpError(e)) return e.status;
		if (isRedirect(e)) return e.location.startsWith('/login') ? 'login' : e.location;
		throw e;
	}
}

let db: DB;
let cleanup: () => Promise<void>;
const who: Record<string, SessionUser> = {};
beforeAll(async () => {
	({ db, cleanup } = await createTestDb('demo'));
	useDb(db);
	for (const role of ['petugas', 'operator', 'evaluator', 'pimpinan', 'admin'] as const) {
		const opdId = role === 'operator' ? await insertOpd(db, 'dinas-uji-statistik') : null;
		const u = await addUser(db, `stat-${role}`, role, opdId);
		who[role] = { ...u, displayName: u.username, role, opdId, isDemo: false };
	}
}, 60_000);
afterAll(() => {
	current = undefined;
	return cleanup();
});

type Loaded = {
	empty: boolean;
	previousYear: number | null;
	sections: { id: string; labels: string[]; current: number[]; previous: number[] | null }[];
	summary: { current: { requests: number; objectionRate: number }; previous: { requests: number } };
};

describe('the statistics page /layanan/{year}/statistik', () => {
	it.each([
		['anonymous', 'login'],
		['operator', 403],
		['evaluator', 403]
	])('refuses %s (%s)', async (role, outcome) => {
		expect(await open(role === 'anonymous' ? null : who[role]!)).toBe(outcome);
	});

	it.each(['petugas', 'pimpinan', 'admin'])(
		'shows %s 2021 beside 2020, aggregates only',
		async (role) => {
			const data = (await open(who[role]!)) as Loaded;
			expect(data.empty).toBe(false);
			expect(data.previousYear).toBe(2020);
			expect(data.summary.current.requests).toBe(98);
			expect(data.summary.previous.requests).toBe(84);
			expect(data.summary.current.objectionRate).toBe(15 / 98);
			const months = data.sections.find((s) => s.id === 'permohonan-bulan')!;
			expect(months.current).toEqual([8, 46, 20, 7, 4, 0, 4, 2, 1, 2, 2, 2]);
			expect(months.previous).toEqual([1, 13, 13, 49, 0, 0, 0, 0, 5, 1, 2, 0]);
			// No register row reaches the page: no applicant name, address or e-mail.
			expect(JSON.stringify(data)).not.toMatch(/Robani|Sopandri|@gmail|@yahoo/i);
		}
	);

	it('2020 has no previous year; a year without data says so', async () => {
		const y2020 = (await open(who.pimpinan!, '2020')) as Loaded;
		expect(y2020.previousYear).toBeNull();
		expect(y2020.sections.every((s) => s.previous === null)).toBe(true);
		expect(await open(who.petugas!, '2019')).toEqual({ year: 2019, empty: true });
	});
});
