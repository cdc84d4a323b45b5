import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { useSeededCli } from './helpers/cli';

const { monev, dir } = useSeededCli('monev-report-cli-');

describe('npm run monev -- report', () => {
	it('writes the 2021 Laporan Tahunan as .docx with every seed table', () => {
		const file = join(dir(), 'laporan-2021.docx');
		const out = monev('report', '--year', '2021', '--format', 'docx', '--file', file);
		expect(out.status, out.stderr).toBe(0);
		expect(out.stdout).toBe('');
		const xml = strFromU8(unzipSync(readFileSync(file))['word/document.xml']!);
		const texts = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]!);
		// Visits (Tabel 3.1), desk recap, disputes, objections, survey, budget, signatory.
		for (const value of [
			'37305',
			'130356',
			'92812',
			'986370',
			'45 (empat puluh lima)',
			'17 (tujuh belas)',
			'Lembaga PAKKSA',
			'DISKOMINFO',
			'6 (enam)',
			'Lembaga Swadaya Masyarakat',
			'Perwal No 24 tahun 2011',
			'ARIE RAHMAN HAKIM, S.Sos, M.Si',
			'NIP. 19710809 200212 1 003'
		])
			expect(texts, value).toContain(value);
		expect(texts.join(' ')).toContain('Rp 75.904.000');
		// The DIP matrix of 2.3 and the award list.
		expect(texts.filter((t) => t === '√')).toHaveLength(266);
		expect(texts).toEqual(expect.arrayContaining(['I', 'II', 'III', '250', '219', '102']));
		// 22 online register entries, without names unless asked for.
		expect(texts).not.toContain('Sopandri');
		expect(texts.join(' ')).toContain('Keberatan ditanggapi tetapi tidak sesuai');
	}, 60_000);

	it('prints HTML on stdout, with personal data only on request', () => {
		const plain = monev('report', '--year', '2020', '--format', 'html');
		expect(plain.status, plain.stderr).toBe(0);
		expect(plain.stdout).toContain('<td>9291</td>');
		expect(plain.stdout).toContain('sedangkan tabel berjumlah 53');
		const named = monev('report', '--year', '2021', '--format', 'html', '--personal-data');
		expect(named.stdout).toContain('<td>Sopandri</td>');
	}, 60_000);

	it('refuses missing or bad options with exit code 2', () => {
		expect(monev('report', '--format', 'html').status).toBe(2);
		expect(monev('report', '--year', '2021', '--format', 'pdf').status).toBe(2);
		expect(monev('report', '--year', '2021', '--format', 'docx').status).toBe(2);
	}, 60_000);
});
