/**
 * `npm run bench [-- --quick]`: speed and memory at city, province and nation scale, each figure
 * beside a baseline measured in the same run. The quick run prints one JSON object as its last
 * line; the full run also writes bench/RESULTS.md. Not a test: numbers depend on the machine.
 */
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { desc, eq } from 'drizzle-orm';
import { SYSTEM_ACTORS } from '../src/lib/server/audit/audit';
import { opds, periods } from '../src/lib/server/db/schema';
import { openDb, type DB } from '../src/lib/server/db';
import { prepareDb } from '../src/lib/server/db/migrate';
import { importMatrix } from '../src/lib/server/import/matrix';
import { getByYear } from '../src/lib/server/periods/periods';
import { computeRanking } from '../src/lib/server/results/ranking';
import { computeView, publish } from '../src/lib/server/results/results';
import { launchBrowser } from '../tests/e2e/harness';
import { load, type LoadResult } from './bench/http-load';
import { shippedJs } from './bench/js-size';
import { benchImport, medianImport, type ImportBench } from './bench/import';
import { startServer } from './bench/server';
import { benchCellSaves, WARM_UP_SAVES } from './bench/cells';
import { benchMatrixPage } from './bench/matrix-page';
import { addBenchUsers, signIn, signInAs } from './bench/session';
import {
	addBenchAdmin,
	bigRosterYear,
	importUnderLoad,
	previewBigRoster,
	openImportPage,
	startMeasuredServer
} from './bench/import-load';
import { syntheticYear, type Scale } from './bench/synthetic';
import { cityOpdSlug, cityYears, dashboardLatency, pageLatency } from './bench/dashboard';
import { publishCity, publishUnderLoad } from './bench/publish-load';
import { allAtOnce, READ_EVERY_MS, SAVE_EVERY_MS } from './bench/all-at-once';
import { QUICK_KEYS } from './bench/keys';
import { cpuTicks, stealPercent } from './bench/steal';
import { median } from './bench/stats';

const { values: flags } = parseArgs({
	options: {
		quick: { type: 'boolean', default: false },
		'no-build': { type: 'boolean', default: false }
	}
});
const quick = flags.quick;
const FIRST_YEAR = 2020;
/**
 * Years added to the nation database for the all-at-once run: a city year the API serves, one the
 * evaluators save cells of, and the import's new year.
 */
const ALL_AT_ONCE_API_YEAR = 2050;
const ALL_AT_ONCE_CELLS_YEAR = 2051;
const ALL_AT_ONCE_IMPORT_YEAR = 2052;

const SCALES: Record<Scale['name'], Scale> = quick
	? {
			city: { name: 'city', opds: 35, indicators: 15, years: 3 },
			province: { name: 'province', opds: 1000, indicators: 20, years: 2 },
			nation: { name: 'nation', opds: 25_000, indicators: 20, years: 1 }
		}
	: {
			city: { name: 'city', opds: 35, indicators: 15, years: 10 },
			province: { name: 'province', opds: 1000, indicators: 20, years: 10 },
			nation: { name: 'nation', opds: 25_000, indicators: 20, years: 4 }
		};
const LOAD_SECONDS = quick ? 3 : 10;
/** Timed runs of each side of the score + rank ratio: one run's GC pause moves a median of 7. */
const SCORE_PAIRS = quick ? 7 : 15;
/** Whole imports (with their baseline): a disk's hiccup moves a single run by ±40 %. */
const IMPORT_RUNS = quick ? 1 : 3;

const log = (...parts: unknown[]) => console.error('[bench]', ...parts);
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

async function generate(
	scale: Scale,
	dir: string
): Promise<{
	url: string;
	db: DB;
	cellsPerSecond: number;
	publishMs: number;
	publishStealPct: number | null;
}> {
	const url = `file:${join(dir, `${scale.name}.db`)}`;
	const db = openDb(url);
	await prepareDb(db);
	const start = process.hrtime.bigint();
	for (let y = 0; y < scale.years; y++) {
		const outcome = await importMatrix(
			{
				year: FIRST_YEAR + y,
				matrix: syntheticYear(scale, y),
				actor: SYSTEM_ACTORS.cli,
				source: 'bench'
			},
			db
		);
		if (!outcome.ok) throw new Error(outcome.errors[0]?.message);
	}
	const writeMs = ms(start);
	const cells = scale.opds * scale.indicators * scale.years;
	const cellsPerSecond = Math.round(cells / (writeMs / 1000));
	log(
		`${scale.name}: ${cells.toLocaleString('en')} cells written in ${round(writeMs / 1000, 1)} s (${cellsPerSecond.toLocaleString('en')} cells/s)`
	);
	// Only the latest year is published: publishing is measured, not part of the write rate.
	const latest = (await getByYear(FIRST_YEAR + scale.years - 1, db))!;
	const publishTicks = cpuTicks();
	const publishStart = process.hrtime.bigint();
	await publish(latest.id, SYSTEM_ACTORS.cli, db);
	const publishMs = round(ms(publishStart));
	const publishStealPct = stealPercent(publishTicks);
	log(`${scale.name}: publish (score + snapshot) ${publishMs} ms, CPU steal ${publishStealPct} %`);
	return { url, db, cellsPerSecond, publishMs, publishStealPct };
}

/**
 * 1. Scoring + ranking one period through the app (`computeRanking`: sums per OPD × aspect in
 * SQL, then the pure engine) vs the raw SQL aggregate over the same cells. The full per-indicator
 * view (`computeView`, what the OPD detail pages need) is timed beside it for reference.
 */
async function scoreVsSql(db: DB, year: number) {
	const period = (await getByYear(year, db))!;
	const timed = async (run: () => Promise<unknown>) => {
		const t = process.hrtime.bigint();
		await run();
		return ms(t);
	};
	const ranking = () => computeRanking(period, db);
	const raw = () =>
		db.$client.execute({
			sql: `SELECT opd_id, sum(value) AS points FROM assessments
			      WHERE period_id = ? AND not_applicable = 0 GROUP BY opd_id ORDER BY points DESC`,
			args: [period.id]
		});
	// Steady state, as a running server sees it: two warm-up runs of each side (JIT, page cache)
	// are not counted, then the sides alternate. The full view runs apart, so its garbage never
	// lands in a timed ranking run.
	for (let i = 0; i < 2; i++) {
		await ranking();
		await raw();
	}
	const app: number[] = [];
	const sql: number[] = [];
	for (let i = 0; i < SCORE_PAIRS; i++) {
		app.push(await timed(ranking));
		sql.push(await timed(raw));
	}
	const full = [
		await timed(() => computeView(period, db)),
		await timed(() => computeView(period, db))
	];
	return {
		appMs: round(median(app)),
		sqlMs: round(median(sql)),
		ratio: round(median(app) / median(sql)),
		fullMs: round(Math.min(...full))
	};
}

/** A fresh database with a 40,000-OPD year, served with the event loop measured. */
async function importLoad(dir: string) {
	const url = `file:${join(dir, 'load.db')}`;
	const db = openDb(url);
	await prepareDb(db);
	await addBenchAdmin(db);
	await cityYears(db, [2020, 2021]);
	const server = await startMeasuredServer(url, 20_000 + Math.floor(Math.random() * 20_000));
	try {
		const cookie = (await signInAs(server.url, 'bench-admin')).value;
		// A city's dashboard alone, then with a 40,000-OPD year of other OPDs in the same database.
		const requests = quick ? 30 : 100;
		const dashboardAlone = await dashboardLatency(server.url, cookie, 2021, requests);
		await bigRosterYear(db, 40_000, 2039);
		const dashboard = await dashboardLatency(server.url, cookie, 2021, requests);
		// A city OPD's signed-in page (its history lists that year, never scores it).
		const opdPath = `/opd/${await cityOpdSlug(db, 2021)}/2021`;
		const opdPage = await pageLatency(server.url, cookie, opdPath, requests);
		// Cold: no import thread started yet. Then as a user meets it: the page opened first.
		const previewColdMs = await previewBigRoster(server.url, cookie, 40_000, 2039);
		await openImportPage(server.url, cookie);
		const previewBigRosterMs = await previewBigRoster(server.url, cookie, 40_000, 2039, 1);
		const load = await importUnderLoad(server.url, cookie, quick ? 20_000 : 50_000);
		return { previewBigRosterMs, previewColdMs, load, dashboard, dashboardAlone, opdPage, opdPath };
	} finally {
		await server.stop();
	}
}

async function main() {
	const dir = mkdtempSync(join(tmpdir(), 'monev-bench-'));
	const figures: Record<string, unknown> = {};
	const table: [string, string, string][] = [];
	const runTicks = cpuTicks();
	try {
		if (!flags['no-build']) {
			log('building…');
			execSync('npx vite build', { stdio: ['ignore', 'ignore', 'inherit'] });
		}
		const city = await generate(SCALES.city, dir);
		await addBenchUsers(city.db);
		const province = await generate(SCALES.province, dir);
		await addBenchUsers(province.db);
		// The first province year is the one evaluators work in: open it for assessment.
		await province.db
			.update(periods)
			.set({ status: 'evaluation' })
			.where(eq(periods.year, FIRST_YEAR));
		const nation = await generate(SCALES.nation, dir);
		table.push([
			'write path, cells/s (city / province / nation)',
			`${city.cellsPerSecond} / ${province.cellsPerSecond} / ${nation.cellsPerSecond}`,
			'importMatrix: one statement per 20,000 rows (json_each)'
		]);

		figures.publishNationMs = nation.publishMs;
		figures.publishStealPct = nation.publishStealPct;
		table.push([
			'publish a nation-scale year (score + snapshot)',
			`${nation.publishMs} ms`,
			`${SCALES.nation.opds} OPDs × ${SCALES.nation.indicators} indicators, in process; CPU stolen by the hypervisor meanwhile: ${nation.publishStealPct ?? '?'} %`
		]);
		const nationYear = FIRST_YEAR + SCALES.nation.years - 1;
		const score = await scoreVsSql(nation.db, nationYear);
		log('score vs sql (nation)', score);
		figures.scoreVsSql = score.ratio;
		figures.scoreFullMs = score.fullMs;
		table.push([
			'1. score + rank one nation period',
			`${score.appMs} ms`,
			`raw SQL aggregate ${score.sqlMs} ms → ${score.ratio}× (medians of ${SCORE_PAIRS} alternating runs after 2 warm-up runs each; computeRanking: sums per OPD × aspect in SQL; the full per-indicator view takes ${score.fullMs} ms)`
		]);

		// 2. Public results API and page, vs a bare endpoint in the same build.
		for (const [name, scale, data] of [
			['city', SCALES.city, city],
			['province', SCALES.province, province]
		] as const) {
			const server = await startServer(data.url);
			const year = FIRST_YEAR + scale.years - 1;
			const bare = await load(`${server.url}/api/v1/health`, LOAD_SECONDS);
			const api = await load(`${server.url}/api/v1/periods/${year}/results`, LOAD_SECONDS);
			const page = await load(`${server.url}/hasil/${year}`, LOAD_SECONDS);
			const vs = (r: LoadResult) => round(r.rps / bare.rps, 3);
			log(name, { bare, api, page });
			table.push([
				`2. ${name}: bare endpoint`,
				`${bare.rps} req/s`,
				`p50 ${bare.p50} ms, p99 ${bare.p99} ms`
			]);
			table.push([
				`2. ${name}: results API`,
				`${api.rps} req/s (${vs(api)}× bare)`,
				`p50 ${api.p50} ms, p99 ${api.p99} ms, non-2xx ${api.non2xx}`
			]);
			table.push([
				`2. ${name}: results page`,
				`${page.rps} req/s (${vs(page)}× bare)`,
				`p50 ${page.p50} ms, p99 ${page.p99} ms, non-2xx ${page.non2xx}`
			]);
			if (name === 'city') {
				const browser = await launchBrowser();
				const dashboardJs = await shippedJs(browser, `${server.url}/dasbor/${year}`, [
					await signIn(server.url, 'pimpinan')
				]);
				await browser.close();
				figures.dashboardJsKb = round(dashboardJs.gzipBytes / 1024, 1);
				table.push([
					'6. JS on the leadership dashboard (charts)',
					`${figures.dashboardJsKb} KB gzip`,
					`${dashboardJs.files} files, Chart.js loaded on demand`
				]);
			}
			if (name === 'province') {
				// 3. The evaluator's matrix at province scale (the first year: not yet published).
				const browser = await launchBrowser();
				const matrix = await benchMatrixPage(
					browser,
					`${server.url}/penilaian/${FIRST_YEAR}`,
					await signIn(server.url, 'evaluator')
				);
				await browser.close();
				log('matrix page (province)', matrix);
				figures.matrixServerMs = matrix.serverMs;
				figures.matrixReadyMs = matrix.readyMs;
				figures.toggleSavedMs = matrix.toggleSavedMs;
				table.push([
					'3. evaluator matrix, 1,000 OPDs × 20: server',
					`${matrix.serverMs} ms`,
					`${matrix.htmlKb} KB of HTML`
				]);
				table.push([
					'3. … in Chromium: until a cell can be toggled',
					`${matrix.readyMs} ms`,
					'navigation → first cell focused'
				]);
				table.push([
					'3. … a toggle shows as saved',
					`${matrix.toggleSavedMs} ms`,
					'keypress → cell state "saved" (median of 3)'
				]);
				figures.resultsApiRps = api.rps;
				figures.resultsApiVsBare = vs(api);
				figures.resultsApiP99Ms = api.p99;
				figures.resultsPageRps = page.rps;
				figures.resultsPageP99Ms = page.p99;
			}
			await server.stop();
		}

		// 6. JavaScript shipped, and 7. peak server memory at nation scale.
		const server = await startServer(nation.url);
		const browser = await launchBrowser();
		try {
			const publicJs = await shippedJs(browser, `${server.url}/hasil/${nationYear}`);
			figures.publicJsKb = round(publicJs.gzipBytes / 1024, 1);
			table.push([
				'6. JS on the public results page',
				`${figures.publicJsKb} KB gzip`,
				`${publicJs.files} files, ${round(publicJs.bytes / 1024, 1)} KB raw`
			]);
			const [someOpd] = await nation.db
				.select({ slug: opds.slug })
				.from(opds)
				.orderBy(desc(opds.id))
				.limit(1);
			// Every public page of a year is here: none may read (parse) a whole 25,000-OPD snapshot.
			for (const path of [
				`/api/v1/periods/${nationYear}/results`,
				`/api/v1/periods/${nationYear}/results.csv`,
				`/api/v1/periods/${nationYear}/matrix.csv`,
				`/hasil/${nationYear}/opd/${someOpd!.slug}`,
				`/metode/${nationYear}`,
				`/laporan/${nationYear}`
			]) {
				const t = process.hrtime.bigint();
				const res = await fetch(`${server.url}${path}`);
				const size = (await res.arrayBuffer()).byteLength;
				log(`nation ${path}: ${res.status}, ${round(size / 1e6, 1)} MB in ${round(ms(t))} ms`);
			}
			figures.peakRssMb = server.peakRssMb();
			table.push([
				'7. peak server memory, nation scale',
				`${figures.peakRssMb} MB`,
				'VmHWM after the public results, OPD, method and report pages, JSON and CSVs of a 25,000-OPD year'
			]);
		} finally {
			await browser.close();
			await server.stop();
		}
		// 9. Publishing the nation year over HTTP: on the main thread (as before) vs its worker thread.
		await addBenchAdmin(nation.db);
		const publishInPlace = await publishUnderLoad(nation.url, nation.db, nationYear, false);
		const publishThread = await publishUnderLoad(nation.url, nation.db, nationYear, true);
		log('publish under load', { publishInPlace, publishThread });
		figures.publishThreadMs = publishThread.publishMs;
		figures.healthP99MsDuringPublish = publishThread.healthP99Ms;
		figures.healthP99MsDuringPublishInPlace = publishInPlace.healthP99Ms;
		figures.eventLoopP99MsDuringPublish = publishThread.eventLoopP99Ms;
		for (const [label, run] of [
			['main thread (MONEV_PUBLISH_THREAD=0, as before)', publishInPlace],
			['worker thread', publishThread]
		] as const)
			table.push([
				`9. /api/v1/health while the nation year is published over HTTP, ${label}`,
				`p99 ${run.healthP99Ms} ms, max ${run.healthMaxMs} ms`,
				`${run.healthSamples} samples every 50 ms; server event-loop delay p99 ${run.eventLoopP99Ms} ms, max ${run.eventLoopMaxMs} ms; the publish took ${run.publishMs} ms (sent a second after opening /admin/periode, as the admin does)`
			]);
		// 1. Every job at once on one server: import, nation publish, 20 cell writers, results API.
		await cityYears(nation.db, [ALL_AT_ONCE_API_YEAR, ALL_AT_ONCE_CELLS_YEAR]);
		await publish(
			(await getByYear(ALL_AT_ONCE_API_YEAR, nation.db))!.id,
			SYSTEM_ACTORS.cli,
			nation.db
		);
		const together = await allAtOnce(
			nation.url,
			nation.db,
			{
				publish: nationYear,
				cells: ALL_AT_ONCE_CELLS_YEAR,
				api: ALL_AT_ONCE_API_YEAR,
				importInto: ALL_AT_ONCE_IMPORT_YEAR
			},
			quick ? 20_000 : 50_000
		);
		log('all at once', together);
		figures.eventLoopP99MsAllAtOnce = together.eventLoopP99Ms;
		figures.healthP99MsAllAtOnce = together.healthP99Ms;
		table.push([
			'1. /api/v1/health with every job at once: an import, a nation publish, 20 cell writers and results-API readers',
			`p99 ${together.healthP99Ms} ms, max ${together.healthMaxMs} ms`,
			`${together.healthSamples} samples every 50 ms; server event-loop delay p99 ${together.eventLoopP99Ms} ms, max ${together.eventLoopMaxMs} ms; ${quick ? '20,000' : '50,000'}-row import (preview + commit over HTTP) done after ${together.importMs} ms, the ${SCALES.nation.opds}-OPD year published through the form after ${together.publishMs} ms, meanwhile ${together.cellSaves} cell saves through the matrix's form action by 20 evaluators, one every ${SAVE_EVERY_MS} ms each (p99 ${together.cellSaveP99Ms} ms: a save waits while the publish holds the write lock), and ${together.apiRequests} reads of a city year's results API by 10 clients, one every ${READ_EVERY_MS} ms each (p99 ${together.apiP99Ms} ms)`
		]);
		// 9. Publishing a city year over HTTP: what the thread's start costs, and warming it.
		await addBenchAdmin(city.db);
		const cityPublish = await publishCity(city.url, city.db, FIRST_YEAR + SCALES.city.years - 1);
		log('city publish', cityPublish);
		figures.publishCityMs = cityPublish.warmMs;
		figures.publishCityColdMs = cityPublish.coldMs;
		table.push([
			`9. publish a city year over HTTP (${SCALES.city.opds} OPDs × ${SCALES.city.indicators} indicators), in its thread`,
			`${cityPublish.warmMs} ms`,
			`thread started when /admin/periode was opened; then ${cityPublish.keptMs} ms on the thread kept after it; ${cityPublish.coldMs} ms when the thread starts on the request (no page opened since the server started); on the main thread (MONEV_PUBLISH_THREAD=0) ${cityPublish.inPlaceMs.join(' / ')} ms`
		]);
		// 5. Import of a 50,000-row CSV vs papaparse parsing the same text alone.
		const imports: ImportBench[] = [];
		for (let i = 0; i < IMPORT_RUNS; i++) imports.push(await benchImport(50_000));
		const imported = medianImport(imports);
		const runRatios = imports.map((r) => round(r.importMs / r.baselineMs, 2)).join(', ');
		figures.importVsParse = round(imported.importMs / imported.parseMs, 1);
		figures.importVsBaseline = round(imported.importMs / imported.baselineMs, 2);
		table.push([
			'5. import a 50,000-row CSV (new year, new OPDs)',
			`${round(imported.importMs / 1000, 2)} s (${figures.importVsBaseline}× baseline, ${figures.importVsParse}× papaparse)`,
			`${IMPORT_RUNS === 1 ? 'one run' : `medians of ${IMPORT_RUNS} runs (each run's ratio: ${runRatios})`}; baseline (papaparse + raw driver multi-row INSERTs of the same period, OPDs, roster and cells, same schema, one transaction) ${round(imported.baselineMs)} ms, of which write ${round(imported.baselineWriteMs)} ms; papaparse alone ${round(imported.parseMs)} ms; read ${round(imported.readMs)} ms, preview ${round(imported.planMs)} ms, write ${round(imported.commitMs)} ms`
		]);
		// 8. What other users feel during a big import, and a preview against a huge roster.
		const loaded = await importLoad(dir);
		log('import under load', loaded);
		figures.eventLoopP99Ms = loaded.load.eventLoopP99Ms;
		figures.healthP99MsUnderLoad = loaded.load.healthP99Ms;
		figures.previewBigRosterMs = loaded.previewBigRosterMs;
		figures.previewBigRosterColdMs = loaded.previewColdMs;
		figures.dashboardP99Ms = loaded.dashboard.p99Ms;
		figures.dashboardVsCityOnly = round(loaded.dashboard.p99Ms / loaded.dashboardAlone.p99Ms);
		figures.opdPageP99Ms = loaded.opdPage.p99Ms;
		table.push([
			`8. /api/v1/health during a ${loaded.load.rows.toLocaleString('en')}-row import (preview + commit over HTTP)`,
			`p99 ${loaded.load.healthP99Ms} ms, max ${loaded.load.healthMaxMs} ms`,
			`${loaded.load.healthSamples} samples every 50 ms; server event-loop delay p99 ${loaded.load.eventLoopP99Ms} ms, max ${loaded.load.eventLoopMaxMs} ms; preview ${loaded.load.previewMs} ms, commit ${loaded.load.commitMs} ms`
		]);
		table.push([
			'8. city dashboard /dasbor/2021 (35 OPDs) with a 40,000-OPD year in the same database',
			`p99 ${loaded.dashboard.p99Ms} ms (${figures.dashboardVsCityOnly}× the city alone)`,
			`${loaded.dashboard.requests} sequential signed-in requests, first included: p50 ${loaded.dashboard.p50Ms} ms, max ${loaded.dashboard.maxMs} ms, ${loaded.dashboard.kb} KB; the same server before that year existed: p99 ${loaded.dashboardAlone.p99Ms} ms, p50 ${loaded.dashboardAlone.p50Ms} ms`
		]);
		table.push([
			`8. a city OPD's page ${loaded.opdPath} with a 40,000-OPD year in the same database`,
			`p99 ${loaded.opdPage.p99Ms} ms`,
			`${loaded.opdPage.requests} sequential signed-in requests, first included: p50 ${loaded.opdPage.p50Ms} ms, max ${loaded.opdPage.maxMs} ms, ${loaded.opdPage.kb} KB`
		]);
		table.push([
			'8. preview of 100 rows against a 40,000-OPD roster',
			`${loaded.previewBigRosterMs} ms`,
			`over HTTP, a third exact, a third in capitals, a third with a typo; after opening the import page as a user does (its parse and plan threads started ahead of need); the first preview before that page was ever opened (threads started on the request): ${loaded.previewColdMs} ms`
		]);
		// 4. Cell saves, 20 concurrent writers (province, first year, set to evaluation).
		const firstProvince = (await getByYear(FIRST_YEAR, province.db))!;
		const savesTicks = cpuTicks();
		// 250 saves per writer (5,000 saves, 1–2 s). The p99 of 2,000 saves is their 20 slowest, as
		// many as the writers: one pause all 20 wait through, however short the run around it
		// (measured: p99 40.1 ms at p50 7.7 ms with 2.3 % steal, then 19.9 and 14.0 ms).
		const saves = await benchCellSaves(province.db, firstProvince.id, 20, quick ? 25 : 250);
		const savesStealPct = stealPercent(savesTicks);
		log('cell saves', saves, `CPU steal ${savesStealPct} %`);
		figures.cellSaveP50Ms = saves.p50;
		figures.cellSaveP99Ms = saves.p99;
		figures.cellSaveStealPct = savesStealPct;
		table.push([
			'4. cell saves, 20 concurrent writers',
			`p50 ${saves.p50} ms, p99 ${saves.p99} ms`,
			`${saves.saves} saves, ${saves.savesPerSecond} saves/s (setCell: read, version-checked write, audit), after ${WARM_UP_SAVES} uncounted saves per writer, the writer opened first as at server start; CPU stolen by the hypervisor meanwhile: ${savesStealPct ?? '?'} %`
		]);

		figures.cpuStealPct = stealPercent(runTicks);
		if (!quick) writeResults(table, figures);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
	const ordered = Object.fromEntries([
		...QUICK_KEYS.map((k) => [k, figures[k] ?? null]),
		...Object.entries(figures).filter(([k]) => !QUICK_KEYS.includes(k))
	]);
	console.log(JSON.stringify(ordered));
}

/** The issue's targets, each with the figure it is judged on. */
const TARGETS: { label: string; key: string; ok: (x: number) => boolean; unit: string }[] = [
	{
		label:
			'event-loop delay p99 ≤ 50 ms with every job at once (import, nation publish, 20 writers, API)',
		key: 'eventLoopP99MsAllAtOnce',
		ok: (x) => x <= 50,
		unit: ' ms'
	},
	{
		label: '/api/v1/health p99 ≤ 100 ms with every job at once',
		key: 'healthP99MsAllAtOnce',
		ok: (x) => x <= 100,
		unit: ' ms'
	},
	{
		label: 'score + rank a nation period within 1.5× the raw SQL aggregate',
		key: 'scoreVsSql',
		ok: (x) => x <= 1.5,
		unit: '×'
	},
	{
		label: 'results API at province scale ≥ 25% of the bare endpoint',
		key: 'resultsApiVsBare',
		ok: (x) => x >= 0.25,
		unit: '× bare'
	},
	{ label: 'results API p99 ≤ 50 ms', key: 'resultsApiP99Ms', ok: (x) => x <= 50, unit: ' ms' },
	{
		label: 'a cell toggle shows as saved in ≤ 100 ms (province)',
		key: 'toggleSavedMs',
		ok: (x) => x <= 100,
		unit: ' ms'
	},
	{
		label: 'cell save p99 ≤ 25 ms with 20 writers',
		key: 'cellSaveP99Ms',
		ok: (x) => x <= 25,
		unit: ' ms'
	},
	{
		label:
			'import within 2× of parsing alone (the old target, replaced by the physical baseline below: it compared a write with a read)',
		key: 'importVsParse',
		ok: (x) => x <= 2,
		unit: '×'
	},
	{
		label: 'import within 1.5× its physical baseline (papaparse + raw driver inserts)',
		key: 'importVsBaseline',
		ok: (x) => x <= 1.5,
		unit: '×'
	},
	{
		label: 'event-loop delay p99 ≤ 50 ms during a big import',
		key: 'eventLoopP99Ms',
		ok: (x) => x <= 50,
		unit: ' ms'
	},
	{
		label: '/api/v1/health p99 ≤ 100 ms during a big import',
		key: 'healthP99MsUnderLoad',
		ok: (x) => x <= 100,
		unit: ' ms'
	},
	{
		label: 'preview of 100 rows against a 40,000-OPD roster ≤ 500 ms',
		key: 'previewBigRosterMs',
		ok: (x) => x <= 500,
		unit: ' ms'
	},
	{
		label: 'a city dashboard /dasbor/{year} p99 ≤ 100 ms with a 40,000-OPD year in the database',
		key: 'dashboardP99Ms',
		ok: (x) => x <= 100,
		unit: ' ms'
	},
	{
		label: 'publish a nation-scale year ≤ 3 s',
		key: 'publishNationMs',
		ok: (x) => x <= 3000,
		unit: ' ms'
	},
	{
		label: '≤ 40 KB gzipped JavaScript on the public results page',
		key: 'publicJsKb',
		ok: (x) => x <= 40,
		unit: ' KB'
	},
	{
		label: 'peak server memory ≤ 300 MB at nation scale',
		key: 'peakRssMb',
		ok: (x) => x <= 300,
		unit: ' MB'
	}
];

function writeResults(rows: [string, string, string][], figures: Record<string, unknown>) {
	const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${round(totalmem() / 2 ** 30, 1)} GiB, Node ${process.version}`;
	const lines = [
		'# Benchmark results',
		'',
		`Measured ${new Date().toISOString().slice(0, 10)} on ${machine} by \`npm run bench\`.`,
		`Scales: city ${fmt(SCALES.city)}, province ${fmt(SCALES.province)}, nation ${fmt(SCALES.nation)}.`,
		`CPU time taken by other guests of the host (steal, \`/proc/stat\`) over the whole run: ${figures.cpuStealPct ?? '?'} % — absolute times grow with it; ratios compare sides measured under the same steal.`,
		'',
		'| what | figure | baseline / detail |',
		'| --- | --- | --- |',
		...rows.map((r) => `| ${r.join(' | ')} |`),
		'',
		'## Targets',
		'',
		'| target | measured | met |',
		'| --- | --- | --- |',
		...TARGETS.map((t) => {
			const x = figures[t.key];
			return typeof x === 'number'
				? `| ${t.label} | ${x}${t.unit} | ${t.ok(x) ? 'yes' : 'no'} |`
				: `| ${t.label} | not measured | – |`;
		}),
		''
	];
	writeFileSync('bench/RESULTS.md', lines.join('\n'));
	log('wrote bench/RESULTS.md');
}

const fmt = (s: Scale) => `${s.opds} OPDs × ${s.indicators} indicators × ${s.years} years`;

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
