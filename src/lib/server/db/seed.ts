import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { count, eq } from 'drizzle-orm';
import { matchOpd, parseReportTable } from '../../import';
import { parseReportAwards } from '../../import/report-awards';
import { SYSTEM_ACTORS } from '../audit/audit';
import { db, type Conn } from '.';
import { indicators, periods } from './schema';
import { defaultDefinition } from '../../import/default-definitions';
import { replaceLists, type AwardListImport } from '../awards/awards';
import { importMatrix } from '../import/matrix';
import { seedCustomaryAliases } from '../opds/aliases';
import { findBySlug } from '../opds/master';
import { roster } from '../periods/periods';
import { publish } from '../results/results';
import { createDemoUsers } from '../accounts/users';
import { loadServiceReportText } from '../registers/registers';
import { loadNarrativeText } from '../report/composer';

/** The demo operator answers for Diskominfo, the office that usually runs the PPID. */
export const DEMO_OPERATOR_OPD = 'dinas-komunikasi-dan-informatika';

export interface SeedYear {
	year: number;
	file: string;
	title: string;
	source: string;
	/**
	 * Where the report announces its awards (a richer "monev website" rubric than the ticks); the
	 * awards themselves are read from the report's text (parseReportAwards).
	 */
	awardSource: string;
}

/** The two Kota Serang annual reports the demo database is loaded from (data/seeds/README.md). */
const REPORT_2020 = 'Laporan Tahunan PPID Pemerintah Kota Serang 2020';
const REPORT_2021 = 'Laporan Tahunan PPID Pemerintah Kota Serang 2021';

export const SEED_YEARS: SeedYear[] = [
	{
		year: 2020,
		file: '001_fa7482990baaa3fb.txt',
		title: 'Monev Daftar Informasi Publik OPD Kota Serang 2020',
		source: `${REPORT_2020}, bagian 2.3`,
		awardSource: `${REPORT_2020}, Bab I: hasil evaluasi pengelola dan pengunjung website, "3 OPD teraktif"`
	},
	{
		year: 2021,
		file: '000_98cb80431292019a.txt',
		title: 'Monev Daftar Informasi Publik OPD Kota Serang 2021',
		source: `${REPORT_2021}, bagian 2.3`,
		awardSource: `${REPORT_2021}, Bab I: hasil evaluasi pengelola website, "OPD terbaik"`
	}
];

/**
 * Loads both seed years from the report files (not from a copied fixture), publishes them and
 * records the awards the reports published. One transaction: a failure leaves the database empty.
 */
export async function seedDemo(seedsDir: string, conn: Conn = db()): Promise<void> {
	const texts = await Promise.all(SEED_YEARS.map((s) => readFile(join(seedsDir, s.file), 'utf8')));
	await conn.transaction(async (tx) => {
		for (const [i, seed] of SEED_YEARS.entries()) {
			const parsed = parseReportTable(texts[i]!);
			if (!parsed.ok) {
				const first = parsed.errors[0];
				throw new Error(
					`${seed.file}: ${first ? `baris ${first.line}: ${first.message}` : 'tidak terbaca'}`
				);
			}
			const outcome = await importMatrix(
				{
					year: seed.year,
					matrix: parsed.matrix,
					actor: SYSTEM_ACTORS.seed,
					source: seed.source,
					title: seed.title
				},
				tx
			);
			if (!outcome.ok) throw new Error(`${seed.file}: ${outcome.errors[0]?.message}`);
			const periodId = outcome.summary.periodId;
			// Neutral default definitions from the category names (default-definitions.ts).
			const rows = await tx.select().from(indicators).where(eq(indicators.periodId, periodId));
			for (const row of rows) {
				const definition = defaultDefinition(row.key);
				if (definition)
					await tx.update(indicators).set(definition).where(eq(indicators.id, row.id));
			}
			const entries = await roster(periodId, tx);
			const candidates = entries.map((e) => ({
				key: e.slug,
				names: [e.name, e.shortName, e.displayName]
			}));
			const awards = parseReportAwards(texts[i]!);
			if (awards.length === 0) throw new Error(`${seed.file}: daftar penghargaan tidak terbaca`);
			const lists = new Map<string, AwardListImport>();
			for (const award of awards) {
				const match = matchOpd(award.name, candidates);
				const entry = entries.find((e) => e.slug === match?.key);
				if (!entry)
					throw new Error(
						`${seed.year}: penghargaan untuk "${award.name}" tidak cocok dengan OPD mana pun`
					);
				const list = lists.get(award.list) ?? {
					title: award.list,
					sourceNote: seed.awardSource,
					entries: []
				};
				list.entries.push({
					opdId: entry.opdId,
					position: award.position,
					points: award.points,
					note: null
				});
				lists.set(award.list, list);
			}
			await replaceLists(seed.year, [...lists.values()], SYSTEM_ACTORS.seed, tx);
			await publish(periodId, SYSTEM_ACTORS.seed, tx);
			await loadServiceReportText(
				texts[i]!,
				seed.year,
				seed.source.replace('bagian 2.3', 'bagian III–V'),
				SYSTEM_ACTORS.seed,
				tx
			);
			await loadNarrativeText(
				texts[i]!,
				seed.year,
				seed.source.replace('bagian 2.3', 'Bagian I, II, VI, VII'),
				SYSTEM_ACTORS.seed,
				tx
			);
		}
		await seedCustomaryAliases(tx);
		const operatorOpd = await findBySlug(DEMO_OPERATOR_OPD, tx);
		await createDemoUsers(tx, operatorOpd?.id ?? null);
	});
}

/** Seeds the demo data when the database has no period yet; returns whether it did. */
export async function seedDemoIfEmpty(conn: Conn, seedsDir: string): Promise<boolean> {
	const [row] = await conn.select({ n: count() }).from(periods);
	if ((row?.n ?? 0) > 0) return false;
	await seedDemo(seedsDir, conn);
	return true;
}
