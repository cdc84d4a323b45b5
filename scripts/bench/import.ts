/**
 * Import throughput: a generated CSV of `rows` OPD rows imported into a new year of a fresh
 * temporary database, against papaparse parsing the same text alone.
 *
 *   npx tsx scripts/bench/import.ts 50000
 */
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Papa from 'papaparse';
import { SYSTEM_ACTORS } from '../../src/lib/server/audit/audit';
import { openDb } from '../../src/lib/server/db';
import { prepareDb } from '../../src/lib/server/db/migrate';
import { readImportFile } from '../../src/lib/server/import/file';
import { commitImport, planImport } from '../../src/lib/server/import/matrix';
import { bigCsv } from './big-csv';
import { rawImportBaseline } from './import-baseline';
import { median } from './stats';

export interface ImportBench {
	rows: number;
	bytes: number;
	/** papaparse alone on the same text. */
	parseMs: number;
	/** Our reader: text → validated matrix with located errors. */
	readMs: number;
	/** Preview: matching rows and columns against the database. */
	planMs: number;
	/** The write: re-plan inside the transaction, then every row. */
	commitMs: number;
	/** read + plan + commit: the whole import. */
	importMs: number;
	/** The physical baseline: papaparse + raw driver inserts of the same rows (import-baseline.ts). */
	baselineMs: number;
	baselineWriteMs: number;
}

const time = async <T>(fn: () => T | Promise<T>): Promise<[T, number]> => {
	const start = performance.now();
	const value = await fn();
	return [value, performance.now() - start];
};

/** Measures one import of `rows` rows (fresh database, deleted afterwards). */
export async function benchImport(rows: number): Promise<ImportBench> {
	const text = bigCsv(rows);
	const bytes = new TextEncoder().encode(text);
	const [, parseMs] = await time(() => Papa.parse(text));
	const [parsed, readMs] = await time(() => readImportFile({ name: 'bench.csv', bytes }));
	if (!parsed.ok) throw new Error(parsed.errors[0]?.message);
	const path = join(tmpdir(), `monev-bench-${randomUUID()}.db`);
	const db = openDb(`file:${path}`);
	try {
		await prepareDb(db, 'drizzle');
		const request = { year: 2030, matrix: parsed.matrix, source: 'bench.csv' };
		const [plan, planMs] = await time(() => planImport(request, db));
		const [outcome, commitMs] = await time(() =>
			commitImport({ ...request, actor: SYSTEM_ACTORS.cli, expectedDigest: plan.digest }, db)
		);
		if (!outcome.ok) throw new Error(outcome.errors[0]?.message);
		const baseline = await rawImportBaseline(text);
		return {
			baselineMs: baseline.parseMs + baseline.writeMs,
			baselineWriteMs: baseline.writeMs,
			rows,
			bytes: bytes.length,
			parseMs,
			readMs,
			planMs,
			commitMs,
			importMs: readMs + planMs + commitMs
		};
	} finally {
		db.$client.close();
		await Promise.all(['', '-wal', '-shm'].map((s) => rm(path + s, { force: true })));
	}
}

/** Each figure's median over several runs (each run alternates the import and its baseline). */
export function medianImport(runs: ImportBench[]): ImportBench {
	const of = (pick: (r: ImportBench) => number) => median(runs.map(pick));
	const first = runs[0]!;
	return {
		rows: first.rows,
		bytes: first.bytes,
		parseMs: of((r) => r.parseMs),
		readMs: of((r) => r.readMs),
		planMs: of((r) => r.planMs),
		commitMs: of((r) => r.commitMs),
		importMs: of((r) => r.importMs),
		baselineMs: of((r) => r.baselineMs),
		baselineWriteMs: of((r) => r.baselineWriteMs)
	};
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const rows = Number(process.argv[2] ?? 50_000);
	const r = await benchImport(rows);
	const ms = (n: number) => `${Math.round(n)} ms`;
	console.log(
		[
			`rows ${r.rows}, ${(r.bytes / 1e6).toFixed(1)} MB`,
			`papaparse alone   ${ms(r.parseMs)}`,
			`read (parse+check) ${ms(r.readMs)}  (${(r.readMs / r.parseMs).toFixed(1)}× papaparse)`,
			`plan (preview)    ${ms(r.planMs)}`,
			`commit (write)    ${ms(r.commitMs)}`,
			`whole import      ${ms(r.importMs)}  (${(r.importMs / r.parseMs).toFixed(1)}× papaparse)`
		].join('\n')
	);
}
