import { eq } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import { auditEvents } from '../../src/lib/server/db/schema';
import {
	composerYear,
	openComposerYear,
	reportInput,
	saveMeta,
	saveSection
} from '../../src/lib/server/report/composer';
import { reportDocx } from '../../src/lib/server/report/docx';
import { buildReport, renderHtml, type ReportDocument } from '../../src/lib/report/document';
import { createTestDb } from './helpers/test-db';

let db: DB;
let cleanup: () => Promise<void>;
const actor = { userId: null, name: 'test' };

beforeAll(async () => {
	({ db, cleanup } = await createTestDb('demo'));
});
afterAll(() => cleanup());

async function report(year: number, personalData = false): Promise<ReportDocument> {
	const composer = await composerYear(year, db);
	if (!composer) throw new Error(`no composer text for ${year}`);
	return buildReport(await reportInput(composer, personalData, db));
}

const tableOf = (doc: ReportDocument, caption: string) => {
	const t = doc.blocks.find((b) => b.t === 'table' && b.caption.join(' ').includes(caption));
	if (!t || t.t !== 'table') throw new Error(`no table "${caption}"`);
	return t;
};

describe('seed-demo loads both years into the composer', () => {
	it('stores the 2021 narrative, signatory and budget', async () => {
		const y = await composerYear(2021, db);
		expect(y?.meta).toMatchObject({
			signatoryName: 'ARIE RAHMAN HAKIM, S.Sos, M.Si',
			signatoryNip: '19710809 200212 1 003',
			signatoryDate: '2022-01-14',
			budgetAmount: 75_904_000,
			budgetSource: 'APBD Pemerintah Kota Serang'
		});
		expect(y?.sections.find((s) => s.key === 'program_inovasi')?.body).toContain('aplikasi RAGEM');
		expect((await composerYear(2020, db))?.meta.budgetAmount).toBe(51_904_000);
	});

	it('starts a new year as a copy of the latest earlier year, audited', async () => {
		expect(await composerYear(2022, db)).toBeNull();
		const y = await openComposerYear(2022, actor, db);
		const y2021 = (await composerYear(2021, db))!;
		expect(y.sections.map((s) => s.body)).toEqual(y2021.sections.map((s) => s.body));
		expect(y.meta).toMatchObject({
			signatoryName: 'ARIE RAHMAN HAKIM, S.Sos, M.Si',
			signatoryDate: '',
			budgetAmount: null,
			origin: 'salinan tahun 2021'
		});
		const events = await db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, 'report.startYear'));
		expect(events.map((e) => e.entityId)).toEqual(['2022']);
	});

	it('saves a section and the signatory, each with an audit event before/after', async () => {
		await saveSection(2022, 'rekomendasi', '1. Menambah petugas desk.', actor, db);
		await saveMeta(
			2022,
			{
				signatoryName: 'NAMA BARU',
				signatoryNip: '19800101 200501 1 001',
				signatoryTitle: 'PPID KOTA SERANG',
				signatoryPlace: 'Serang',
				signatoryDate: '2023-01-10',
				budgetAmount: 80_000_000,
				budgetSource: 'APBD Pemerintah Kota Serang'
			},
			actor,
			db
		);
		const y = (await composerYear(2022, db))!;
		expect(y.sections.find((s) => s.key === 'rekomendasi')?.body).toBe('1. Menambah petugas desk.');
		expect(y.meta.budgetAmount).toBe(80_000_000);
		const [edit] = await db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, 'report.editSection'));
		expect(edit?.entityId).toBe('2022/rekomendasi');
		expect(JSON.stringify(edit?.before)).toContain('Melihat permasalahan');
		await expect(saveSection(2022, 'tidak_ada', 'x', actor, db)).rejects.toThrow(/tidak dikenal/);
	});
});

describe('the 2021 report reproduces the seed tables', () => {
	it('prints the budget, the visits, the desk recap and the online register', async () => {
		const doc = await report(2021);
		const text = JSON.stringify(doc.blocks);
		expect(text).toContain(
			'sebesar Rp 75.904.000 (tujuh puluh lima juta sembilan ratus empat ribu rupiah)'
		);
		const visits = tableOf(doc, 'KUNJUNGAN WEBSITE');
		expect(visits.rows[0]).toEqual(['1', 'Januari', '37305']);
		expect(visits.rows[3]).toEqual(['4', 'April', '130356']);
		expect(visits.rows[12]).toEqual(['', 'Jumlah', '986370']);
		const recap = tableOf(doc, 'LAPORAN PERMOHONAN INFORMASI');
		expect(recap.rows.map((r) => r[1])).toEqual([
			'6 (enam)',
			'45 (empat puluh lima)',
			'17 (tujuh belas)',
			'4 (empat)',
			'2 (dua)',
			'2 (dua)'
		]);
		const online = tableOf(doc, 'PER PERMOHONAN');
		expect(online.rows).toHaveLength(22);
		expect(online.rows[16]![1]).toBe('29/07/2021');
		// Personal data stays out unless asked for.
		expect(text).not.toContain('Sopandri');
		expect(text).not.toContain('@gmail.com');
		const withNames = JSON.stringify((await report(2021, true)).blocks);
		expect(withNames).toContain('Sopandri');
		expect(withNames).toContain('tbajril1508@gmail.com');
	});

	it('prints disputes, objections, survey, the DIP matrix (266 ticks) and the awards', async () => {
		const doc = await report(2021);
		expect(tableOf(doc, 'SENGKETA').rows).toEqual([
			[
				'1',
				'Lembaga PAKKSA',
				'Jawaban Informasi dan keberatan tidak sesuai yang diminta',
				'DISKOMINFO',
				'Permohonan Informasi diterima',
				''
			]
		]);
		const objections = tableOf(doc, 'KEBERATAN');
		expect(objections.rows.at(-1)!.slice(0, 2)).toEqual(['Jumlah', '15']);
		expect(tableOf(doc, 'SURVEI').rows.map((r) => r[2])).toEqual([
			'Honorar',
			'Belum bekerja',
			'Mahasiswa',
			'Lembaga Swadaya Masyarakat'
		]);
		const matrix = tableOf(doc, 'DAFTAR INFORMASI ORGANISASI');
		expect(matrix.rows).toHaveLength(32);
		expect(matrix.rows.flat().filter((c) => c === '√')).toHaveLength(266);
		const awards = doc.blocks.find((b) => b.t === 'table' && b.head[0] === 'PERINGKAT');
		expect(awards?.t === 'table' && awards.rows.map((r) => [r[0], r[2]])).toEqual([
			['I', '250'],
			['II', '219'],
			['III', '102']
		]);
	});

	it('shows the 2020 objection table total (53) beside the stated 51, both kept', async () => {
		const text = JSON.stringify((await report(2020)).blocks);
		expect(text).toContain(
			'teks laporan sumber menyebut 51 keberatan, sedangkan tabel berjumlah 53 (selisih 2)'
		);
		expect(tableOf(await report(2020), 'SENGKETA').rows).toHaveLength(5);
	});

	it('writes a .docx whose document.xml holds the seed values', async () => {
		const doc = await report(2021);
		const files = unzipSync(await reportDocx(doc));
		const xml = strFromU8(files['word/document.xml']!);
		const texts = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]);
		for (const value of [
			'37305',
			'130356',
			'92812',
			'45 (empat puluh lima)',
			'Lembaga PAKKSA',
			'Mahasiswa'
		])
			expect(texts).toContain(value);
		expect(texts.filter((t) => t === '√')).toHaveLength(266);
		expect(texts).toContain('ARIE RAHMAN HAKIM, S.Sos, M.Si');
		expect(xml).toContain('sebesar Rp 75.904.000');
		expect(texts).toContain('250');
		expect(texts.some((t) => t?.includes('Satuan Polisi Pamong Praja'))).toBe(true);
		// Every table draws all its lines, and its cells take the table text styles (10 pt, the
		// header bold; the wide DIP matrix 7 pt).
		const tables = xml.match(/<w:tbl>/g)!.length;
		expect(tables).toBeGreaterThan(5);
		for (const line of ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'])
			expect(xml.match(new RegExp(`<w:${line} w:val="single"`, 'g'))).toHaveLength(tables);
		expect(xml).toContain('<w:pStyle w:val="TabelLebar"/>');
		const styles = strFromU8(files['word/styles.xml']!);
		const style = (id: string) => styles.match(new RegExp(`w:styleId="${id}">.*?</w:style>`))![0];
		expect(style('Tabel')).toContain('<w:sz w:val="20"/>');
		expect(style('TabelKepala')).toMatch(/<w:b\/>.*<w:sz w:val="20"\/>/);
		expect(style('TabelLebar')).toContain('<w:sz w:val="14"/>');
		expect(style('TabelLebarKepala')).toMatch(/<w:b\/>.*<w:sz w:val="14"\/>/);
	});

	it('writes a standalone HTML file with the same tables, escaped', async () => {
		const html = renderHtml(await report(2021));
		expect(html).toMatch(/^<!doctype html>/);
		expect(html).toContain('<td>130356</td>');
		expect(html).toContain('Perwal No 24 tahun 2011');
		expect(html).toContain('@page { size: A4');
	});
});
