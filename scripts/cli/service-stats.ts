import { parseArgs } from 'node:util';
import type { DB } from '../../src/lib/server/db';
import { publishedServiceStats } from '../../src/lib/server/registers/registers';

const USAGE = 'service-stats --year Y [--format json|csv]';

/**
 * `service-stats`: a year's public service statistics on stdout, the very body of
 * `GET /api/v1/service-stats/{year}` (JSON) or of its `.csv` (one function makes both).
 */
export async function serviceStatsCommand(args: string[], conn: DB): Promise<number> {
	const { values } = parseArgs({
		args,
		options: { year: { type: 'string' }, format: { type: 'string', default: 'json' } }
	});
	const year = Number(values.year);
	if (!/^\d{4}$/.test(values.year ?? '') || (values.format !== 'json' && values.format !== 'csv')) {
		console.error(`Penggunaan: ${USAGE}`);
		return 2;
	}
	const rep = await publishedServiceStats(year, conn);
	if (!rep) {
		console.error(`service-stats: belum ada data layanan informasi tahun ${year}`);
		return 1;
	}
	process.stdout.write(values.format === 'json' ? `${rep.json.body}\n` : rep.csv.body);
	return 0;
}
