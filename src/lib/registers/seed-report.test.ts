import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseServiceReport, type ParsedServiceReport } from './seed-report';

const SEEDS = {
	2020: 'data/seeds/001_fa7482990baaa3fb.txt',
	2021: 'data/seeds/000_98cb80431292019a.txt'
} as const;

function parsed(year: 2020 | 2021): ParsedServiceReport {
	const result = parseServiceReport(readFileSync(SEEDS[year], 'utf8'));
	if (!result.ok) throw new Error(JSON.stringify(result.errors));
	return result.report;
}

const sum = (rows: { count: number }[]) => rows.reduce((s, r) => s + r.count, 0);

describe('Bagian III–V of the 2021 seed report', () => {
	const r = parsed(2021);

	it('reads the year and the 12 monthly website visits', () => {
		expect(r.year).toBe(2021);
		expect(r.websiteVisits).toHaveLength(12);
		expect(r.websiteVisits[0]).toBe(37305);
		expect(r.websiteVisits[3]).toBe(130356);
		expect(r.websiteVisits[11]).toBe(92812);
	});

	it('reads the desk recap rows (6 months, 76 requests)', () => {
		const recap = r.requests.filter((q) => q.kind === 'recap');
		expect(recap.map((q) => [q.month, q.count])).toEqual([
			[1, 6],
			[2, 45],
			[3, 17],
			[4, 4],
			[10, 2],
			[11, 2]
		]);
		expect(recap.every((q) => q.channel === 'desk')).toBe(true);
		expect(recap[0]!.applicantType).toBe('kelompok');
		expect(recap[1]!.applicantType).toBe('campuran');
		expect(recap[4]!.applicantType).toBe('perorangan');
		expect(recap[0]!.decision).toBe('diterima_sebagian');
		expect(recap[2]!.decision).toBe('diterima');
	});

	it('reads the online register: 22 entries, US dates, wrapped rows joined', () => {
		const online = r.requests.filter((q) => q.kind === 'entry');
		expect(online).toHaveLength(22);
		expect(online.every((q) => q.channel === 'online' && q.count === 1)).toBe(true);
		expect(online[0]!.receivedOn).toBe('2021-01-02');
		expect(online[16]!.receivedOn).toBe('2021-07-29');
		expect(online[16]!.month).toBe(7);
		expect(online[21]!.receivedOn).toBe('2021-12-17');
		// Row 12 wrapped its address, row 19 its address and information.
		expect(online[11]!.applicantAddress).toBe('Kramatwatu Jayadiningrat');
		expect(online[11]!.note).toBe(
			'Pemohon Di Arahkan Untuk Mengunjungi Bagian Pengadaan Barang & Jasa Di Setda Kota Serang'
		);
		expect(online[18]!.information).toBe(
			'Daftar nama pelamar CPNS tahun 2021 secara lengkap per formasi yang dilamar'
		);
		expect(online[4]!.note).toMatch(/Perindagkop & UKM Kota Serang$/);
		expect(online[21]!.decision).toBe('diterima');
		expect(online.filter((q) => q.decision === 'diarahkan')).toHaveLength(21);
	});

	it('flags the repeated entry (no. 16, same day and applicant as no. 15) and keeps it', () => {
		const online = r.requests.filter((q) => q.kind === 'entry');
		expect(online.map((q, i) => (q.possibleDuplicate ? i + 1 : 0)).filter(Boolean)).toEqual([16]);
		expect(r.notes.some((n) => /no\. 16 mungkin duplikat no\. 15/.test(n.message))).toBe(true);
		expect(sum(r.requests)).toBe(76 + 22);
	});

	it('reads 1 dispute, 15 objections (the text says 15 too) and 4 survey responses', () => {
		expect(r.disputes).toHaveLength(1);
		expect(r.disputes[0]).toMatchObject({ opd: 'DISKOMINFO', outcome: 'putusan_dikabulkan' });
		expect(r.disputesStatedTotal).toBe(1);
		expect(sum(r.objections)).toBe(15);
		expect(r.objectionsStatedTotal).toBe(15);
		expect(r.objectionsStatedToDispute).toBe(1);
		expect(r.objections.every((o) => o.reason === 'd')).toBe(true);
		expect(r.survey).toHaveLength(4);
		expect(r.survey[0]).toMatchObject({ respondedOn: '2021-04-15', level: 'puas' });
		expect(r.survey[3]!.occupation).toBe('Lembaga Swadaya Masyarakat');
		expect(r.survey[3]!.comment).toMatch(/dengan catatan/);
	});
});

describe('Bagian III–V of the 2020 seed report', () => {
	const r = parsed(2020);

	it('reads visits and the 12 desk recap rows across the blank line (84 requests)', () => {
		expect(r.year).toBe(2020);
		expect(r.websiteVisits).toEqual([
			5074, 5126, 6107, 6066, 6654, 6292, 6671, 7302, 7512, 9291, 8230, 8475
		]);
		expect(r.requests).toHaveLength(12);
		expect(sum(r.requests)).toBe(84);
		const refused = r.requests.filter((q) => q.decision === 'ditolak');
		expect(refused.map((q) => [q.count, q.refusalReason])).toEqual([
			[6, 'tidak_dikuasai'],
			[42, 'tidak_beritikad_baik'],
			[5, 'identitas_tidak_jelas']
		]);
		expect(r.requests.find((q) => q.decision === 'tidak_dijawab')?.count).toBe(4);
	});

	it('keeps both objection totals: the table adds up to 53, the text says 51', () => {
		expect(sum(r.objections)).toBe(53);
		expect(r.objectionsStatedTotal).toBe(51);
		expect(r.objectionsStatedToDispute).toBe(5);
		expect(r.notes.some((n) => /berjumlah 53.*menyebut 51/.test(n.message))).toBe(true);
	});

	it('reads 5 disputes (1 withdrawn, 4 mediated) and no survey', () => {
		expect(r.disputes).toHaveLength(5);
		expect(r.disputesStatedTotal).toBe(5);
		expect(r.disputes.map((d) => d.outcome)).toEqual([
			'dicabut',
			'mediasi_berhasil',
			'mediasi_berhasil',
			'mediasi_berhasil',
			'mediasi_berhasil'
		]);
		expect(r.disputes[4]!.opd).toBe('Dinas Kesehatan (RSUD)');
		expect(r.survey).toEqual([]);
	});
});

describe('bad input', () => {
	it('names the line of an impossible date', () => {
		const text = readFileSync(SEEDS[2021], 'utf8').replace('7/29/2021', '2/30/2021');
		const result = parseServiceReport(text);
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.errors[0]!.message).toMatch(/2\/30\/2021.*tidak ada di kalender/);
			expect(result.errors[0]!.line).toBeGreaterThan(300);
		}
	});

	it('refuses an unknown decision instead of guessing', () => {
		const text = readFileSync(SEEDS[2020], 'utf8').replace('DPA\tDiterima', 'DPA\tEntahlah');
		const result = parseServiceReport(text);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors[0]!.message).toMatch(/keputusan "Entahlah"/);
	});

	it('says which table is missing', () => {
		const result = parseServiceReport('tidak ada apa-apa');
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors[0]!.message).toMatch(/tidak ditemukan/);
	});
});
