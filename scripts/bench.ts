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
import { SYSTEM_ACTORS } from '../src/lib/server/audit';
import { openDb, type DB } from '../src/lib/server/db';
import { prepareDb } from '../src/lib/server/db/migrate';
import { importMatrix } from '../src/lib/server/import-matrix';
import { getByYear } from '../src/lib/server/periods';
import { computeView, publish } from '../src/lib/server/results';
import { launchBrowser } from '../tests/e2e/harness';
import { load, type LoadResult } from './bench/http-load';
import { shippedJs } from './bench/js-size';
import { startServer } from './bench/server';
import { syntheticYear, type Scale } from './bench/synthetic';

const { values: flags } = parseArgs({
	options: {
		quick: { type: 'boolean', default: false },
		'no-build': { type: 'boolean', default: false }
	}
});
const quick = flags.quick;
const FIRST_YEAR = 2020;

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

const log = (...parts: unknown[]) => console.error('[bench]', ...parts);
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function generate(
	scale: Scale,
	dir: string
): Promise<{ url: string; db: DB; cellsPerSecond: number }> {
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
	const publishStart = process.hrtime.bigint();
	await publish(latest.id, SYSTEM_ACTORS.cli, db);
	log(`${scale.name}: publish (score + snapshot) ${round(ms(publishStart))} ms`);
	return { url, db, cellsPerSecond };
}

/** 1. Scoring + ranking one period through the app vs the raw SQL aggregate over the same cells. */
async function scoreVsSql(db: DB, year: number) {
	const period = (await getByYear(year, db))!;
	const app: number[] = [];
	const sql: number[] = [];
	for (let i = 0; i < 3; i++) {
		let t = process.hrtime.bigint();
		await computeView(period, db);
		app.push(ms(t));
		t = process.hrtime.bigint();
		await db.$client.execute({
			sql: `SELECT opd_id, sum(value) AS points FROM assessments
			      WHERE period_id = ? AND not_applicable = 0 GROUP BY opd_id ORDER BY points DESC`,
			args: [period.id]
		});
		sql.push(ms(t));
	}
	return {
		appMs: round(median(app)),
		sqlMs: round(median(sql)),
		ratio: round(median(app) / median(sql))
	};
}

async function main() {
	const dir = mkdtempSync(join(tmpdir(), 'monev-bench-'));
	const figures: Record<string, unknown> = {};
	const table: [string, string, string][] = [];
	try {
		if (!flags['no-build']) {
			log('building…');
			execSync('npx vite build', { stdio: ['ignore', 'ignore', 'inherit'] });
		}
		const city = await generate(SCALES.city, dir);
		const province = await generate(SCALES.province, dir);
		const nation = await generate(SCALES.nation, dir);
		table.push([
			'write path, cells/s (city / province / nation)',
			`${city.cellsPerSecond} / ${province.cellsPerSecond} / ${nation.cellsPerSecond}`,
			'importMatrix, 500-row batches'
		]);

		const nationYear = FIRST_YEAR + SCALES.nation.years - 1;
		const score = await scoreVsSql(nation.db, nationYear);
		log('score vs sql (nation)', score);
		figures.scoreVsSql = score.ratio;
		table.push([
			'1. score + rank one nation period',
			`${score.appMs} ms`,
			`raw SQL aggregate ${score.sqlMs} ms → ${score.ratio}×`
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
			await server.stop();
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
			if (name === 'province') {
				figures.resultsApiRps = api.rps;
				figures.resultsApiVsBare = vs(api);
				figures.resultsApiP99Ms = api.p99;
				figures.resultsPageRps = page.rps;
				figures.resultsPageP99Ms = page.p99;
			}
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
			for (const path of [
				`/api/v1/periods/${nationYear}/results`,
				`/api/v1/periods/${nationYear}/results.csv`,
				`/api/v1/periods/${nationYear}/matrix.csv`
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
				'VmHWM after public page, JSON, CSV and matrix of a 25,000-OPD year'
			]);
		} finally {
			await browser.close();
			await server.stop();
		}
		figures.dashboardJsKb = null;
		figures.cellSaveP99Ms = null;
		figures.importVsParse = null;

		if (!quick) writeResults(table);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
	console.log(JSON.stringify(figures));
}

function writeResults(rows: [string, string, string][]) {
	const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${round(totalmem() / 2 ** 30, 1)} GiB, Node ${process.version}`;
	const lines = [
		'# Benchmark results',
		'',
		`Measured ${new Date().toISOString().slice(0, 10)} on ${machine} by \`npm run bench\`.`,
		`Scales: city ${fmt(SCALES.city)}, province ${fmt(SCALES.province)}, nation ${fmt(SCALES.nation)}.`,
		'',
		'| what | figure | baseline / detail |',
		'| --- | --- | --- |',
		...rows.map((r) => `| ${r.join(' | ')} |`),
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
