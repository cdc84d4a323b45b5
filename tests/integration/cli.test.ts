import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { runMonev, useSeededCli } from './helpers/cli';
import { naiveSeedMatrix, SEED_FILES } from './helpers/seed-reader';

const { monev, dir, databaseUrl } = useSeededCli('monev-cli-');

interface Row {
	rank: number;
	opd: string;
	score: number;
	maxScore: number;
	percent: number;
	indicatorsMet: number;
	qualification: string;
	tier: string | null;
}

describe('npm run monev -- results', () => {
	it('prints the 2021 ranking as JSON on stdout only, consistent with the ticks in the report', () => {
		const out = monev('results', '--year', '2021', '--format', 'json');
		expect(out.status, out.stderr).toBe(0);
		const rows = JSON.parse(out.stdout) as Row[];
		expect(rows).toHaveLength(32);
		const ticks = [...naiveSeedMatrix(SEED_FILES[2021]).rows.values()].map(
			(r) => r.filter(Boolean).length
		);
		expect(rows.map((r) => r.score).sort((a, b) => a - b)).toEqual(ticks.sort((a, b) => a - b));
		for (const row of rows) {
			expect(row.maxScore).toBe(13);
			expect(row.indicatorsMet).toBe(row.score);
			expect(row.percent).toBe(Math.round((row.score / 13) * 10000) / 100);
			// competition rank: 1 + the number of OPDs with a higher percent
			expect(row.rank).toBe(1 + rows.filter((r) => r.percent > row.percent).length);
		}
		const satpol = rows.find((r) => r.opd.startsWith('Satuan Polisi Pamong Praja'));
		expect(satpol).toMatchObject({ score: 13, percent: 100, rank: 1, qualification: 'Informatif' });
	});

	it('prints CSV with the same rows', () => {
		const json = JSON.parse(monev('results', '--year', '2020').stdout) as Row[];
		const csv = monev('results', '--year', '2020', '--format', 'csv');
		expect(csv.status).toBe(0);
		const parsed = Papa.parse<Record<string, string>>(csv.stdout.trim(), { header: true });
		expect(parsed.data).toHaveLength(33);
		expect(parsed.data.map((r) => [Number(r.rank), r.opd, Number(r.percent)])).toEqual(
			json.map((r) => [r.rank, r.opd, r.percent])
		);
	});

	it('fails with a message on stderr and nothing on stdout for an unknown year', () => {
		const out = monev('results', '--year', '1999');
		expect(out.status).not.toBe(0);
		expect(out.stdout).toBe('');
		expect(out.stderr).toMatch(/1999/);
	});
});

describe('npm run monev -- import', () => {
	it('rejects a bad tick naming line and column, and writes nothing', () => {
		const file = join(dir(), 'bad.csv');
		writeFileSync(
			file,
			'No,OPD,Renja 2024\n1,Dinas Sosial Kota Serang,√\n2,Inspektorat Kota Serang,x\n'
		);
		const out = monev('import', '--year', '2024', '--file', file);
		expect(out.status).toBe(1);
		expect(out.stderr).toMatch(/baris 3/i);
		expect(out.stderr).toMatch(/kolom 3/i);
		const check = monev('results', '--year', '2024');
		expect(check.status).not.toBe(0);
	});

	it("imports the app's CSV template into a new year", () => {
		const file = join(dir(), 'good.csv');
		writeFileSync(
			file,
			'No;OPD;Renja 2024;Daftar Aset OPD\n1;Dinas Sosial Kota Serang;√;\n2;Inspektorat Kota Serang;√;√\n'
		);
		const out = monev('import', '--year', '2024', '--file', file);
		expect(out.status, out.stderr).toBe(0);
		const rows = JSON.parse(monev('results', '--year', '2024').stdout) as Row[];
		expect(rows.map((r) => [r.rank, r.score, r.maxScore])).toEqual([
			[1, 2, 2],
			[2, 1, 2]
		]);
	});
});

interface PlanJson {
	year: number;
	empty: 'keep' | 'absent';
	changes: {
		total: number;
		toPresent: number;
		toAbsent: number;
		toNotApplicable: number;
		toUnassessed: number;
	};
	blanks: { cells: number; wouldMarkAbsent: number };
	newOpds: { name: string }[];
	errors: { message: string }[];
}

describe('npm run monev -- export, then import --dry-run --json (round trip)', () => {
	it('an unchanged template is 0 changes; one edit is 1; --empty absent counts the blanks', () => {
		const source = join(dir(), 'y2027.csv');
		writeFileSync(
			source,
			'No,OPD,Renja 2027,Daftar Aset OPD,Struktur Organisasi\n' +
				'1,Dinas Sosial Kota Serang,√,tidak,\n' +
				'2,Inspektorat Kota Serang,,√,n/a\n' +
				'3,Dinas Kesehatan Kota Serang,,,√\n'
		);
		const created = monev('import', '--year', '2027', '--file', source);
		expect(created.status, created.stderr).toBe(0);

		const templat = join(dir(), 'templat-2027.csv');
		const exported = monev(
			'export',
			'--year',
			'2027',
			'--view',
			'templat',
			'--format',
			'csv',
			'--file',
			templat
		);
		expect(exported.status, exported.stderr).toBe(0);
		const text = readFileSync(templat, 'utf8');
		expect(text).toMatch(/Dinas Sosial Kota Serang,√,tidak,\r\n/);

		const plan = (file: string, ...extra: string[]) => {
			const out = monev(
				'import',
				'--year',
				'2027',
				'--file',
				file,
				'--dry-run',
				'--json',
				...extra
			);
			expect(out.status, out.stderr).toBe(0);
			return JSON.parse(out.stdout) as PlanJson;
		};
		const same = plan(templat);
		expect(same.changes).toEqual({
			total: 0,
			toPresent: 0,
			toAbsent: 0,
			toNotApplicable: 0,
			toUnassessed: 0
		});
		expect(same.empty).toBe('keep');
		expect(same.newOpds).toEqual([]);
		expect(same.errors).toEqual([]);
		expect(same.blanks).toEqual({ cells: 4, wouldMarkAbsent: 4 });

		const xlsx = join(dir(), 'templat-2027.xlsx');
		expect(
			monev('export', '--year', '2027', '--view', 'templat', '--format', 'xlsx', '--file', xlsx)
				.status
		).toBe(0);
		expect(plan(xlsx).changes.total).toBe(0);

		const edited = join(dir(), 'templat-2027-edited.csv');
		writeFileSync(
			edited,
			text.replace('Dinas Kesehatan Kota Serang,,,√', 'Dinas Kesehatan Kota Serang,√,,√')
		);
		expect(plan(edited).changes).toMatchObject({ total: 1, toPresent: 1 });
		expect(plan(edited, '--empty', 'absent').changes).toEqual({
			total: 4,
			toPresent: 1,
			toAbsent: 3,
			toNotApplicable: 0,
			toUnassessed: 0
		});

		// A bad --empty is refused before reading anything.
		const bad = monev('import', '--year', '2027', '--file', edited, '--empty', 'kosong');
		expect(bad.status).toBe(2);
		expect(bad.stderr).toMatch(/--empty harus keep/);
		expect(monev('export', '--year', '1999', '--view', 'templat').status).toBe(1);
	}, 150_000);
});

describe('npm run monev -- import (.xlsx)', () => {
	it('reads a named sheet of a workbook, previews with --dry-run, then imports', () => {
		const file = 'tests/fixtures/import/matrix-2022.xlsx';
		const dry = monev(
			'import',
			'--year',
			'2025',
			'--file',
			file,
			'--sheet',
			'Matriks',
			'--dry-run'
		);
		expect(dry.status, dry.stderr).toBe(0);
		expect(dry.stderr).toMatch(
			/"Kec\. Kasemen" dicocokkan \(\d+%\) dengan "kecamatan-kasemen"|pratinjau saja/
		);
		expect(monev('results', '--year', '2025').status).not.toBe(0);
		const out = monev('import', '--year', '2025', '--file', file, '--sheet', 'Matriks');
		expect(out.status, out.stderr).toBe(0);
		const rows = JSON.parse(monev('results', '--year', '2025').stdout) as Row[];
		expect(rows).toHaveLength(8);
	});

	it('names a missing sheet', () => {
		const out = monev(
			'import',
			'--year',
			'2026',
			'--file',
			'tests/fixtures/import/matrix-2022.xlsx',
			'--sheet',
			'Nope'
		);
		expect(out.status).toBe(1);
		expect(out.stderr).toMatch(/lembar "Nope" tidak ada/);
	});
});

describe('npm run monev -- backup / import-backup', () => {
	it('round-trips the whole database byte for byte, and refuses a non-empty target', () => {
		const first = join(dir(), 'first.jsonl');
		const second = join(dir(), 'second.jsonl');
		expect(monev('backup', '--file', first).status).toBe(0);
		const restoredDb = `file:${join(dir(), 'restored.db')}`;
		const run = (...args: string[]) => runMonev(restoredDb, ...args);
		const restored = run('import-backup', '--file', first);
		expect(restored.status, restored.stderr).toBe(0);
		expect(run('backup', '--file', second).status).toBe(0);
		expect(readFileSync(second, 'utf8')).toBe(readFileSync(first, 'utf8'));

		const refused = run('import-backup', '--file', first);
		expect(refused.status).toBe(1);
		expect(refused.stderr).toMatch(/tidak kosong/);
		expect(run('import-backup', '--file', first, '--replace').status).toBe(0);
	});
});

describe('npm run monev (the entry users run: package.json, then scripts/cli/run.js)', () => {
	it('prints what the bundle prints, its threads loading the TypeScript worker via tsx too', () => {
		// Unset, the threads load the worker next to the module that starts them (file.ts), as
		// they do for a user; from the sources, that is worker.ts through tsx.
		const env = { ...process.env, DATABASE_URL: databaseUrl(), MONEV_WORKER_URL: '' };
		const npm = (...args: string[]) =>
			spawnSync('npm', ['run', 'monev', '--', ...args], { env, encoding: 'utf8' });
		const plan = ['import', '--year', '2026', '--file', 'tests/fixtures/import/matrix-2022.xlsx'];
		const dry = [...plan, '--sheet', 'Matriks', '--dry-run', '--json'];
		const ok = npm(...dry);
		expect(ok.status, ok.stderr).toBe(0);
		const json = monev(...dry).stdout;
		expect(JSON.parse(json)).toMatchObject({ year: 2026, errors: [] });
		// After the two lines npm prints first ("> monev-dip@… monev", "> node scripts/cli/run.js …").
		expect(ok.stdout.endsWith(json)).toBe(true);
		const failed = npm(...plan, '--sheet', 'Nope');
		expect(failed.status).toBe(1);
		expect(failed.stderr).toMatch(/lembar "Nope" tidak ada/);
	}, 60_000);
});
