import Papa from 'papaparse';
import { isHttpError, type RequestEvent } from '@sveltejs/kit';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useDb, type DB } from '../../src/lib/server/db';
import {
	auditEvents,
	serviceDisputes,
	serviceObjections,
	serviceRequests,
	serviceStatedTotals,
	surveyResponses,
	websiteVisits
} from '../../src/lib/server/db/schema';
import { request } from './helpers/request';
import { createTestDb } from './helpers/test-db';

const json = await import('../../src/routes/api/v1/service-stats/[year=year]/+server');
const csv = await import('../../src/routes/api/v1/service-stats/[year=year].csv/+server');

let db: DB;
let cleanup: () => Promise<void>;

// One seeded database for the file: the seed is read-only here.
beforeAll(async () => {
	({ db, cleanup } = await createTestDb('demo'));
	useDb(db);
});
afterAll(() => cleanup());

const event = (year: string, headers: Record<string, string> = {}) =>
	request(`/api/v1/service-stats/${year}`, {
		origin: 'http://monev.test',
		params: { year },
		headers
	}) as RequestEvent<{ year: string }, never>;

async function status(run: () => Response | Promise<Response>): Promise<number> {
	try {
		return (await run()).status;
	} catch (e) {
		if (isHttpError(e)) return e.status;
		throw e;
	}
}

describe('the demo seed loads Bagian III–V of both reports', () => {
	it.each([
		[2020, 12, 12, 6, 5, 0],
		[2021, 12, 28, 6, 1, 4]
	] as const)(
		'%i: %i visit months, %i request rows, %i objection rows, %i disputes, %i survey responses',
		async (year, nVisits, nRequests, nObjections, nDisputes, nSurvey) => {
			const n = async (
				table:
					| typeof websiteVisits
					| typeof serviceRequests
					| typeof serviceObjections
					| typeof serviceDisputes
					| typeof surveyResponses
			) => {
				const [row] = await db.select({ n: count() }).from(table).where(eq(table.year, year));
				return row!.n;
			};
			expect(await n(websiteVisits)).toBe(nVisits);
			expect(await n(serviceRequests)).toBe(nRequests);
			expect(await n(serviceObjections)).toBe(nObjections);
			expect(await n(serviceDisputes)).toBe(nDisputes);
			expect(await n(surveyResponses)).toBe(nSurvey);
		}
	);

	it('keeps the duplicate flag, the stated 51 beside the 53 rows, and audits the load', async () => {
		const flagged = await db
			.select({ name: serviceRequests.applicantName, on: serviceRequests.receivedOn })
			.from(serviceRequests)
			.where(eq(serviceRequests.possibleDuplicate, true));
		expect(flagged).toEqual([{ name: 'Robani', on: '2021-07-08' }]);
		const [stated] = await db
			.select()
			.from(serviceStatedTotals)
			.where(eq(serviceStatedTotals.year, 2020));
		expect(stated).toMatchObject({ objections: 51, objectionsToDispute: 5, disputes: 5 });
		expect(stated!.source).toMatch(/2020, bagian III–V/);
		const loads = await db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, 'registers.loadReport'));
		expect(loads.map((l) => l.entityId).sort()).toEqual(['2020', '2021']);
	});
});

describe('GET /api/v1/service-stats/{year}', () => {
	it('answers with exactly the names of the issue (§6) and the seed figures', async () => {
		const res = await json.GET(event('2021'));
		expect(res.headers.get('content-type')).toMatch(/application\/json/);
		const body = await res.json();
		expect(Object.keys(body)).toEqual([
			'websiteVisits',
			'requests',
			'objections',
			'disputes',
			'survey'
		]);
		expect(Object.keys(body.requests)).toEqual([
			'total',
			'byMonth',
			'byChannel',
			'byApplicantType',
			'byDecision',
			'refusalReasons',
			'responseDays'
		]);
		expect(Object.keys(body.objections)).toEqual(['total', 'byMonth', 'statedTotal']);
		expect(Object.keys(body.disputes)).toEqual(['total', 'byOutcome']);
		expect(Object.keys(body.survey)).toEqual(['responses', 'byLevel']);
		expect(body.websiteVisits).toHaveLength(12);
		expect(body.websiteVisits[0]).toBe(37305);
		expect(body.requests.total).toBe(98);
		expect(body.requests.byMonth).toHaveLength(12);
		expect(body.requests.byChannel).toMatchObject({ desk: 76, online: 22 });
		expect(body.survey.responses).toBe(4);
	});

	it('2020 shows both objection numbers: 53 counted, 51 stated', async () => {
		const body = await (await json.GET(event('2020'))).json();
		expect(body.objections.total).toBe(53);
		expect(body.objections.statedTotal).toBe(51);
		expect(body.disputes.total).toBe(5);
		expect(body.requests.total).toBe(84);
	});

	it('answers 304 to a matching If-None-Match, and 404 for a year without registers', async () => {
		const first = await json.GET(event('2021'));
		const etag = first.headers.get('etag')!;
		expect(etag).toMatch(/^".+"$/);
		const again = await json.GET(event('2021', { 'if-none-match': etag }));
		expect(again.status).toBe(304);
		expect(await status(() => json.GET(event('2019')))).toBe(404);
		expect(await status(() => csv.GET(event('2019')))).toBe(404);
	});

	it('serves the same figures as metric,key,value CSV beside it', async () => {
		const res = await csv.GET(event('2020'));
		expect(res.headers.get('content-type')).toMatch(/text\/csv/);
		expect(res.headers.get('etag')).toMatch(/^".+"$/);
		const text = (await res.text()).replace(/^\ufeff/, '');
		const rows = Papa.parse<string[]>(text.trim()).data;
		expect(rows[0]).toEqual(['metric', 'key', 'value']);
		expect(rows).toContainEqual(['objections.total', '', '53']);
		expect(rows).toContainEqual(['objections.statedTotal', '', '51']);
		expect(rows).toContainEqual(['requests.refusalReasons', 'tidak_beritikad_baik', '42']);
		expect(rows).toContainEqual(['websiteVisits', '10', '9291']);
	});
});
