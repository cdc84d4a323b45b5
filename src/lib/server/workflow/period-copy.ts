import { and, asc, eq, isNull } from 'drizzle-orm';
import { labelForYear } from '../../import';
import * as audit from '../audit/audit';
import type { Actor } from '../audit/audit';
import { db, type Conn } from '../db';
import { indicators, opds, periodOpds, periods } from '../db/schema';
import { getByYear } from '../periods/periods';
import { WorkflowError } from './error';

/**
 * Creates the period of `toYear` as a draft copy of `fromYear`: the same rubric structure (tie
 * decisions cleared: they belong to last year's ties), the indicators with their keys (labels
 * that name the year follow it: "Renja 2021" → "Renja 2022") and the roster minus retired or
 * merged OPDs. No cells are copied. One transaction with its audit record.
 */
export async function copyPeriod(
	fromYear: number,
	toYear: number,
	actor: Actor,
	conn: Conn = db()
): Promise<{ periodId: number }> {
	if (!Number.isInteger(toYear) || toYear < 2000 || toYear > 2100)
		throw new WorkflowError(400, 'Tahun harus bilangan bulat antara 2000 dan 2100.');
	return conn.transaction(async (tx) => {
		const source = await getByYear(fromYear, tx);
		if (!source) throw new WorkflowError(404, `Periode ${fromYear} tidak ditemukan.`);
		if (await getByYear(toYear, tx)) throw new WorkflowError(409, `Periode ${toYear} sudah ada.`);
		const config = source.rubricConfig;
		const [created] = await tx
			.insert(periods)
			.values({
				year: toYear,
				title: labelForYear(source.title, fromYear, toYear),
				status: 'draft',
				rubricConfig: { ...config, tieBreak: { ...config.tieBreak, decisions: [] } },
				// Where the rubric came from is the team's business (the audit keeps `copiedFrom`);
				// `source` names the data's source, which the public results page shows.
				source: null
			})
			.returning({ id: periods.id });
		if (!created) throw new Error('period insert returned nothing');
		const rows = await tx
			.select()
			.from(indicators)
			.where(eq(indicators.periodId, source.id))
			.orderBy(asc(indicators.sortOrder));
		if (rows.length) {
			await tx.insert(indicators).values(
				rows.map(({ id: _id, periodId: _p, ...row }) => ({
					...row,
					periodId: created.id,
					label: labelForYear(row.label, fromYear, toYear)
				}))
			);
		}
		const entries = await tx
			.select({ opdId: periodOpds.opdId, displayNumber: periodOpds.displayNumber, name: opds.name })
			.from(periodOpds)
			.innerJoin(opds, eq(opds.id, periodOpds.opdId))
			.where(
				and(eq(periodOpds.periodId, source.id), isNull(opds.retiredAt), isNull(opds.mergedIntoId))
			)
			.orderBy(asc(periodOpds.displayNumber));
		if (entries.length) {
			// The current master name: last year's printed spelling is last year's.
			await tx.insert(periodOpds).values(
				entries.map((e, i) => ({
					periodId: created.id,
					opdId: e.opdId,
					displayNumber: i + 1,
					displayName: e.name
				}))
			);
		}
		await audit.record(
			actor,
			{
				action: 'period.create',
				entityType: 'period',
				entityId: toYear,
				periodId: created.id,
				after: { copiedFrom: fromYear, indicators: rows.length, opds: entries.length }
			},
			tx
		);
		return { periodId: created.id };
	});
}
