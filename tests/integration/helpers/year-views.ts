import type { DB } from '../../../src/lib/server/db';
import * as periods from '../../../src/lib/server/periods/periods';
import type { ResultsView } from '../../../src/lib/server/results/results';
import { viewOf } from '../../../src/lib/server/results/year-views';

/**
 * Every period's view, oldest first, computed afresh (no cache): what the signed-in pages read
 * before each learnt to compute only the years it shows. The oracle their tests compare with.
 */
export async function everyYearView(db: DB): Promise<ResultsView[]> {
	const all = await periods.list(db);
	const views = await Promise.all(all.map((p) => viewOf(p, db)));
	return views.sort((a, b) => a.year - b.year);
}
