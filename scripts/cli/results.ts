import { parseArgs } from 'node:util';
import { resultsCsv, toResultRows } from '../../src/lib/results-table';
import type { DB } from '../../src/lib/server/db';
import { getByYear } from '../../src/lib/server/periods/periods';
import { computeRanking } from '../../src/lib/server/results/ranking';
import { publishedGroups } from '../../src/lib/server/results/published-files';
import { publishedByYear } from '../../src/lib/server/results/results';

/** `results --year Y --format json|csv`: the ranking on stdout (the published snapshot when there is one). */
export async function resultsCommand(args: string[], conn: DB): Promise<number> {
	const { values } = parseArgs({
		args,
		options: { year: { type: 'string' }, format: { type: 'string', default: 'json' } }
	});
	const year = Number(values.year);
	if (!Number.isInteger(year)) {
		console.error('results: --year TAHUN wajib diisi (mis. --year 2021)');
		return 2;
	}
	if (values.format !== 'json' && values.format !== 'csv') {
		console.error(`results: --format harus json atau csv (bukan "${values.format}")`);
		return 2;
	}
	const period = await getByYear(year, conn);
	if (!period) {
		console.error(`results: periode ${year} tidak ada`);
		return 1;
	}
	const snapshot = await publishedByYear(year, conn);
	// Unpublished: the ranking from current cells, summed in SQL (no score per indicator needed).
	const published = await snapshot?.view();
	const view = published ?? (await computeRanking(period, conn));
	if (!snapshot)
		console.error(`[monev] periode ${year} belum terbit: hasil dihitung dari data saat ini`);
	// A published year's rows as in its results.csv, award-group columns included.
	const rows = toResultRows(view.result, view.roster, published && publishedGroups(published));
	if (values.format === 'json') {
		process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
	} else {
		process.stdout.write(resultsCsv(rows));
	}
	return 0;
}
