/**
 * Service statistics of a year's registers, as pure functions: every count adds recap rows
 * (`count` each) and entries (1 each) together. The result of `serviceStats` is the public
 * `GET /api/v1/service-stats/{year}` body: aggregates only, no applicant data.
 */
import type { RequestRecord, YearRegisters } from './types';
import {
	APPLICANT_TYPES,
	CHANNELS,
	DECISIONS,
	DISPUTE_OUTCOMES,
	LABELS,
	MONTHS,
	REFUSAL_REASONS,
	RESPONSE_BUCKETS,
	SURVEY_LEVELS,
	type ResponseBucket
} from './vocab';

/** Working days allowed (UU 14/2008 Pasal 22 ayat 7) and the extension (ayat 8). */
export const ANSWER_DAYS = 10;
export const EXTENSION_DAYS = 7;

export interface ServiceStats {
	websiteVisits: (number | null)[];
	requests: {
		total: number;
		byMonth: number[];
		byChannel: Record<(typeof CHANNELS)[number], number>;
		byApplicantType: Record<(typeof APPLICANT_TYPES)[number], number>;
		byDecision: Record<(typeof DECISIONS)[number], number>;
		refusalReasons: Record<(typeof REFUSAL_REASONS)[number], number>;
		responseDays: Record<ResponseBucket, number>;
	};
	objections: { total: number; byMonth: number[]; statedTotal: number | null };
	disputes: { total: number; byOutcome: Record<(typeof DISPUTE_OUTCOMES)[number], number> };
	survey: { responses: number; byLevel: Record<(typeof SURVEY_LEVELS)[number], number> };
}

/** A row counts `count` times (a recap row) or once (an entry, a dispute, a response). */
type Counted = object;
const weight = (r: Counted) => ('count' in r && typeof r.count === 'number' ? r.count : 1);

/** Total of the rows, recap rows by their count. */
export function total(rows: readonly Counted[]): number {
	return rows.reduce((s, r) => s + weight(r), 0);
}

/** 12 sums, January first. */
export function byMonth(rows: readonly (Counted & { month: number })[]): number[] {
	const out = Array<number>(12).fill(0);
	for (const r of rows) if (r.month >= 1 && r.month <= 12) out[r.month - 1]! += weight(r);
	return out;
}

/** Sums per value of a closed vocabulary; every value appears, in vocabulary order. */
export function countBy<R extends Counted, K extends string>(
	rows: readonly R[],
	vocabulary: readonly K[],
	key: (r: R) => K | null
): Record<K, number> {
	const out = Object.fromEntries(vocabulary.map((k) => [k, 0])) as Record<K, number>;
	for (const r of rows) {
		const k = key(r);
		if (k !== null && k in out) out[k] += weight(r);
	}
	return out;
}

/** ≤ 10 working days, 11–17 (within the extension), > 17; `unknown` when not recorded. */
export function responseBucket(workingDays: number | null): ResponseBucket {
	if (workingDays === null) return 'unknown';
	if (workingDays <= ANSWER_DAYS) return 'upTo10';
	if (workingDays <= ANSWER_DAYS + EXTENSION_DAYS) return 'from11To17';
	return 'over17';
}

/** Objections (or disputes) per request, or null for a year without requests. */
export function rate(part: number, whole: number): number | null {
	return whole > 0 ? part / whole : null;
}

/**
 * Working days from `from` (exclusive) to `to` (inclusive), ISO dates: Monday–Friday minus the
 * given public holidays (ISO dates). 0 when answered the same day; null when `to` is earlier.
 */
export function workingDaysBetween(
	from: string,
	to: string,
	holidays: ReadonlySet<string> = new Set()
): number | null {
	const start = Date.parse(`${from}T00:00:00Z`);
	const end = Date.parse(`${to}T00:00:00Z`);
	if (Number.isNaN(start) || Number.isNaN(end) || end < start) return null;
	let days = 0;
	for (let t = start + 86_400_000; t <= end; t += 86_400_000) {
		const d = new Date(t);
		const weekday = d.getUTCDay();
		if (weekday === 0 || weekday === 6) continue;
		if (holidays.has(d.toISOString().slice(0, 10))) continue;
		days++;
	}
	return days;
}

export function serviceStats(year: YearRegisters): ServiceStats {
	const requests: readonly RequestRecord[] = year.requests;
	return {
		websiteVisits: Array.from({ length: 12 }, (_, i) => year.websiteVisits[i] ?? null),
		requests: {
			total: total(requests),
			byMonth: byMonth(requests),
			byChannel: countBy(requests, CHANNELS, (r) => r.channel),
			byApplicantType: countBy(requests, APPLICANT_TYPES, (r) => r.applicantType),
			byDecision: countBy(requests, DECISIONS, (r) => r.decision),
			refusalReasons: countBy(requests, REFUSAL_REASONS, (r) =>
				r.decision === 'ditolak' ? (r.refusalReason ?? 'lainnya') : null
			),
			responseDays: countBy(requests, RESPONSE_BUCKETS, (r) => responseBucket(r.workingDays))
		},
		objections: {
			total: total(year.objections),
			byMonth: byMonth(year.objections),
			statedTotal: year.objectionsStatedTotal
		},
		disputes: {
			total: year.disputes.length,
			byOutcome: countBy(year.disputes, DISPUTE_OUTCOMES, (d) => d.outcome)
		},
		survey: {
			responses: year.survey.length,
			byLevel: countBy(year.survey, SURVEY_LEVELS, (s) => s.level)
		}
	};
}

/** The statistics as `metric,key,value` rows (the CSV beside the JSON). */
export function serviceStatsRows(stats: ServiceStats): [string, string, number | null][] {
	const rows: [string, string, number | null][] = [];
	const months = (metric: string, values: (number | null)[]) =>
		values.forEach((v, i) => rows.push([metric, String(i + 1), v]));
	const record = (metric: string, values: Record<string, number>) =>
		Object.entries(values).forEach(([k, v]) => rows.push([metric, k, v]));
	months('websiteVisits', stats.websiteVisits);
	rows.push(['requests.total', '', stats.requests.total]);
	months('requests.byMonth', stats.requests.byMonth);
	record('requests.byChannel', stats.requests.byChannel);
	record('requests.byApplicantType', stats.requests.byApplicantType);
	record('requests.byDecision', stats.requests.byDecision);
	record('requests.refusalReasons', stats.requests.refusalReasons);
	record('requests.responseDays', stats.requests.responseDays);
	rows.push(['objections.total', '', stats.objections.total]);
	months('objections.byMonth', stats.objections.byMonth);
	rows.push(['objections.statedTotal', '', stats.objections.statedTotal]);
	rows.push(['disputes.total', '', stats.disputes.total]);
	record('disputes.byOutcome', stats.disputes.byOutcome);
	rows.push(['survey.responses', '', stats.survey.responses]);
	record('survey.byLevel', stats.survey.byLevel);
	return rows;
}

/**
 * Objections per request and disputes per request (both null in a year without requests). The
 * dispute rate is per request too, so the two read on one scale; a request that went to objection
 * and on to a dispute counts in both.
 */
export function serviceRates(stats: ServiceStats): {
	objectionRate: number | null;
	disputeRate: number | null;
} {
	return {
		objectionRate: rate(stats.objections.total, stats.requests.total),
		disputeRate: rate(stats.disputes.total, stats.requests.total)
	};
}

/** One figure of this year beside the previous year's; difference null when either is missing. */
export interface YearOverYearRow {
	metric: string;
	key: string;
	current: number | null;
	previous: number | null;
	difference: number | null;
}

/**
 * Every figure of `serviceStatsRows` (and the two rates) of this year beside the previous year's,
 * in this year's order; `previous` null when that year has no register data.
 */
export function yearOverYear(
	current: ServiceStats,
	previous: ServiceStats | null
): YearOverYearRow[] {
	const withRates = (s: ServiceStats): [string, string, number | null][] => {
		const r = serviceRates(s);
		return [
			...serviceStatsRows(s),
			['rates.objectionRate', '', r.objectionRate],
			['rates.disputeRate', '', r.disputeRate]
		];
	};
	const before = new Map(
		(previous ? withRates(previous) : []).map(([m, k, v]) => [`${m}\u0000${k}`, v])
	);
	return withRates(current).map(([metric, key, value]) => {
		const old = before.get(`${metric}\u0000${key}`) ?? null;
		return {
			metric,
			key,
			current: value,
			previous: old,
			difference: value !== null && old !== null ? value - old : null
		};
	});
}

/** One chart of the statistics page with its table: a label per bar, this year and the previous. */
export interface StatSection {
	id: string;
	title: string;
	labels: string[];
	current: (number | null)[];
	previous: (number | null)[] | null;
}

/**
 * The statistics page's sections (aggregates only): requests per month, channel, applicant type,
 * decision, refusal reason and response time, objections per month, disputes per outcome and
 * website visits, each beside the previous year's when there is one.
 */
export function statSections(current: ServiceStats, previous: ServiceStats | null): StatSection[] {
	const months = MONTHS.map((m) => m);
	const keyed = <K extends string>(
		id: string,
		title: string,
		labels: Record<K, string>,
		pick: (s: ServiceStats) => Record<K, number>
	): StatSection => {
		const keys = Object.keys(pick(current)) as K[];
		return {
			id,
			title,
			labels: keys.map((k) => labels[k]),
			current: keys.map((k) => pick(current)[k]),
			previous: previous ? keys.map((k) => pick(previous)[k]) : null
		};
	};
	return [
		{
			id: 'permohonan-bulan',
			title: 'Permohonan informasi per bulan',
			labels: months,
			current: current.requests.byMonth,
			previous: previous?.requests.byMonth ?? null
		},
		keyed('sarana', 'Permohonan per sarana', LABELS.channel, (s) => s.requests.byChannel),
		keyed(
			'jenis-pemohon',
			'Permohonan per jenis pemohon',
			LABELS.applicantType,
			(s) => s.requests.byApplicantType
		),
		keyed('keputusan', 'Permohonan per keputusan', LABELS.decision, (s) => s.requests.byDecision),
		keyed(
			'alasan-penolakan',
			'Alasan penolakan',
			LABELS.refusalReason,
			(s) => s.requests.refusalReasons
		),
		keyed(
			'waktu-jawab',
			'Waktu menjawab (hari kerja, UU 14/2008 Pasal 22)',
			LABELS.responseBucket,
			(s) => s.requests.responseDays
		),
		{
			id: 'keberatan-bulan',
			title: 'Keberatan per bulan',
			labels: months,
			current: current.objections.byMonth,
			previous: previous?.objections.byMonth ?? null
		},
		keyed('sengketa', 'Sengketa per hasil', LABELS.disputeOutcome, (s) => s.disputes.byOutcome),
		{
			id: 'kunjungan',
			title: 'Kunjungan website per bulan',
			labels: months,
			current: current.websiteVisits,
			previous: previous?.websiteVisits ?? null
		}
	];
}
