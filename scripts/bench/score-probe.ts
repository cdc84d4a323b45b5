/**
 * Score + rank one nation-scale period against the raw SQL aggregate, alone (issue 16 §2), with
 * the phases of `computeRanking`:
 *
 *   npx tsx scripts/bench/score-probe.ts [years=4] [runs=15]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SYSTEM_ACTORS } from '../../src/lib/server/audit/audit';
import { openDb } from '../../src/lib/server/db';
import { prepareDb } from '../../src/lib/server/db/migrate';
import { importMatrix } from '../../src/lib/server/import/matrix';
import { getByYear } from '../../src/lib/server/periods/periods';
import { computeRanking } from '../../src/lib/server/results/ranking';
import { syntheticYear } from './synthetic';
import { median } from './stats';

const years = Number(process.argv[2] ?? 4);
const runs = Number(process.argv[3] ?? 15);
const scale = { name: 'nation', opds: 25_000, indicators: 20, years } as const;
const dir = mkdtempSync(join(tmpdir(), 'monev-score-'));
const db = openDb(`file:${join(dir, 'nation.db')}`);
try {
	await prepareDb(db);
	for (let y = 0; y < years; y++) {
		const outcome = await importMatrix(
			{
				year: 2020 + y,
				matrix: syntheticYear(scale, y),
				actor: SYSTEM_ACTORS.cli,
				source: 'probe'
			},
			db
		);
		if (!outcome.ok) throw new Error(outcome.errors[0]?.message);
	}
	const period = (await getByYear(2020 + years - 1, db))!;
	const raw = () =>
		db.$client.execute({
			sql: `SELECT opd_id, sum(value) AS points FROM assessments
			      WHERE period_id = ? AND not_applicable = 0 GROUP BY opd_id ORDER BY points DESC`,
			args: [period.id]
		});
	const timed = async (run: () => Promise<unknown>) => {
		const t = performance.now();
		await run();
		return performance.now() - t;
	};
	for (let i = 0; i < 2; i++) {
		await computeRanking(period, db);
		await raw();
	}
	const app: number[] = [];
	const sql: number[] = [];
	for (let i = 0; i < runs; i++) {
		app.push(await timed(() => computeRanking(period, db)));
		sql.push(await timed(raw));
	}
	const r = (x: number) => Math.round(x * 10) / 10;
	console.log(
		JSON.stringify({
			appMs: r(median(app)),
			sqlMs: r(median(sql)),
			ratio: Number((median(app) / median(sql)).toFixed(3)),
			app: app.map(r),
			sql: sql.map(r)
		})
	);
} finally {
	db.$client.close();
	rmSync(dir, { recursive: true, force: true });
}
