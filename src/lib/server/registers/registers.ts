/**
 * The PPID's service registers per year: loading a parsed annual report, reading a year back as
 * `YearRegisters`, and the public statistics (aggregates only) with their ETags.
 */
import { eq } from 'drizzle-orm';
import { db, type Conn } from '../db';
import {
	serviceDisputes,
	serviceObjections,
	serviceRequests,
	serviceStatedTotals,
	surveyResponses,
	websiteVisits
} from '../db/schema';
import { record, type Actor } from '../audit/audit';
import { writeCsv } from '../../import/csv-cells';
import { parseServiceReport, type ParsedServiceReport } from '../../registers/seed-report';
import { serviceStats, serviceStatsRows, type ServiceStats } from '../../registers/stats';
import type { YearRegisters } from '../../registers/types';
import { etagOf } from '../results/published-files';

/** Inserts a parsed report's Bagian III–V as the registers of its year, citing `source`. */
export async function loadServiceReport(
	report: ParsedServiceReport,
	source: string,
	actor: Actor,
	conn: Conn = db()
): Promise<void> {
	const { year } = report;
	await conn.transaction(async (tx) => {
		await tx
			.insert(websiteVisits)
			.values(
				report.websiteVisits.flatMap((v, i) =>
					v === null ? [] : [{ year, month: i + 1, visits: v, source }]
				)
			);
		if (report.requests.length > 0)
			await tx.insert(serviceRequests).values(report.requests.map((r) => ({ ...r, year, source })));
		if (report.objections.length > 0)
			await tx
				.insert(serviceObjections)
				.values(report.objections.map((o) => ({ ...o, year, source })));
		if (report.disputes.length > 0)
			await tx.insert(serviceDisputes).values(report.disputes.map((d) => ({ ...d, year, source })));
		if (report.survey.length > 0)
			await tx.insert(surveyResponses).values(report.survey.map((s) => ({ ...s, year, source })));
		if (
			report.objectionsStatedTotal !== null ||
			report.objectionsStatedToDispute !== null ||
			report.disputesStatedTotal !== null
		)
			await tx.insert(serviceStatedTotals).values({
				year,
				objections: report.objectionsStatedTotal,
				objectionsToDispute: report.objectionsStatedToDispute,
				disputes: report.disputesStatedTotal,
				source
			});
		await record(
			actor,
			{
				action: 'registers.loadReport',
				entityType: 'service_registers',
				entityId: year,
				after: {
					source,
					requests: report.requests.length,
					objections: report.objections.length,
					disputes: report.disputes.length,
					survey: report.survey.length,
					notes: report.notes.map((n) => `baris ${n.line}: ${n.message}`)
				}
			},
			tx
		);
	});
}

/** Parses a report text and loads it for `year`; throws a readable error naming the line. */
export async function loadServiceReportText(
	text: string,
	year: number,
	source: string,
	actor: Actor,
	conn: Conn = db()
): Promise<ParsedServiceReport> {
	const parsed = parseServiceReport(text);
	if (!parsed.ok) {
		const first = parsed.errors[0]!;
		throw new Error(`${source}: baris ${first.line}: ${first.message}`);
	}
	if (parsed.report.year !== year)
		throw new Error(`${source}: laporan tahun ${parsed.report.year}, bukan ${year}`);
	await loadServiceReport(parsed.report, source, actor, conn);
	return parsed.report;
}

/** A year's registers, or null when no register of that year holds anything. */
export async function yearRegisters(
	year: number,
	conn: Conn = db()
): Promise<YearRegisters | null> {
	const [visits, requests, objections, disputes, survey, stated] = await Promise.all([
		conn.select().from(websiteVisits).where(eq(websiteVisits.year, year)),
		conn
			.select()
			.from(serviceRequests)
			.where(eq(serviceRequests.year, year))
			.orderBy(serviceRequests.id),
		conn
			.select()
			.from(serviceObjections)
			.where(eq(serviceObjections.year, year))
			.orderBy(serviceObjections.id),
		conn
			.select()
			.from(serviceDisputes)
			.where(eq(serviceDisputes.year, year))
			.orderBy(serviceDisputes.id),
		conn
			.select()
			.from(surveyResponses)
			.where(eq(surveyResponses.year, year))
			.orderBy(surveyResponses.id),
		conn.select().from(serviceStatedTotals).where(eq(serviceStatedTotals.year, year))
	]);
	if (
		visits.length + requests.length + objections.length + disputes.length + survey.length === 0 &&
		stated.length === 0
	)
		return null;
	const byMonth = Array<number | null>(12).fill(null);
	for (const v of visits) byMonth[v.month - 1] = v.visits;
	return {
		websiteVisits: byMonth,
		requests,
		objections,
		objectionsStatedTotal: stated[0]?.objections ?? null,
		disputes,
		survey
	};
}

export interface StatsRepresentation {
	stats: ServiceStats;
	json: { body: string; etag: string };
	csv: { body: string; etag: string };
}

/**
 * The public service statistics of a year: aggregates only (counts per month, channel, type,
 * decision…), never a name, address or e-mail. Null for a year without register data.
 */
export async function publishedServiceStats(
	year: number,
	conn: Conn = db()
): Promise<StatsRepresentation | null> {
	const registers = await yearRegisters(year, conn);
	if (!registers) return null;
	const stats = serviceStats(registers);
	const json = JSON.stringify(stats);
	const csv = writeCsv(['metric', 'key', 'value'], serviceStatsRows(stats), { bom: true });
	return { stats, json: { body: json, etag: etagOf(json) }, csv: { body: csv, etag: etagOf(csv) } };
}
