// Privacy (issue 15 §4): applicants' and respondents' names, addresses and e-mails are personal
// data. Every page and endpoint an anonymous visitor can request, enumerated from src/routes for
// both seed years, must show none of those the seed reports hold; the database must hold them.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createClient } from '@libsql/client';
import { readSheet } from 'read-excel-file/universal';
import { parseServiceReport } from '../../src/lib/registers/seed-report';
import { startApp, type RunningApp } from './harness';

const SEEDS = ['data/seeds/001_fa7482990baaa3fb.txt', 'data/seeds/000_98cb80431292019a.txt'];
const YEARS = ['2020', '2021'];

/** Every name, address and e-mail of a person in the seeds' registers (Bagian III–V). */
function personalData(): string[] {
	const out = new Set<string>();
	for (const file of SEEDS) {
		const parsed = parseServiceReport(readFileSync(file, 'utf8'));
		if (!parsed.ok) throw new Error(`${file}: ${parsed.errors[0]!.message}`);
		for (const r of parsed.report.requests) {
			if (r.applicantName) out.add(r.applicantName);
			if (r.applicantAddress) out.add(r.applicantAddress);
		}
		for (const s of parsed.report.survey) if (s.email) out.add(s.email);
	}
	return [...out];
}

/** Route folders under src/routes that hold a page or an endpoint, as URL segment lists. */
function routes(dir = 'src/routes', segments: string[] = []): string[][] {
	const entries = readdirSync(dir, { withFileTypes: true });
	const here = entries.some((e) => e.name === '+page.svelte' || e.name === '+server.ts')
		? [segments]
		: [];
	return [
		...here,
		...entries
			.filter((e) => e.isDirectory())
			.flatMap((e) =>
				routes(join(dir, e.name), /^\(.*\)$/.test(e.name) ? segments : [...segments, e.name])
			)
	];
}

/** Every concrete URL of a route, one per value of each parameter. */
function expand(segments: string[], values: Record<string, string[]>): string[] {
	let paths = [''];
	for (const segment of segments) {
		const m = /^\[(\w+)(?:=\w+)?\](.*)$/.exec(segment);
		if (!m) {
			paths = paths.map((p) => `${p}/${segment}`);
			continue;
		}
		const options = values[m[1]!];
		assert.ok(
			options,
			`no test values for the route parameter [${m[1]}] in /${segments.join('/')}`
		);
		paths = paths.flatMap((p) => options.map((v) => `${p}/${v}${m[2]}`));
	}
	return paths.length === 1 && paths[0] === '' ? ['/'] : paths;
}

let app: RunningApp;
before(async () => {
	app = await startApp();
});
after(async () => app?.stop());

async function textOf(res: Response): Promise<string> {
	const type = res.headers.get('content-type') ?? '';
	if (type.includes('spreadsheetml')) {
		const rows = await readSheet(await res.blob());
		return rows.map((r) => r.join('\t')).join('\n');
	}
	return res.text();
}

test('no anonymous page or endpoint shows a name, address or e-mail from the registers', async (t) => {
	const personal = personalData();
	assert.ok(personal.length >= 40, `only ${personal.length} personal values read from the seeds`);

	// The seed really stored them, so their absence below is the app's doing.
	const client = createClient({ url: app.databaseUrl });
	const stored = await client.execute(
		`select (select count(*) from service_requests where applicant_name = 'Robani') as names,
			(select count(*) from survey_responses where email like '%@gmail.com') as emails`
	);
	client.close();
	assert.deepEqual([Number(stored.rows[0]!.names), Number(stored.rows[0]!.emails)], [2, 4]);

	const results = (await (await fetch(`${app.url}/api/v1/periods/2021/results`)).json()) as {
		results: { slug?: string; opd?: string }[];
		rubric: { indicators: { key: string }[] };
	};
	const slugs = results.results.slice(0, 3).map((r) => (r.slug ?? r.opd)!);
	const values: Record<string, string[]> = {
		year: YEARS,
		slug: [...slugs, 'dinas-komunikasi-dan-informatika'],
		key: results.rubric.indicators.slice(0, 2).map((i) => i.key),
		file: ['matriks.csv', 'rinci.xlsx', 'semua.xlsx'],
		id: ['1', '2'],
		register: ['permohonan', 'rekap-permohonan', 'keberatan', 'sengketa', 'survei']
	};
	const urls = routes().flatMap((r) => expand(r, values));
	const pages = routes()
		.filter((r) => !r.includes('api'))
		.flatMap((r) => expand(r, values))
		.map((u) => `${u === '/' ? '' : u}/__data.json`);

	let ok = 0;
	for (const path of [...urls, ...pages]) {
		const res = await fetch(app.url + path);
		if (res.ok) ok++;
		const body = await textOf(res);
		const lower = body.toLowerCase();
		for (const value of personal)
			assert.ok(!lower.includes(value.toLowerCase()), `${path} (${res.status}) shows "${value}"`);
	}
	assert.ok(urls.length >= 40, `only ${urls.length} URLs enumerated`);
	assert.ok(ok >= 20, `only ${ok} answers were 200`);
	t.diagnostic(`${urls.length + pages.length} URLs requested, ${ok} answered 200`);

	for (const year of YEARS) {
		const stats = await fetch(`${app.url}/api/v1/service-stats/${year}`);
		assert.equal(stats.status, 200);
		const csv = await fetch(`${app.url}/api/v1/service-stats/${year}.csv`);
		assert.equal(csv.status, 200);
	}
});
