import { isActionFailure, type RequestEvent } from '@sveltejs/kit';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SYSTEM_ACTORS } from '../../src/lib/server/audit/audit';
import type { SessionUser } from '../../src/lib/server/auth/types';
import { useDb, type DB } from '../../src/lib/server/db';
import { auditEvents } from '../../src/lib/server/db/schema';
import { getByYear, roster } from '../../src/lib/server/periods/periods';
import { saveAwardGroups } from '../../src/lib/server/periods/award-groups';
import {
	publishedCsv,
	publishedFile,
	publishedReport
} from '../../src/lib/server/results/open-data';
import { computeView } from '../../src/lib/server/results/results';
import { transition } from '../../src/lib/server/workflow/lifecycle';
import { setOpdNotRated } from '../../src/lib/server/workflow/readiness';
import Papa from 'papaparse';
import { RESULT_CSV_COLUMNS, type ResultRow } from '../../src/lib/results-table';
import type { AwardGroupResult } from '../../src/lib/scoring/award-groups';
import type { AwardPosition } from '../../src/lib/scoring/types';
import { runMonev } from './helpers/cli';
import { createDraft2022Db, sessionUser } from './helpers/workflow';

/**
 * Awards per OPD kind: the admin sets the grouping on the rubric page, the period is published,
 * and results.json, results.csv and the printed report carry the groups. The seeded years, which
 * have no grouping, publish exactly what they published before.
 */
let current: RequestEvent | undefined;
vi.mock('$app/server', () => ({
	getRequestEvent: () => {
		if (!current) throw new Error('no request in progress');
		return current;
	}
}));

const rubricPage =
	(await import('../../src/routes/admin/periode/[year=year]/+page.server')) as unknown as {
		actions: Record<string, (e: RequestEvent) => unknown>;
	};

let db: DB;
let url: string;
let cleanup: () => Promise<void>;
let admin: SessionUser;
let periodId: number;
let leftOut: { slug: string; kind: string };

async function post(user: SessionUser, fields: Record<string, string>): Promise<unknown> {
	const url = new URL('http://localhost/admin/periode/2022?/awardGroups');
	const body = new FormData();
	for (const [k, v] of Object.entries(fields)) body.set(k, v);
	current = {
		url,
		params: { year: '2022' },
		request: new Request(url, { method: 'POST', body }),
		locals: { user, sessionId: null },
		cookies: { set: () => {}, get: () => undefined, delete: () => {} },
		getClientAddress: () => '127.0.0.1'
	} as unknown as RequestEvent;
	try {
		return await rubricPage.actions.awardGroups!(current);
	} catch (e) {
		return e;
	}
}

const PER_KIND = {
	mode: 'kelompok',
	label_dinas: 'Dinas',
	label_badan: 'Badan',
	label_kecamatan: 'Kecamatan',
	label_sekretariat: 'Sekretariat dan lainnya',
	label_lainnya: 'Sekretariat dan lainnya',
	best: '3',
	runnersUp: '3'
};

interface ResultsJson {
	results: ResultRow[];
	awards: AwardPosition[];
	awardGroups: AwardGroupResult[];
	notRated: { slug: string }[];
	officialAwards: { title: string; points: number | null; opd: string }[];
}

async function resultsJson(year: number): Promise<ResultsJson> {
	return JSON.parse((await publishedFile(year, 'results.json', db))!.body) as ResultsJson;
}

beforeAll(async () => {
	({ db, url, cleanup, periodId } = await createDraft2022Db());
	useDb(db);
	admin = await sessionUser(db, 'demo-admin');
	// 2022 gets 2021's cells, so it ranks as 2021 did.
	await db.run(sql`
		INSERT INTO assessments (period_id, opd_id, indicator_id, value, not_applicable)
		SELECT ${periodId}, a.opd_id, n.id, a.value, a.not_applicable
		FROM assessments a
		JOIN indicators o ON o.id = a.indicator_id
		JOIN periods p ON p.id = a.period_id AND p.year = 2021
		JOIN indicators n ON n.period_id = ${periodId} AND n.key = o.key
		JOIN period_opds r ON r.period_id = ${periodId} AND r.opd_id = a.opd_id`);
});
afterAll(async () => {
	current = undefined;
	await cleanup();
});

describe('a seeded year without a grouping', () => {
	it('publishes the ranking, podium and CSV of before, with one group equal to the podium', async () => {
		const json = await resultsJson(2021);
		expect(json.results.every((r) => !('group' in r))).toBe(true);
		expect(json.awardGroups).toHaveLength(1);
		expect(json.awardGroups[0]).toMatchObject({ key: 'semua', label: 'Semua OPD' });
		expect(json.awardGroups[0]!.awards).toEqual(json.awards);
		const csv = (await publishedCsv(2021, 'results.csv', db))!.body;
		expect(csv.slice(1, csv.indexOf('\n')).trimEnd()).toBe(RESULT_CSV_COLUMNS.join(','));
		// The ranking as live scoring gives it today: the published one has not moved.
		const live = await computeView((await getByYear(2021, db))!, db);
		expect(json.results.map((r) => [r.slug, r.rank, r.percent, r.tier])).toEqual(
			live.result.opds.map((o) => [o.opd, o.rank, o.displayTotal, o.tier])
		);
		expect(json.awards).toEqual(live.result.awards);
	});

	it('keeps the official 2021 podium 250 / 219 / 102', async () => {
		const json = await resultsJson(2021);
		expect(json.officialAwards.slice(0, 3).map((a) => a.points)).toEqual([250, 219, 102]);
	});
});

describe('award groups per OPD kind', () => {
	it('refuses a grouping that leaves a kind without a group, writing nothing', async () => {
		const audits = (await db.select().from(auditEvents)).length;
		const outcome = await post(admin, { ...PER_KIND, label_badan: ' ' });
		expect(isActionFailure(outcome) && outcome.status).toBe(400);
		expect(isActionFailure(outcome) && outcome.data).toMatchObject({
			action: 'awardGroups',
			errors: { label_badan: expect.stringContaining('nama kelompok') }
		});
		expect((await db.select().from(auditEvents)).length).toBe(audits);
	});

	it('refuses a non-admin', async () => {
		const evaluator = await sessionUser(db, 'demo-evaluator');
		const outcome = (await post(evaluator, PER_KIND)) as { status?: number };
		expect(outcome.status).toBe(403);
	});

	it('saves the grouping from the form, audited; saving it again changes nothing', async () => {
		expect(await post(admin, PER_KIND)).toEqual({ awardGroupsSaved: true });
		expect(await post(admin, PER_KIND)).toEqual({ awardGroupsSaved: false });
		const period = (await getByYear(2022, db))!;
		expect(period.rubricConfig.awardGroups).toMatchObject({
			best: 3,
			runnersUp: 3,
			groups: [
				{ key: 'dinas', kinds: ['dinas'] },
				{ key: 'badan', kinds: ['badan'] },
				{ key: 'kecamatan', kinds: ['kecamatan'] },
				{ key: 'sekretariat-dan-lainnya', kinds: ['sekretariat', 'lainnya'] }
			]
		});
		const events = await db.select().from(auditEvents);
		expect(events.filter((e) => e.action === 'awards.groups')).toHaveLength(1);
	});

	it('publishes per-kind groups in results.json, results.csv and the printed report', async () => {
		const entries = await roster(periodId, db);
		const kecamatan = entries.filter((e) => e.kind === 'kecamatan');
		expect(kecamatan.length).toBeGreaterThan(1);
		leftOut = { slug: kecamatan[0]!.slug, kind: 'kecamatan' };
		const mover = { actor: SYSTEM_ACTORS.cli, role: 'admin' as const };
		for (const s of ['open', 'evaluation'] as const) await transition(periodId, s, mover, '', db);
		await setOpdNotRated(periodId, leftOut.slug, 'Tidak berpartisipasi', mover.actor, db);
		for (const s of ['final', 'published'] as const) await transition(periodId, s, mover, '', db);

		const json = await resultsJson(2022);
		expect(json.awardGroups.map((g) => g.label)).toEqual([
			'Dinas',
			'Badan',
			'Kecamatan',
			'Sekretariat dan lainnya'
		]);
		const kindOf = new Map(entries.map((e) => [e.slug, e.kind]));
		for (const group of json.awardGroups) {
			// Every OPD ranked in its kind's group, in the period's order, ranks from 1.
			const members = json.results.filter((r) => group.kinds.includes(kindOf.get(r.slug)!));
			expect(group.ranking.map((p) => p.opd)).toEqual(members.map((r) => r.slug));
			expect(group.ranking[0]?.rank).toBe(1);
			expect(group.tiers).toEqual([
				'Terbaik I',
				'Terbaik II',
				'Terbaik III',
				'Harapan I',
				'Harapan II',
				'Harapan III'
			]);
			for (const r of members) expect(r.group).toBe(group.label);
		}
		const kec = json.awardGroups.find((g) => g.key === 'kecamatan')!;
		expect(kec.notRated).toEqual([leftOut.slug]);
		expect(kec.ranking.some((p) => p.opd === leftOut.slug)).toBe(false);
		expect(json.results.some((r) => r.slug === leftOut.slug)).toBe(false);
		// The overall ranking and podium are still there, as before.
		expect(json.awards.map((a) => a.tier)).toEqual(['Terbaik I', 'Terbaik II', 'Terbaik III']);

		const csv = (await publishedCsv(2022, 'results.csv', db))!.body;
		const table = Papa.parse<string[]>(csv.slice(1).trimEnd()).data;
		expect(table[0]).toEqual([...RESULT_CSV_COLUMNS, 'group', 'groupRank', 'groupAward']);
		const bySlug = new Map(json.results.map((r) => [r.slug, r]));
		for (const line of table.slice(1)) {
			const row = bySlug.get(line[3]!)!;
			expect(line.slice(-3)).toEqual([row.group, String(row.groupRank), row.groupAward ?? '']);
		}
		const awarded = table.slice(1).filter((l) => l.at(-1) === 'Terbaik I');
		expect(awarded.length).toBe(json.awardGroups.filter((g) => g.awards[0]?.settled).length);

		const report = (await publishedReport(2022, db))!;
		expect(report.awardGroups.map((g) => g.label)).toEqual(json.awardGroups.map((g) => g.label));
		expect(report.awardGroups.find((g) => g.key === 'kecamatan')!.notRated).toHaveLength(1);
	});

	it('`monev results --format csv` prints the published grouped CSV byte for byte', async () => {
		const cli = runMonev(url, 'results', '--year', '2022', '--format', 'csv');
		expect(cli.status, cli.stderr).toBe(0);
		expect(cli.stdout).toBe((await publishedCsv(2022, 'results.csv', db))!.body);
	}, 60_000);

	it('is frozen once the period is final', async () => {
		await expect(saveAwardGroups(periodId, null, SYSTEM_ACTORS.cli, db)).rejects.toThrow(
			/tidak dapat diubah/
		);
		const outcome = await post(admin, { mode: 'satu' });
		expect(isActionFailure(outcome) && outcome.status).toBe(409);
	});
});
