/**
 * The link check of a period: every evidence link of its cells checked (link-check.ts), the
 * results stored in `link_checks` (replacing the previous run's) and audited with the counts. The
 * matrix, the evaluator's OPD page and the operator's page read the dead ones back.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { linkTargets } from '../../validation/link-check';
import * as audit from '../audit/audit';
import type { Actor } from '../audit/audit';
import { db, type Conn } from '../db';
import {
	assessments,
	indicators,
	linkChecks,
	opds,
	periodOpds,
	type LinkCheck
} from '../db/schema';
import { checkUrls, type LinkCheckOptions } from './link-check';

export interface LinkCheckSummary {
	links: number;
	ok: number;
	dead: number;
	/** Distinct URLs fetched (a URL in several cells is fetched once). */
	urls: number;
	ms: number;
	checkedAt: Date;
}

/** Checks every evidence link of the period and stores the results. */
export async function checkPeriodLinks(
	periodId: number,
	options: LinkCheckOptions,
	actor: Actor,
	conn: Conn = db()
): Promise<LinkCheckSummary> {
	const started = Date.now();
	const cells = await conn
		.select({
			opdId: assessments.opdId,
			indicatorId: assessments.indicatorId,
			evidenceUrl: assessments.evidenceUrl,
			selfEvidenceUrl: assessments.selfEvidenceUrl
		})
		.from(assessments)
		.where(eq(assessments.periodId, periodId));
	const targets = linkTargets(cells);
	const results = await checkUrls(
		targets.map((t) => t.url),
		options
	);
	const rows = targets.map((t) => {
		const r = results.get(t.url)!;
		return {
			periodId,
			opdId: t.opdId,
			indicatorId: t.indicatorId,
			url: t.url,
			status: r.status,
			ok: r.ok,
			finalUrl: r.finalUrl,
			title: r.title,
			sha256: r.sha256,
			bytes: r.bytes,
			truncated: r.truncated,
			error: r.error,
			checkedAt: r.checkedAt
		};
	});
	const summary: LinkCheckSummary = {
		links: rows.length,
		ok: rows.filter((r) => r.ok).length,
		dead: rows.filter((r) => !r.ok).length,
		urls: results.size,
		ms: Date.now() - started,
		checkedAt: new Date()
	};
	await conn.transaction(async (tx) => {
		await tx.delete(linkChecks).where(eq(linkChecks.periodId, periodId));
		for (let i = 0; i < rows.length; i += 500)
			await tx.insert(linkChecks).values(rows.slice(i, i + 500));
		await audit.record(
			actor,
			{
				action: 'links.checked',
				entityType: 'period',
				entityId: periodId,
				periodId,
				after: { links: summary.links, ok: summary.ok, dead: summary.dead, urls: summary.urls }
			},
			tx
		);
	});
	return summary;
}

export interface StoredLinkCheck extends LinkCheck {
	opdSlug: string;
	opdName: string;
	indicatorKey: string;
	indicatorLabel: string;
}

/** The stored results of a period (optionally of one OPD, or only the dead ones), in matrix order. */
export async function linkChecksOf(
	periodId: number,
	filter: { opdId?: number; deadOnly?: boolean } = {},
	conn: Conn = db()
): Promise<StoredLinkCheck[]> {
	const conditions = [eq(linkChecks.periodId, periodId)];
	if (filter.opdId !== undefined) conditions.push(eq(linkChecks.opdId, filter.opdId));
	if (filter.deadOnly) conditions.push(eq(linkChecks.ok, false));
	const rows = await conn
		.select({
			check: linkChecks,
			opdSlug: opds.slug,
			opdName: periodOpds.displayName,
			indicatorKey: indicators.key,
			indicatorLabel: indicators.label
		})
		.from(linkChecks)
		.innerJoin(opds, eq(opds.id, linkChecks.opdId))
		.innerJoin(indicators, eq(indicators.id, linkChecks.indicatorId))
		.leftJoin(
			periodOpds,
			and(eq(periodOpds.periodId, linkChecks.periodId), eq(periodOpds.opdId, linkChecks.opdId))
		)
		.where(and(...conditions))
		.orderBy(asc(periodOpds.displayNumber), asc(indicators.sortOrder), asc(linkChecks.url));
	return rows.map((r) => ({
		...r.check,
		opdSlug: r.opdSlug,
		opdName: r.opdName ?? r.opdSlug,
		indicatorKey: r.indicatorKey,
		indicatorLabel: r.indicatorLabel
	}));
}

/** The dead links of one OPD by indicator id, for a badge per indicator. */
export async function deadLinksByIndicator(periodId: number, opdId: number, conn: Conn = db()) {
	const dead = await linkChecksOf(periodId, { opdId, deadOnly: true }, conn);
	const byIndicator: Record<
		number,
		{ url: string; status: number | null; error: string | null }[]
	> = {};
	for (const d of dead)
		(byIndicator[d.indicatorId] ??= []).push({ url: d.url, status: d.status, error: d.error });
	return byIndicator;
}

/** The last run of a period in figures (null when links were never checked), for the matrix. */
export async function lastLinkCheck(periodId: number, conn: Conn = db()) {
	const [row] = await conn
		.select({
			links: sql<number>`count(*)`,
			dead: sql<number>`coalesce(sum(case when ${linkChecks.ok} then 0 else 1 end), 0)`,
			checkedAt: sql<number | null>`max(${linkChecks.checkedAt})`
		})
		.from(linkChecks)
		.where(eq(linkChecks.periodId, periodId));
	if (!row || !row.links || row.checkedAt === null) return null;
	return { links: Number(row.links), dead: Number(row.dead), checkedAt: new Date(row.checkedAt) };
}
