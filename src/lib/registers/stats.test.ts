import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseServiceReport } from './seed-report';
import {
	byMonth,
	countBy,
	rate,
	serviceRates,
	statSections,
	yearOverYear,
	responseBucket,
	serviceStats,
	serviceStatsRows,
	total,
	workingDaysBetween
} from './stats';
import type { RequestRecord, YearRegisters } from './types';
import { CHANNELS } from './vocab';

function request(over: Partial<RequestRecord>): RequestRecord {
	return {
		kind: 'entry',
		month: 1,
		count: 1,
		receivedOn: null,
		applicantName: 'Nama Pemohon',
		applicantAddress: null,
		applicantContact: null,
		applicantType: 'perorangan',
		channel: 'online',
		information: 'x',
		opd: null,
		decision: 'diterima',
		refusalReason: null,
		refusalText: null,
		answeredOn: null,
		workingDays: null,
		note: null,
		possibleDuplicate: false,
		...over
	};
}

describe('responseBucket', () => {
	it.each([
		[0, 'upTo10'],
		[10, 'upTo10'],
		[11, 'from11To17'],
		[17, 'from11To17'],
		[18, 'over17'],
		[null, 'unknown']
	] as const)('%s working days → %s', (days, bucket) => {
		expect(responseBucket(days)).toBe(bucket);
	});
});

describe('workingDaysBetween', () => {
	it.each([
		['2021-07-29', '2021-07-29', [], 0],
		['2021-07-29', '2021-07-30', [], 1], // Thu → Fri
		['2021-07-30', '2021-08-02', [], 1], // Fri → Mon skips the weekend
		['2021-07-29', '2021-08-12', [], 10],
		['2021-08-16', '2021-08-18', ['2021-08-17'], 1], // Independence Day is a holiday
		['2021-08-02', '2021-07-30', [], null]
	] as const)('%s → %s (holidays %j) = %s', (from, to, holidays, days) => {
		expect(workingDaysBetween(from, to, new Set(holidays))).toBe(days);
	});
});

describe('counting recap rows and entries together', () => {
	const rows = [
		request({ kind: 'recap', month: 2, count: 45, channel: 'desk', applicantType: 'campuran' }),
		request({ month: 2, channel: 'online', workingDays: 12 }),
		request({ month: 12, channel: 'online', decision: 'ditolak', refusalReason: 'dikecualikan' }),
		request({ kind: 'recap', month: 4, count: 6, channel: 'desk', decision: 'ditolak' })
	];

	it.each([
		['total', total(rows), 53],
		['rate 53 objections / 84 requests', rate(53, 84), 53 / 84],
		['rate of an empty year', rate(3, 0), null]
	] as const)('%s', (_, actual, expected) => {
		expect(actual).toBe(expected);
	});

	it('sums per month, January first', () => {
		expect(byMonth(rows)).toEqual([0, 46, 0, 6, 0, 0, 0, 0, 0, 0, 0, 1]);
	});

	it('lists every vocabulary value, in order, zero when absent', () => {
		const byChannel = countBy(rows, CHANNELS, (r) => r.channel);
		expect(Object.keys(byChannel)).toEqual([...CHANNELS]);
		expect(byChannel).toEqual({ desk: 51, online: 2, email: 0, surat: 0, telepon: 0 });
	});

	it('counts refusal reasons of refused requests only, unstated ones as "lainnya"', () => {
		const year: YearRegisters = {
			websiteVisits: [],
			requests: rows,
			objections: [],
			objectionsStatedTotal: null,
			disputes: [],
			survey: []
		};
		const stats = serviceStats(year);
		expect(stats.requests.refusalReasons).toMatchObject({ dikecualikan: 1, lainnya: 6 });
		expect(stats.requests.responseDays).toEqual({
			upTo10: 0,
			from11To17: 1,
			over17: 0,
			unknown: 52
		});
		expect(stats.websiteVisits).toEqual(Array(12).fill(null));
	});
});

describe('serviceStats of the seed reports', () => {
	const of = (file: string) => {
		const r = parseServiceReport(readFileSync(file, 'utf8'));
		if (!r.ok) throw new Error(r.errors[0]!.message);
		return serviceStats(r.report);
	};

	it('2020: 84 desk requests, 53 objections stated as 51, 5 disputes', () => {
		const s = of('data/seeds/001_fa7482990baaa3fb.txt');
		expect(s.requests.total).toBe(84);
		expect(s.requests.byMonth).toEqual([1, 13, 13, 49, 0, 0, 0, 0, 5, 1, 2, 0]);
		expect(s.requests.byChannel.desk).toBe(84);
		expect(s.requests.byDecision).toEqual({
			diterima: 5,
			diterima_sebagian: 22,
			ditolak: 53,
			tidak_dijawab: 4,
			diarahkan: 0
		});
		expect(s.requests.refusalReasons).toMatchObject({
			tidak_dikuasai: 6,
			tidak_beritikad_baik: 42,
			identitas_tidak_jelas: 5
		});
		expect(s.objections).toEqual({
			total: 53,
			byMonth: [0, 10, 5, 7, 18, 12, 0, 0, 0, 1, 0, 0],
			statedTotal: 51
		});
		expect(s.disputes.total).toBe(5);
		expect(s.disputes.byOutcome).toMatchObject({ dicabut: 1, mediasi_berhasil: 4 });
		expect(s.survey.responses).toBe(0);
	});

	it('2021: 76 desk + 22 online requests, 15 objections, 1 dispute, 4 survey responses', () => {
		const s = of('data/seeds/000_98cb80431292019a.txt');
		expect(s.websiteVisits[4]).toBe(87116);
		expect(s.requests.total).toBe(98);
		expect(s.requests.byChannel).toMatchObject({ desk: 76, online: 22 });
		expect(s.requests.byMonth).toEqual([8, 46, 20, 7, 4, 0, 4, 2, 1, 2, 2, 2]);
		expect(s.requests.byApplicantType).toEqual({
			perorangan: 24,
			badan_hukum: 0,
			kelompok: 6,
			campuran: 68
		});
		expect(s.objections).toMatchObject({ total: 15, statedTotal: 15 });
		expect(s.disputes).toMatchObject({ total: 1, byOutcome: { putusan_dikabulkan: 1 } });
		expect(s.survey).toEqual({
			responses: 4,
			byLevel: { sangat_puas: 0, puas: 4, cukup_puas: 0, kurang_puas: 0, tidak_puas: 0 }
		});
	});

	it('flattens to metric,key,value rows without any applicant data', () => {
		const rows = serviceStatsRows(of('data/seeds/000_98cb80431292019a.txt'));
		expect(rows).toContainEqual(['requests.total', '', 98]);
		expect(rows).toContainEqual(['websiteVisits', '12', 92812]);
		expect(rows).toContainEqual(['objections.statedTotal', '', 15]);
		expect(JSON.stringify(rows)).not.toMatch(/Robani|@gmail/);
	});
});

describe('rates and year over year of the seed reports', () => {
	const of = (file: string) => {
		const r = parseServiceReport(readFileSync(file, 'utf8'));
		if (!r.ok) throw new Error(r.errors[0]!.message);
		return serviceStats(r.report);
	};
	const y2020 = of('data/seeds/001_fa7482990baaa3fb.txt');
	const y2021 = of('data/seeds/000_98cb80431292019a.txt');

	it.each([
		['2020', y2020, 53 / 84, 5 / 84],
		['2021', y2021, 15 / 98, 1 / 98]
	])('%s: objections and disputes per request', (_, stats, objectionRate, disputeRate) => {
		expect(serviceRates(stats)).toEqual({ objectionRate, disputeRate });
	});

	it('an empty year has no rates', () => {
		const empty = serviceStats({
			websiteVisits: [],
			requests: [],
			objections: [],
			objectionsStatedTotal: null,
			disputes: [],
			survey: []
		});
		expect(serviceRates(empty)).toEqual({ objectionRate: null, disputeRate: null });
	});

	const yoy = yearOverYear(y2021, y2020);
	const row = (metric: string, key = '') => yoy.find((r) => r.metric === metric && r.key === key);

	it.each([
		['requests.total', '', 98, 84, 14],
		['requests.byMonth', '4', 7, 49, -42],
		['requests.byChannel', 'desk', 76, 84, -8],
		['requests.byChannel', 'online', 22, 0, 22],
		['requests.byApplicantType', 'campuran', 68, 0, 68],
		['requests.byApplicantType', 'kelompok', 6, 75, -69],
		['requests.byDecision', 'ditolak', 0, 53, -53],
		['requests.byDecision', 'diarahkan', 21, 0, 21],
		['requests.refusalReasons', 'tidak_beritikad_baik', 0, 42, -42],
		['requests.responseDays', 'unknown', 98, 84, 14],
		['objections.total', '', 15, 53, -38],
		['objections.statedTotal', '', 15, 51, -36],
		['disputes.total', '', 1, 5, -4],
		['survey.responses', '', 4, 0, 4],
		['rates.objectionRate', '', 15 / 98, 53 / 84, 15 / 98 - 53 / 84]
	] as const)('2021 vs 2020: %s %s', (metric, key, current, previous, difference) => {
		expect(row(metric, key)).toEqual({ metric, key, current, previous, difference });
	});

	it('without a previous year every previous and difference is null', () => {
		const rows = yearOverYear(y2020, null);
		expect(rows.length).toBe(yoy.length);
		expect(rows.every((r) => r.previous === null && r.difference === null)).toBe(true);
	});
});

describe('statSections of the statistics page', () => {
	const of = (file: string) => {
		const r = parseServiceReport(readFileSync(file, 'utf8'));
		if (!r.ok) throw new Error(r.errors[0]!.message);
		return serviceStats(r.report);
	};
	const sections = statSections(
		of('data/seeds/000_98cb80431292019a.txt'),
		of('data/seeds/001_fa7482990baaa3fb.txt')
	);
	const section = (id: string) => sections.find((s) => s.id === id)!;

	it.each([
		['permohonan-bulan', 'Maret', 20, 13],
		['sarana', 'Online (SIP-PPID)', 22, 0],
		['keputusan', 'Ditolak', 0, 53],
		['keberatan-bulan', 'Mei', 2, 18],
		['sengketa', 'Dicabut pemohon', 0, 1]
	])('%s: %s is %i in 2021 and %i in 2020', (id, label, current, previous) => {
		const s = section(id);
		const i = s.labels.indexOf(label);
		expect(i, s.labels.join(', ')).toBeGreaterThanOrEqual(0);
		expect([s.current[i], s.previous?.[i]]).toEqual([current, previous]);
	});

	it('has one value per label, and no previous year when none is given', () => {
		for (const s of sections) expect(s.current).toHaveLength(s.labels.length);
		expect(
			statSections(of('data/seeds/001_fa7482990baaa3fb.txt'), null).every(
				(s) => s.previous === null
			)
		).toBe(true);
	});
});
