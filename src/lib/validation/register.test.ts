import { describe, expect, it } from 'vitest';
import { readRegisterForm, readVisits } from './register';

const ENTRY = {
	receivedOn: '2021-08-02',
	applicantName: 'Siti',
	applicantType: 'perorangan',
	channel: 'email',
	information: 'Laporan keuangan',
	decision: 'diterima'
};

describe('readRegisterForm', () => {
	it('fills kind, month, count and working days of an entry; blanks are null', () => {
		const read = readRegisterForm('permohonan', { ...ENTRY, answeredOn: '2021-08-16' }, 2021);
		expect(read).toEqual({
			ok: true,
			value: expect.objectContaining({
				kind: 'entry',
				month: 8,
				count: 1,
				workingDays: 10,
				opd: null,
				cost: null,
				extended: false
			})
		});
	});

	it.each([
		[
			'permohonan',
			{ ...ENTRY, decision: 'ditolak', refusalReason: 'dikecualikan' },
			'exemptionGround',
			/dasar pengecualiannya/
		],
		['permohonan', { ...ENTRY, cost: '1,5' }, 'cost', /angka Rupiah/],
		['permohonan', { ...ENTRY, extended: 'mungkin' }, 'extended', /"ya" atau "tidak"/],
		['rekap-permohonan', { ...ENTRY, month: '13', count: '2' }, 'month', /Pilih bulan/],
		['rekap-permohonan', { ...ENTRY, month: '2', count: '0' }, 'count', /1 atau lebih/],
		[
			'keberatan',
			{
				receivedOn: '2021-01-04',
				applicantName: 'A',
				applicantType: 'perorangan',
				reasonText: 'x',
				reason: 'h'
			},
			'reason',
			/huruf a–g/
		],
		[
			'sengketa',
			{ applicantType: 'perorangan', reason: 'x', outcome: 'menang' },
			'outcome',
			/Pilih hasil/
		],
		[
			'survei',
			{ respondedOn: '2020-05-01', level: 'puas' },
			'respondedOn',
			/di luar tahun register 2021/
		]
	] as const)('%s %j: refused on %s', (slug, values, field, message) => {
		const read = readRegisterForm(slug, { ...values }, 2021);
		expect(read.ok).toBe(false);
		if (!read.ok) expect(read.errors[field]).toMatch(message);
	});

	it('reads a recap row and a flag written "ya"', () => {
		const read = readRegisterForm(
			'rekap-keberatan',
			{ month: '6', count: '3', applicantType: 'campuran', reasonText: 'Rekap', toDispute: 'Ya' },
			2021
		);
		expect(read).toEqual({
			ok: true,
			value: {
				kind: 'recap',
				month: 6,
				count: 3,
				applicantType: 'campuran',
				reason: null,
				reasonText: 'Rekap',
				answer: null,
				toDispute: true
			}
		});
	});
});

describe('readVisits', () => {
	it('reads 12 months, blanks as null, "1.200" as 1200', () => {
		expect(readVisits({ m1: '1.200', m2: '', m12: '0' })).toEqual({
			ok: true,
			value: [1200, null, null, null, null, null, null, null, null, null, null, 0]
		});
		const bad = readVisits({ m5: '12a' });
		expect(bad.ok).toBe(false);
		if (!bad.ok) expect(bad.errors.m5).toMatch(/Mei/);
	});
});
