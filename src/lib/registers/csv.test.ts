import { describe, expect, it } from 'vitest';
import { readRegisterCsv, registerCsv } from './csv';

const ROW = {
	respondedOn: '2021-04-05',
	email: 'a@example.test',
	occupation: '=HYPERLINK("http://x")',
	level: 'sangat_puas',
	comment: 'baik, cepat; "ramah"\nbaris dua'
};

describe('register CSV', () => {
	it('writes a BOM, labels and choice labels, and neutralises formulas', () => {
		const csv = registerCsv('survei', [ROW]);
		expect(
			csv.startsWith('\ufeffTanggal,E-mail responden,Pekerjaan,Tingkat kepuasan,Komentar\r\n')
		).toBe(true);
		expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
		expect(csv).toContain('Sangat puas');
	});

	it('reads its own output back to the same values, with "," or ";"', () => {
		const csv = registerCsv('survei', [ROW]);
		expect(readRegisterCsv('survei', csv, 2021)).toEqual({ ok: true, rows: [ROW] });
		const semicolons = 'Tanggal;Tingkat kepuasan;E-mail responden\n2021-01-02;PUAS;\n';
		expect(readRegisterCsv('survei', semicolons, 2021)).toEqual({
			ok: true,
			rows: [
				{ respondedOn: '2021-01-02', email: null, occupation: null, level: 'puas', comment: null }
			]
		});
	});

	it('names the row and the column of every problem', () => {
		const csv = 'Tanggal,Tingkat kepuasan\n2021-01-02,puas\n2021-13-01,senang\n';
		expect(readRegisterCsv('survei', csv, 2021)).toEqual({
			ok: false,
			errors: [
				{ row: 3, column: 'Tanggal', message: expect.stringMatching(/2021-13-01/) },
				{ row: 3, column: 'Tingkat kepuasan', message: 'Pilih tingkat kepuasan.' }
			]
		});
	});
});
