import { eq } from 'drizzle-orm';
import { SYSTEM_ACTORS } from '../../src/lib/server/audit/audit';
import { setCell } from '../../src/lib/server/workflow/assessments';
import type { DB } from '../../src/lib/server/db';
import { assessments, periods } from '../../src/lib/server/db/schema';
import { openWriter } from '../../src/lib/server/db/write-queue';
import { percentile } from './stats';

/** Saves per writer before the measured ones. */
export const WARM_UP_SAVES = 10;

/**
 * The cells of a period with their value and version, as a save needs them: at most `limit`
 * (SQLite reads a negative limit as none).
 */
export function periodCells(db: DB, periodId: number, limit = -1) {
	return db
		.select({
			opdId: assessments.opdId,
			indicatorId: assessments.indicatorId,
			value: assessments.value,
			version: assessments.version
		})
		.from(assessments)
		.where(eq(assessments.periodId, periodId))
		.limit(limit);
}

/**
 * Cell saves through the app's save path (`setCell`: validating read, version-checked write and
 * audit row) by `writers` concurrent writers on one period, each on its own OPDs' cells, as
 * evaluators split the work. Returns save latencies in ms.
 */
export async function benchCellSaves(
	db: DB,
	periodId: number,
	writers: number,
	savesPerWriter: number
): Promise<{ saves: number; p50: number; p99: number; savesPerSecond: number }> {
	await db.update(periods).set({ status: 'evaluation' }).where(eq(periods.id, periodId));
	const cells = await periodCells(db, periodId);
	// As the server does at start (startup.ts): the writer is open before the first save.
	await openWriter(db);
	const latencies: number[] = [];
	const round = (saves: number, record: boolean) =>
		Promise.all(
			Array.from({ length: writers }, async (_, w) => {
				const mine = cells.filter((_, i) => i % writers === w);
				for (let i = 0; i < saves; i++) {
					const cell = mine[(i * 7919) % mine.length]!;
					const t = performance.now();
					const result = await setCell(
						periodId,
						cell.opdId,
						cell.indicatorId,
						{
							value: cell.value === 1 ? 0 : 1,
							notApplicable: false,
							expectedVersion: cell.version
						},
						{ ...SYSTEM_ACTORS.cli, name: `bench-writer-${w}` },
						db
					);
					if (record) latencies.push(performance.now() - t);
					if (result.status !== 'saved') throw new Error('unexpected conflict in the benchmark');
					cell.value = cell.value === 1 ? 0 : 1;
					cell.version = result.cell.version;
				}
			})
		);
	// Warm-up, not counted (as the other sections): a running server's save path is compiled.
	await round(WARM_UP_SAVES, false);
	const start = performance.now();
	await round(savesPerWriter, true);
	const elapsed = performance.now() - start;
	return {
		saves: latencies.length,
		p50: Math.round(percentile(latencies, 50) * 10) / 10,
		p99: Math.round(percentile(latencies, 99) * 10) / 10,
		savesPerSecond: Math.round(latencies.length / (elapsed / 1000))
	};
}
