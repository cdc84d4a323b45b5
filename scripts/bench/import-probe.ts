/**
 * Runs the import benchmark alone, `runs` times, with its phases and the ratio to the physical
 * baseline (issue 16 §2):
 *
 *   npx tsx scripts/bench/import-probe.ts [rows=50000] [runs=3]
 */
import { benchImport } from './import';

const rows = Number(process.argv[2] ?? 50_000);
const runs = Number(process.argv[3] ?? 3);
for (let i = 0; i < runs; i++) {
	const r = await benchImport(rows);
	const ms = (n: number) => Math.round(n);
	console.log(
		JSON.stringify({
			ratio: Number((r.importMs / r.baselineMs).toFixed(2)),
			importMs: ms(r.importMs),
			readMs: ms(r.readMs),
			planMs: ms(r.planMs),
			commitMs: ms(r.commitMs),
			baselineMs: ms(r.baselineMs),
			baselineWriteMs: ms(r.baselineWriteMs),
			parseMs: ms(r.parseMs)
		})
	);
}
