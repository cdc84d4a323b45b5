import { parseArgs } from 'node:util';
import { linkStatusLabel } from '../../src/lib/validation/link-check';
import { SYSTEM_ACTORS } from '../../src/lib/server/audit/audit';
import type { DB } from '../../src/lib/server/db';
import {
	readLinkCheckOptions,
	type LinkCheckOptions
} from '../../src/lib/server/evidence/link-check';
import { checkPeriodLinks, linkChecksOf } from '../../src/lib/server/evidence/links';
import { getByYear } from '../../src/lib/server/periods/periods';

/**
 * `check-links --year Y [--format json|text]`: checks every evidence link of the period, stores the
 * results (as the matrix button does) and prints them: JSON `{links: [...]}` or a table.
 * `out` is where the data goes (stdout; the tests pass a collector).
 */
export async function checkLinksCommand(
	args: string[],
	conn: DB,
	options: LinkCheckOptions = readLinkCheckOptions(),
	out: (text: string) => void = (text) => process.stdout.write(text)
): Promise<number> {
	const { values } = parseArgs({
		args,
		options: { year: { type: 'string' }, format: { type: 'string', default: 'text' } }
	});
	const year = Number(values.year);
	if (!Number.isInteger(year)) {
		console.error('check-links: --year TAHUN wajib diisi (mis. --year 2021)');
		return 2;
	}
	if (values.format !== 'json' && values.format !== 'text') {
		console.error(`check-links: --format harus json atau text (bukan "${values.format}")`);
		return 2;
	}
	const period = await getByYear(year, conn);
	if (!period) {
		console.error(`check-links: periode ${year} tidak ada`);
		return 1;
	}
	const summary = await checkPeriodLinks(period.id, options, SYSTEM_ACTORS.cli, conn);
	const rows = await linkChecksOf(period.id, {}, conn);
	console.error(
		`[monev] ${summary.links} tautan diperiksa (${summary.urls} alamat unik): ${summary.ok} hidup, ${summary.dead} mati, ${summary.ms} ms`
	);
	if (values.format === 'json') {
		const links = rows.map((r) => ({
			url: r.url,
			opd: r.opdSlug,
			opdName: r.opdName,
			indicator: r.indicatorKey,
			indicatorLabel: r.indicatorLabel,
			status: r.status,
			ok: r.ok,
			finalUrl: r.finalUrl,
			checkedAt: r.checkedAt.toISOString(),
			title: r.title,
			sha256: r.sha256,
			bytes: r.bytes,
			truncated: r.truncated,
			error: r.error
		}));
		out(
			JSON.stringify(
				{ year, summary: { ...summary, checkedAt: summary.checkedAt.toISOString() }, links },
				null,
				2
			) + '\n'
		);
		return 0;
	}
	const table = [
		['STATUS', 'OPD', 'INDIKATOR', 'URL', 'KETERANGAN'],
		...rows.map((r) => [
			r.ok ? `ok ${r.status}` : `MATI ${linkStatusLabel(r)}`,
			r.opdSlug,
			r.indicatorKey,
			r.url,
			r.ok ? (r.title ?? '') : r.finalUrl && r.finalUrl !== r.url ? `→ ${r.finalUrl}` : ''
		])
	];
	const widths = table[0]!.map((_, i) =>
		Math.min(60, Math.max(...table.map((row) => row[i]!.length)))
	);
	for (const row of table)
		out(
			row
				.map((cell, i) => cell.padEnd(widths[i]!))
				.join('  ')
				.trimEnd() + '\n'
		);
	return 0;
}
