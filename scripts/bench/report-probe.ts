/**
 * `npx tsx scripts/bench/report-probe.ts [--opds N] [--runs R]` (after `npm run build`): the
 * Laporan Tahunan of a published year of N synthetic OPDs (default 3,000) downloaded as .docx
 * over HTTP from the built server, R times, while `/api/v1/health` is asked every 50 ms; then the
 * same sampling with no download, as the baseline of the same run. Prints each download's time
 * and size and the health p50/p99/max of both phases.
 */
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { create } from '../../src/lib/server/accounts/users';
import { SYSTEM_ACTORS } from '../../src/lib/server/audit/audit';
import { openDb } from '../../src/lib/server/db';
import { prepareDb } from '../../src/lib/server/db/migrate';
import { importMatrix } from '../../src/lib/server/import/matrix';
import { getByYear } from '../../src/lib/server/periods/periods';
import { openComposerYear } from '../../src/lib/server/report/composer';
import { publish } from '../../src/lib/server/results/results';
import { startServer } from './server';
import { BENCH_PASSWORD, signInAs } from './session';
import { percentile, round } from './stats';
import { syntheticYear } from './synthetic';

const { values: flags } = parseArgs({
	options: { opds: { type: 'string', default: '3000' }, runs: { type: 'string', default: '3' } }
});
const YEAR = 2020;
const file = `/tmp/report-probe-${flags.opds}.db`;
rmSync(file, { force: true });
const db = openDb(`file:${file}`);
await prepareDb(db);
const matrix = syntheticYear(
	{ name: 'province', opds: Number(flags.opds), indicators: 20, years: 1 },
	0
);
const imported = await importMatrix(
	{ year: YEAR, matrix, actor: SYSTEM_ACTORS.cli, source: 'bench' },
	db
);
if (!imported.ok) throw new Error(imported.errors[0]?.message);
await publish((await getByYear(YEAR, db))!.id, SYSTEM_ACTORS.cli, db);
await openComposerYear(YEAR, SYSTEM_ACTORS.cli, db);
await create(
	{ username: 'bench-admin', password: BENCH_PASSWORD, displayName: 'Bench admin', role: 'admin' },
	SYSTEM_ACTORS.cli,
	db
);
db.$client.close();

/** Asks for health every 50 ms until `stop` resolves; the answer times in ms. */
async function sampleHealth(url: string, stop: Promise<unknown>): Promise<number[]> {
	const times: number[] = [];
	let done = false;
	void stop.finally(() => (done = true));
	while (!done) {
		const t = performance.now();
		await fetch(`${url}/api/v1/health`).then((r) => r.arrayBuffer());
		times.push(performance.now() - t);
		await new Promise((r) => setTimeout(r, 50));
	}
	return times;
}

const summary = (times: number[]) =>
	`health p50 ${round(percentile(times, 50))} ms, p99 ${round(percentile(times, 99))} ms, max ${round(Math.max(...times))} ms (${times.length} asked)`;

const server = await startServer(`file:${file}`);
try {
	const cookie = await signInAs(server.url, 'bench-admin');
	const during: number[] = [];
	for (let run = 0; run < Number(flags.runs); run++) {
		const t = performance.now();
		const download = fetch(`${server.url}/layanan/${YEAR}/laporan-tahunan/unduh?format=docx`, {
			headers: { cookie: `${cookie.name}=${cookie.value}` }
		}).then(async (r) => ({ status: r.status, bytes: (await r.arrayBuffer()).byteLength }));
		const times = await sampleHealth(server.url, download);
		const { status, bytes } = await download;
		during.push(...times);
		console.log(
			`download ${run + 1}: ${status}, ${round(bytes / 1024)} KB in ${Math.round(performance.now() - t)} ms; ${summary(times)}`
		);
	}
	const idle = await sampleHealth(server.url, new Promise((r) => setTimeout(r, 3000)));
	console.log(`during downloads: ${summary(during)}`);
	console.log(`no download:      ${summary(idle)}`);
} finally {
	await server.stop();
	rmSync(file, { force: true });
}
