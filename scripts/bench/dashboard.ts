/**
 * The signed-in leadership dashboard of a city year (`/dasbor/{year}`), requested one after
 * another: a user's view of it, first request (views not yet cached) included.
 */
import { asc, eq } from 'drizzle-orm';
import { SYSTEM_ACTORS } from '../../src/lib/server/audit/audit';
import type { DB } from '../../src/lib/server/db';
import { opds, periodOpds, periods } from '../../src/lib/server/db/schema';
import { importMatrix } from '../../src/lib/server/import/matrix';
import { syntheticYear } from './synthetic';
import { percentile, round } from './stats';

/** City years of 35 OPDs named apart from the synthetic nation's ("OPD Kota …"). */
export async function cityYears(db: DB, years: number[]): Promise<void> {
	for (const [i, year] of years.entries()) {
		const matrix = syntheticYear({ name: 'city', opds: 35, indicators: 15, years: 1 }, i);
		const outcome = await importMatrix(
			{
				year,
				matrix: {
					...matrix,
					rows: matrix.rows.map((r) => ({ ...r, name: r.name.replace('Sintetis', 'Kota') }))
				},
				actor: SYSTEM_ACTORS.cli,
				source: 'bench'
			},
			db
		);
		if (!outcome.ok) throw new Error(outcome.errors[0]?.message);
	}
}

export interface DashboardLatency {
	p50Ms: number;
	p99Ms: number;
	maxMs: number;
	requests: number;
	kb: number;
}

/** `requests` sequential GETs of `/dasbor/{year}` with a signed-in session. */
export function dashboardLatency(
	url: string,
	cookie: string,
	year: number,
	requests: number
): Promise<DashboardLatency> {
	return pageLatency(url, cookie, `/dasbor/${year}`, requests);
}

/** The first OPD of a city year (for its signed-in page `/opd/{slug}/{year}`). */
export async function cityOpdSlug(db: DB, year: number): Promise<string> {
	const [row] = await db
		.select({ slug: opds.slug })
		.from(periodOpds)
		.innerJoin(periods, eq(periods.id, periodOpds.periodId))
		.innerJoin(opds, eq(opds.id, periodOpds.opdId))
		.where(eq(periods.year, year))
		.orderBy(asc(periodOpds.displayNumber))
		.limit(1);
	if (!row) throw new Error(`no OPD in ${year}`);
	return row.slug;
}

/** `requests` sequential GETs of a signed-in page (`path`), answered 200. */
export async function pageLatency(
	url: string,
	cookie: string,
	path: string,
	requests: number
): Promise<DashboardLatency> {
	const latencies: number[] = [];
	let bytes = 0;
	// A kept-alive socket the server closed while idle (an import ran meanwhile) fails once.
	await fetch(`${url}/api/v1/health`).catch(() => undefined);
	for (let i = 0; i < requests; i++) {
		const t = performance.now();
		const res = await fetch(`${url}${path}`, { headers: { cookie: `session=${cookie}` } });
		const body = await res.arrayBuffer();
		latencies.push(performance.now() - t);
		if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
		bytes = body.byteLength;
	}
	return {
		p50Ms: round(percentile(latencies, 50)),
		p99Ms: round(percentile(latencies, 99)),
		maxMs: round(Math.max(...latencies)),
		requests,
		kb: round(bytes / 1024)
	};
}
