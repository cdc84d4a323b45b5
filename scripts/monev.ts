/**
 * The monev command line: `npm run monev -- <command>`. DATABASE_URL selects the database.
 * Data goes to stdout, messages to stderr, and a failure exits non-zero, so scripts can rely on it.
 */
import { readConfig } from '../src/lib/server/config';
import { db } from '../src/lib/server/db';
import { prepareDb } from '../src/lib/server/db/migrate';

const USAGE = `Penggunaan: npm run monev -- <perintah> [opsi]

Perintah:
  migrate                              terapkan migrasi ke basis data
  seed-demo                            muat data demo Kota Serang 2020 dan 2021 (basis data kosong)
  import --year Y --file F [--sheet S] [--empty keep|absent] [--dry-run] [--json]
                                       impor tabel laporan, CSV/TSV atau .xlsx (semua atau tidak sama sekali);
                                       sel kosong: keep = dibiarkan (bawaan CSV/XLSX), absent = tidak ada
                                       (bawaan tabel laporan); --json: rencana sebagai JSON di stdout
  export --year Y [--view matriks|rinci|peringkat|templat|templat-kosong|semua]
         [--format csv|xlsx] [--file F]
                                       ekspor seperti tautan di /impor (CSV ke stdout tanpa --file)
  backup --file F                      cadangkan seluruh basis data (JSON lines)
  import-backup --file F [--replace]   pulihkan cadangan ke basis data kosong (--replace: timpa)
  results --year Y [--format json|csv] cetak peringkat tahun Y ke stdout
  report --year Y [--format docx|html] [--file F] [--personal-data]
                                       Laporan Tahunan PPID tahun Y (Bagian I–VII) sebagai Word
                                       atau HTML (HTML ke stdout tanpa --file); --personal-data:
                                       dengan nama dan alamat pemohon
  service-stats --year Y [--format json|csv]
                                       statistik layanan informasi tahun Y, sama dengan
                                       /api/v1/service-stats/Y (JSON) dan .csv-nya
  check-links --year Y [--format text|json]
                                       periksa semua tautan bukti tahun Y (status, pengalihan,
                                       judul, SHA-256), simpan hasilnya dan cetak ke stdout
  awards list --year Y [--format text|json]
                                       daftar penghargaan PPID tahun Y
  awards import --year Y --file F.csv [--source S]
                                       catat daftar penghargaan dari CSV (judul daftar, posisi,
                                       nama OPD, nilai, catatan); daftar yang disebut diganti
                                       isinya; semua atau tidak sama sekali
  user add --username U --role R [--name N] [--opd SLUG]
                                       buat pengguna (kata sandi dari MONEV_PASSWORD atau stdin)
  user passwd --username U             ganti kata sandi pengguna
  user disable --username U            nonaktifkan pengguna

Basis data: DATABASE_URL (bawaan file:data/monev.db).`;

async function main(argv: string[]): Promise<number> {
	const [command, ...args] = argv;
	if (!command || command === 'help' || command === '--help') {
		console.error(USAGE);
		return command ? 0 : 2;
	}
	const config = readConfig();
	const database = db();
	await prepareDb(database, config.migrationsDir);
	// Each command's module is loaded when it runs: a command never waits for the packages of the
	// others (docx, the spreadsheet writer, argon2), ≈ 0.2 s of every start.
	switch (command) {
		case 'migrate':
			console.error('[monev] migrasi selesai');
			return 0;
		case 'seed-demo':
			return (await import('./cli/seed')).seedCommand(args, database, config.seedsDir);
		case 'import':
			return (await import('./cli/import')).importCommand(args, database);
		case 'export':
			return (await import('./cli/export')).exportCommand(args, database);
		case 'backup':
			return (await import('./cli/backup')).backupCommand(args, database);
		case 'import-backup':
			return (await import('./cli/backup')).importBackupCommand(args, database);
		case 'results':
			return (await import('./cli/results')).resultsCommand(args, database);
		case 'report':
			return (await import('./cli/report')).reportCommand(args, database);
		case 'service-stats':
			return (await import('./cli/service-stats')).serviceStatsCommand(args, database);
		case 'check-links':
			return (await import('./cli/links')).checkLinksCommand(args, database);
		case 'awards':
			return (await import('./cli/awards')).awardsCommand(args, database);
		case 'user':
			return (await import('./cli/user')).userCommand(args, database);
		default:
			console.error(`Perintah tidak dikenal: ${command}\n\n${USAGE}`);
			return 2;
	}
}

main(process.argv.slice(2)).then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(`[monev] gagal: ${error instanceof Error ? error.message : String(error)}`);
		process.exit(1);
	}
);
