import { isActionFailure } from '@sveltejs/kit';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth/types';
import { useDb, type DB } from '../../src/lib/server/db';
import { auditEvents } from '../../src/lib/server/db/schema';
import { getByYear, roster } from '../../src/lib/server/periods/periods';
import { publishedFile, publishedReport } from '../../src/lib/server/results/open-data';
import { transition } from '../../src/lib/server/workflow/lifecycle';
import { participationBoard } from '../../src/lib/server/workflow/participation';
import { markUnassessedAbsent } from '../../src/lib/server/workflow/readiness';
import { describeAuditEvent } from '../../src/lib/workflow/audit-text';
import type { AwardGroupResult } from '../../src/lib/scoring/award-groups';
import type { ResultRow } from '../../src/lib/results-table';
import type { AwardPosition } from '../../src/lib/scoring/types';
import { request, run } from './helpers/request';
import { createDraft2022Db, sessionUser } from './helpers/workflow';

/**
 * The two ways the team leaves an OPD out (issue 13 §7): one OPD "tidak dinilai" (with a reason),
 * one "tidak berpartisipasi" (without), marked through the matrix form of 2022, which is then
 * published. Both are out of the ranking and the awards, each listed apart under its own heading
 * in results.json, the results page, the printed report and the award groups; the participation
 * board shows the second as its own state, and both with their reason (board and CSV). The seeded 2021 is unchanged.
 */
vi.mock('$app/server', () => import('./helpers/request'));
type Handler = (event: unknown) => unknown;
const matrix = (await import('../../src/routes/penilaian/[year=year]/+page.server')) as unknown as {
	actions: Record<string, Handler>;
};
const board = (await import('../../src/routes/penilaian/[year=year]/partisipasi/+page.server')) as {
	load: Handler;
};
const csv =
	(await import('../../src/routes/api/v1/periods/[year=year]/participation.csv/+server')) as {
		GET: Handler;
	};
const resultsPage = (await import('../../src/routes/(public)/hasil/[year=year]/+page.server')) as {
	load: Handler;
};

interface ResultsJson {
	results: ResultRow[];
	awards: AwardPosition[];
	awardGroups: AwardGroupResult[];
	notRated: { slug: string; name: string; reason: string; kind?: string }[];
}

let db: DB;
let cleanup: () => Promise<void>;
let admin: SessionUser;
let periodId: number;
let excluded: string;
let absent: string;
let before2021: string;
const REASON = 'Situs OPD tidak dapat diakses selama masa penilaian';

const mark = (form: Record<string, string>) =>
	run(
		matrix.actions.notRated,
		request('/penilaian/2022?/notRated', { user: admin, form, params: { year: '2022' } })
	);

async function resultsJson(year: number): Promise<ResultsJson> {
	return JSON.parse((await publishedFile(year, 'results.json', db))!.body) as ResultsJson;
}

beforeAll(async () => {
	({ db, cleanup, periodId } = await createDraft2022Db());
	useDb(db);
	before2021 = (await publishedFile(2021, 'results.json', db))!.body;
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
	const mover = { actor: { userId: admin.id, name: admin.username }, role: 'admin' as const };
	for (const s of ['open', 'evaluation'] as const) await transition(periodId, s, mover, '', db);
	// The top two of 2021: leaving them out moves the podium.
	const json2021 = await resultsJson(2021);
	[excluded, absent] = json2021.results.slice(0, 2).map((r) => r.slug) as [string, string];
});
afterAll(async () => cleanup());

describe('marking an OPD through the matrix form', () => {
	it('refuses "tidak dinilai" without a reason and an unknown kind, naming the field', async () => {
		const noReason = await mark({ opd: excluded, kind: 'tidak dinilai', reason: '' });
		expect(isActionFailure(noReason) && noReason.status).toBe(400);
		expect((noReason as { data: { errors: Record<string, string> } }).data.errors.reason).toMatch(
			/minimal 5 karakter/
		);
		const unknown = await mark({ opd: excluded, kind: 'absen', reason: REASON });
		expect(isActionFailure(unknown) && unknown.status).toBe(400);
		const rows = await roster(periodId, db);
		expect(rows.every((r) => r.notRatedReason === null)).toBe(true);
	});

	it('stores each way and audits a sentence naming which', async () => {
		expect(await mark({ opd: excluded, kind: 'tidak dinilai', reason: REASON })).toEqual({
			notRatedChanged: excluded
		});
		expect(await mark({ opd: absent, kind: 'tidak berpartisipasi', reason: '' })).toEqual({
			notRatedChanged: absent
		});
		const rows = await roster(periodId, db);
		const of = (slug: string) => rows.find((r) => r.slug === slug)!;
		expect([of(excluded).notRatedKind, of(excluded).notRatedReason]).toEqual([
			'tidak dinilai',
			REASON
		]);
		expect([of(absent).notRatedKind, of(absent).notRatedReason]).toEqual([
			'tidak berpartisipasi',
			''
		]);
		const events = await db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, 'period.opd-not-rated'));
		const names = { opd: () => undefined, indicator: () => undefined, user: () => undefined };
		const sentences = events.map(
			(e) =>
				describeAuditEvent(
					{ ...e, year: 2022, before: e.before, after: e.after, entityId: String(e.entityId) },
					names
				).what
		);
		expect(sentences).toEqual([
			`OPD dinyatakan tidak dinilai: OPD ${excluded}`,
			`OPD dinyatakan tidak berpartisipasi: OPD ${absent}`
		]);
	});

	it('shows "tidak berpartisipasi" as its own state on the participation board', async () => {
		const board = await participationBoard((await getByYear(2022, db))!, new Date(), db);
		const state = (slug: string) => board.rows.find((r) => r.slug === slug)!.state;
		expect(state(absent)).toBe('not-participating');
		expect(state(excluded)).not.toBe('not-participating');
	});

	it('shows each marking with its reason on the board and in its CSV', async () => {
		const RENAMED = 'OPD dilebur ke dinas lain';
		expect(await mark({ opd: absent, kind: 'tidak berpartisipasi', reason: RENAMED })).toEqual({
			notRatedChanged: absent
		});
		const page = (await run(
			board.load,
			request('/penilaian/2022/partisipasi', { user: admin, params: { year: '2022' } })
		)) as { rows: { slug: string; marking: unknown; markingLabel: string | null }[] };
		const row = (slug: string) => page.rows.find((r) => r.slug === slug)!;
		expect(row(excluded)).toMatchObject({
			marking: { kind: 'tidak dinilai', reason: REASON },
			markingLabel: 'Tidak dinilai'
		});
		expect(row(absent)).toMatchObject({
			marking: { kind: 'tidak berpartisipasi', reason: RENAMED },
			markingLabel: 'Tidak berpartisipasi'
		});
		expect(page.rows.filter((r) => r.marking !== null)).toHaveLength(2);
		const res = (await run(
			csv.GET,
			request('/api/v1/periods/2022/participation.csv', { user: admin, params: { year: '2022' } })
		)) as Response;
		const lines = (await res.text()).replace(/^\uFEFF/, '').split('\r\n');
		const header = lines[0]!.split(',');
		expect(header.slice(-2)).toEqual([
			'Tidak dinilai / tidak berpartisipasi',
			'Alasan tidak dinilai / tidak berpartisipasi'
		]);
		const line = (slug: string) => lines.find((l) => l.includes(`,${slug},`))!;
		expect(line(excluded).endsWith(`,Tidak dinilai,${REASON}`)).toBe(true);
		expect(line(absent).endsWith(`,Tidak berpartisipasi,${RENAMED}`)).toBe(true);
		const rated = lines.slice(1).find((l) => l && !l.includes(excluded) && !l.includes(absent))!;
		expect(rated.endsWith(',,')).toBe(true);
		// Back to no reason, as the published year below expects.
		await mark({ opd: absent, kind: 'tidak berpartisipasi', reason: '' });
		const again = (await run(
			board.load,
			request('/penilaian/2022/partisipasi', { user: admin, params: { year: '2022' } })
		)) as typeof page;
		expect(again.rows.find((r) => r.slug === absent)!.marking).toEqual({
			kind: 'tidak berpartisipasi',
			reason: ''
		});
	});
});

describe('the published year', () => {
	beforeAll(async () => {
		const mover = { actor: { userId: admin.id, name: admin.username }, role: 'admin' as const };
		await markUnassessedAbsent(
			periodId,
			'rapat tim: sel kosong dihitung tidak ada',
			mover.actor,
			db
		);
		for (const s of ['final', 'published'] as const) await transition(periodId, s, mover, '', db);
	});

	it('results.json lists both apart, with their kind beside the reason; neither ranked nor awarded', async () => {
		const json = await resultsJson(2022);
		expect(json.notRated).toHaveLength(2);
		expect(json.notRated).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ slug: excluded, reason: REASON, kind: 'tidak dinilai' }),
				expect.objectContaining({ slug: absent, reason: '', kind: 'tidak berpartisipasi' })
			])
		);
		const placed = [
			...json.results.map((r) => r.slug),
			...json.awards.flatMap((a) => a.opds),
			...json.awardGroups.flatMap((g) => [
				...g.ranking.map((p) => p.opd),
				...g.awards.flatMap((a) => a.opds)
			])
		];
		expect(placed).not.toContain(excluded);
		expect(placed).not.toContain(absent);
		expect(json.results).toHaveLength((await roster(periodId, db)).length - 2);
		expect(json.awardGroups.map((g) => [g.notRated, g.notParticipating])).toEqual([
			[[excluded], [absent]]
		]);
	});

	it('the results page and the printed report list them under their own headings', async () => {
		const data = (await run(
			resultsPage.load,
			request('/hasil/2022', { params: { year: '2022' } })
		)) as {
			leftOut: Record<string, { slug: string }[]>;
			ranking: { rows: { slug: string }[] };
		};
		expect(data.leftOut['tidak dinilai']!.map((o) => o.slug)).toEqual([excluded]);
		expect(data.leftOut['tidak berpartisipasi']!.map((o) => o.slug)).toEqual([absent]);
		expect(data.ranking.rows.map((r) => r.slug)).not.toContain(absent);
		const report = (await publishedReport(2022, db))!;
		expect(report.leftOut['tidak dinilai'].map((o) => o.slug)).toEqual([excluded]);
		expect(report.leftOut['tidak berpartisipasi'].map((o) => o.slug)).toEqual([absent]);
		expect(report.ranking.map((r) => r.slug)).not.toContain(excluded);
	});

	it('leaves the seeded 2021 as it was published', async () => {
		const after = (await publishedFile(2021, 'results.json', db))!.body;
		expect(after).toBe(before2021);
		const json = JSON.parse(after) as ResultsJson;
		expect(json.notRated).toEqual([]);
		expect(Object.keys(json.awardGroups[0]!)).toEqual([
			'key',
			'label',
			'kinds',
			'tiers',
			'ranking',
			'awards',
			'notRated'
		]);
	});
});
