import type { RequestEvent } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useDb, type DB } from '../../src/lib/server/db';
import { runMonev } from './helpers/cli';
import { createTestDb } from './helpers/test-db';

const json = await import('../../src/routes/api/v1/service-stats/[year=year]/+server');
const csv = await import('../../src/routes/api/v1/service-stats/[year=year].csv/+server');

let db: DB;
let url: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
	({ db, url, cleanup } = await createTestDb('demo'));
	useDb(db);
}, 60_000);
afterAll(() => cleanup());

const monev = (...args: string[]) => runMonev(url, ...args);

type Handler = (event: RequestEvent<{ year: string }, never>) => Response | Promise<Response>;

async function api(handler: Handler, year: string): Promise<string> {
	const u = new URL(`http://monev.test/api/v1/service-stats/${year}`);
	const res = await handler({
		params: { year },
		url: u,
		request: new Request(u)
	} as unknown as RequestEvent<{ year: string }, never>);
	// Bytes as sent (Response.text() would drop the CSV's BOM).
	return Buffer.from(await res.arrayBuffer()).toString('utf8');
}

describe('npm run monev -- service-stats', () => {
	it.each(['2020', '2021'])(
		'%s: prints the JSON and the CSV of /api/v1/service-stats/{year}',
		async (year) => {
			const out = monev('service-stats', '--year', year);
			expect(out.status, out.stderr).toBe(0);
			expect(out.stdout).toBe(`${await api(json.GET as unknown as Handler, year)}\n`);
			expect(JSON.parse(out.stdout).requests.total).toBe(year === '2020' ? 84 : 98);
			const rows = monev('service-stats', '--year', year, '--format', 'csv');
			expect(rows.status, rows.stderr).toBe(0);
			// The API's CSV starts with a BOM; the bytes on stdout are the same.
			expect(rows.stdout).toBe(await api(csv.GET as unknown as Handler, year));
			expect(rows.stdout).toContain('requests.total,,');
		},
		60_000
	);

	it.each([
		[['--year', '2019'], 1, /belum ada data layanan informasi tahun 2019/],
		[['--year', '2021', '--format', 'xml'], 2, /Penggunaan: service-stats/],
		[[], 2, /Penggunaan: service-stats/]
	])('refuses %j with exit %i', (args, code, message) => {
		const out = monev('service-stats', ...args);
		expect(out.status).toBe(code);
		expect(out.stdout).toBe('');
		expect(out.stderr).toMatch(message);
	});
});
