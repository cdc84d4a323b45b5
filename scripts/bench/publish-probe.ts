/**
 * `npx tsx scripts/bench/publish-probe.ts [--db FILE] [--runs N]`: publishes the nation-scale
 * year of `npm run bench` (25,000 OPDs × 20 indicators, the same synthetic data) in process,
 * `--runs` times, and prints each phase of `publish()` (from its `publishPhases` channel), the
 * CPU time each publish took and the bytes it stored. The database is generated once into FILE
 * and reused by later runs, so two versions of the code can be compared back to back on the
 * same data. Profile with
 * `node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx scripts/bench/publish-probe.ts`.
 */
import { existsSync } from 'node:fs';
import { subscribe } from 'node:diagnostics_channel';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { SYSTEM_ACTORS } from '../../src/lib/server/audit/audit';
import { openDb } from '../../src/lib/server/db';
import { prepareDb } from '../../src/lib/server/db/migrate';
import { importMatrix } from '../../src/lib/server/import/matrix';
import { getByYear } from '../../src/lib/server/periods/periods';
import { publish } from '../../src/lib/server/results/results';
import { syntheticYear, type Scale } from './synthetic';
import { median } from './stats';

const { values: flags } = parseArgs({
	options: {
		db: { type: 'string', default: '/tmp/publish-probe/nation.db' },
		runs: { type: 'string', default: '3' }
	}
});
const NATION: Scale = { name: 'nation', opds: 25_000, indicators: 20, years: 1 };
const YEAR = 2020;
const round = (x: number) => Math.round(x);

const fresh = !existsSync(flags.db);
const db = openDb(`file:${flags.db}`);
await prepareDb(db);
if (fresh) {
	const t = performance.now();
	const outcome = await importMatrix(
		{ year: YEAR, matrix: syntheticYear(NATION, 0), actor: SYSTEM_ACTORS.cli, source: 'bench' },
		db
	);
	if (!outcome.ok) throw new Error(outcome.errors[0]?.message);
	console.error(`generated ${flags.db} in ${round(performance.now() - t)} ms`);
}
const period = (await getByYear(YEAR, db))!;

let phases: [string, number][] = [];
subscribe('monev:publish-phase', (message) => {
	const { phase, ms } = message as { phase: string; ms: number };
	phases.push([phase, ms]);
});

/** Bytes stored for the period: every table that holds a publication, by table. */
async function storedBytes(): Promise<Record<string, number>> {
	const tables = await db.all<{ name: string }>(
		sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'published_%'`
	);
	const sizes: Record<string, number> = {};
	for (const { name } of tables) {
		const [row] = await db.all<{ bytes: number | null; n: number }>(
			sql.raw(
				`SELECT sum(length(CAST(body AS BLOB))) AS bytes, count(*) AS n FROM "${name}" WHERE period_id = ${period.id}`
			)
		);
		sizes[`${name} (${row?.n ?? 0} rows)`] = row?.bytes ?? 0;
	}
	return sizes;
}

const runs: Record<string, number>[] = [];
for (let i = 0; i < Number(flags.runs); i++) {
	// Each run is a first publish, as in `npm run bench`: the previous one is removed, untimed.
	for (const table of ['published_files', 'published_snapshots'])
		await db.run(sql.raw(`DELETE FROM "${table}" WHERE period_id = ${period.id}`));
	phases = [];
	const t = performance.now();
	const cpu = process.cpuUsage();
	await publish(period.id, SYSTEM_ACTORS.cli, db);
	const total = performance.now() - t;
	// CPU time the process got (GC helper threads included): unlike the wall time, it does not
	// grow with the time the hypervisor gives other guests, so two versions compare on a busy host.
	const { user, system } = process.cpuUsage(cpu);
	const cpuMs = round((user + system) / 1000);
	runs.push({
		...Object.fromEntries(phases.map(([p, ms]) => [p, round(ms)])),
		total: round(total),
		cpu: cpuMs
	});
	console.error(`run ${i + 1}: ${round(total)} ms, CPU ${cpuMs} ms`);
}
const keys = Object.keys(runs[0] ?? {});
console.table(
	Object.fromEntries(keys.map((k) => [k, { medianMs: median(runs.map((r) => r[k]!)) }]))
);
console.table(
	Object.fromEntries(
		Object.entries(await storedBytes()).map(([k, v]) => [k, { MB: Math.round(v / 1e5) / 10 }])
	)
);
console.log(JSON.stringify({ runs }));
