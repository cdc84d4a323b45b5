/**
 * `npx tsx scripts/bench/cell-save-probe.ts [--runs 5] [--saves 100] [--years 2] [--db path]`:
 * the cell-save benchmark of `npm run bench` alone, on a province-scale database built the same
 * way (1,000 OPDs × 20 indicators per year through `importMatrix`), run several times in a row so
 * the tail can be studied without the rest of the benchmark. Prints one line per run and a
 * JSON summary as the last line. With `--db` an existing file is reused (built on first use).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { eq } from 'drizzle-orm';
import { SYSTEM_ACTORS } from '../../src/lib/server/audit/audit';
import { openDb } from '../../src/lib/server/db';
import { prepareDb } from '../../src/lib/server/db/migrate';
import { periods } from '../../src/lib/server/db/schema';
import { importMatrix } from '../../src/lib/server/import/matrix';
import { getByYear } from '../../src/lib/server/periods/periods';
import { benchCellSaves } from './cells';
import { syntheticYear } from './synthetic';

const { values: flags } = parseArgs({
	options: {
		runs: { type: 'string', default: '5' },
		saves: { type: 'string', default: '100' },
		years: { type: 'string', default: '2' },
		db: { type: 'string' }
	}
});
const FIRST_YEAR = 2020;
const scale = {
	name: 'province' as const,
	opds: 1000,
	indicators: 20,
	years: Number(flags.years)
};

const scratch = flags.db ? undefined : mkdtempSync(join(tmpdir(), 'monev-cellsave-'));
const file = flags.db ?? join(scratch!, 'province.db');
const fresh = !existsSync(file);
const db = openDb(`file:${file}`);
try {
	await prepareDb(db);
	if (fresh) {
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
		await db.update(periods).set({ status: 'evaluation' }).where(eq(periods.year, FIRST_YEAR));
	}
	const period = (await getByYear(FIRST_YEAR, db))!;
	const runs: { p50: number; p99: number; cpuMsPerSave: number; savesPerSecond: number }[] = [];
	for (let r = 0; r < Number(flags.runs); r++) {
		const loop = monitorEventLoopDelay({ resolution: 1 });
		loop.enable();
		const cpu = process.cpuUsage();
		const start = performance.now();
		const result = await benchCellSaves(db, period.id, 20, Number(flags.saves));
		const wallMs = performance.now() - start;
		const used = process.cpuUsage(cpu);
		loop.disable();
		const line = {
			...result,
			// CPU time of this process per wall second: below 1 means it waited (disk, other load).
			cpuShare: Math.round(((used.user + used.system) / 1000 / wallMs) * 100) / 100,
			cpuMsPerSave: Math.round(((used.user + used.system) / 1000 / result.saves) * 100) / 100,
			loopMaxMs: Math.round(loop.max / 1e5) / 10
		};
		console.error('[probe]', JSON.stringify(line));
		runs.push(line);
	}
	const sorted = (key: 'p50' | 'p99') => runs.map((r) => r[key]).sort((a, b) => a - b);
	const mid = (xs: number[]) => xs[Math.floor(xs.length / 2)];
	console.log(
		JSON.stringify({
			runs: runs.length,
			p50Median: mid(sorted('p50')),
			p99Median: mid(sorted('p99')),
			p99Max: Math.max(...sorted('p99')),
			cpuMsPerSaveMedian: mid(runs.map((r) => r.cpuMsPerSave).sort((a, b) => a - b)),
			savesPerSecondMedian: mid(runs.map((r) => r.savesPerSecond).sort((a, b) => a - b))
		})
	);
} finally {
	db.$client.close();
	if (scratch) rmSync(scratch, { recursive: true, force: true });
}
