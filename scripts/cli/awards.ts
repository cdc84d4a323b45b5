import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { formatNumberId } from '../../src/lib/scoring/number';
import { SYSTEM_ACTORS } from '../../src/lib/server/audit/audit';
import {
	AwardImportError,
	awardListsOfYear,
	importAwardCsv
} from '../../src/lib/server/awards/awards';
import type { DB } from '../../src/lib/server/db';
import { getByYear } from '../../src/lib/server/periods/periods';

const USAGE = `awards list --year Y [--format text|json]
awards import --year Y --file F.csv [--source S]
  CSV: judul daftar, posisi, nama OPD, nilai, catatan (baris judul kolom boleh ada)`;

/**
 * `awards list|import`: the PPID's award lists of a year on stdout, or a CSV of them recorded
 * (each list named in the file replaced; all or nothing, errors name the row).
 */
export async function awardsCommand(args: string[], conn: DB): Promise<number> {
	const [sub, ...rest] = args;
	const { values } = parseArgs({
		args: rest,
		options: {
			year: { type: 'string' },
			format: { type: 'string', default: 'text' },
			file: { type: 'string' },
			source: { type: 'string' }
		}
	});
	const year = Number(values.year);
	if ((sub !== 'list' && sub !== 'import') || !Number.isInteger(year)) {
		console.error(`Penggunaan:\n  ${USAGE.replaceAll('\n', '\n  ')}`);
		return 2;
	}
	if (!(await getByYear(year, conn))) {
		console.error(`awards: periode ${year} tidak ada`);
		return 1;
	}
	if (sub === 'list') {
		if (values.format !== 'json' && values.format !== 'text') {
			console.error(`awards list: --format harus text atau json (bukan "${values.format}")`);
			return 2;
		}
		const lists = await awardListsOfYear(conn, year);
		if (values.format === 'json') {
			process.stdout.write(JSON.stringify({ year, lists }, null, 2) + '\n');
			return 0;
		}
		if (!lists.length) console.error(`[monev] belum ada daftar penghargaan tahun ${year}`);
		for (const list of lists) {
			process.stdout.write(`${list.title}${list.sourceNote ? ` (${list.sourceNote})` : ''}\n`);
			for (const e of list.entries) {
				const points = e.points === null ? '' : `\t${formatNumberId(e.points, 2, { trim: true })}`;
				process.stdout.write(
					`  ${e.position}\t${e.opdName}${points}${e.note ? `\t${e.note}` : ''}\n`
				);
			}
		}
		return 0;
	}
	if (!values.file) {
		console.error('awards import: --file F.csv wajib diisi');
		return 2;
	}
	const text = await readFile(values.file, 'utf8');
	try {
		const outcome = await importAwardCsv(year, text, values.source ?? '', SYSTEM_ACTORS.cli, conn);
		for (const m of outcome.matched)
			console.error(`[monev] baris ${m.line}: "${m.name}" dicocokkan dengan ${m.opd}`);
		console.error(
			`[monev] ${outcome.entries} OPD tercatat pada ${outcome.created} daftar baru dan ${outcome.replaced} daftar yang diganti isinya (tahun ${year})`
		);
		return 0;
	} catch (e) {
		if (!(e instanceof AwardImportError)) throw e;
		console.error(`awards import: ${values.file} tidak diimpor (tidak ada yang diubah):`);
		for (const p of e.problems) console.error(`  ${p.line ? `baris ${p.line}: ` : ''}${p.message}`);
		return 1;
	}
}
