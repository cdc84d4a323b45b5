import { isActionFailure, isHttpError, type RequestEvent } from '@sveltejs/kit';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth/types';
import { useDb, type DB } from '../../src/lib/server/db';
import { indicators, opds, periodOpds } from '../../src/lib/server/db/schema';
import { transition } from '../../src/lib/server/workflow/lifecycle';
import { addUser } from './helpers/auth';
import { createDraft2022Db, sessionUser } from './helpers/workflow';
import { endRequest, request as newRequest } from './helpers/request';

/**
 * Every form action of the evaluation workflow, called as each role that must not use it:
 * anonymous (401), an operator of another OPD and pimpinan (403). Nothing may change.
 */
vi.mock('$app/server', () => import('./helpers/request'));

type Module = { actions: Record<string, (e: RequestEvent) => unknown> };
const routes = {
	matrix:
		(await import('../../src/routes/penilaian/[year=year]/+page.server')) as unknown as Module,
	opdForm:
		(await import('../../src/routes/penilaian/[year=year]/opd/[slug=slug]/+page.server')) as unknown as Module,
	cellPage:
		(await import('../../src/routes/penilaian/[year=year]/opd/[slug=slug]/[key=slug]/+page.server')) as unknown as Module,
	periodAdmin: (await import('../../src/routes/admin/periode/+page.server')) as unknown as Module,
	selfForm:
		(await import('../../src/routes/opd-saya/[year=year]/+page.server')) as unknown as Module,
	appeals:
		(await import('../../src/routes/penilaian/[year=year]/sanggahan/+page.server')) as unknown as Module,
	podium:
		(await import('../../src/routes/penilaian/[year=year]/juara/+page.server')) as unknown as Module,
	opdAdmin: (await import('../../src/routes/admin/opd/+page.server')) as unknown as Module,
	inbox: (await import('../../src/routes/notifikasi/+page.server')) as unknown as Module,
	rubricAdmin:
		(await import('../../src/routes/admin/periode/[year=year]/+page.server')) as unknown as Module,
	stages:
		(await import('../../src/routes/penilaian/[year=year]/tahap/+page.server')) as unknown as Module,
	participation:
		(await import('../../src/routes/penilaian/[year=year]/partisipasi/+page.server')) as unknown as Module
};

let db: DB;
let cleanup: () => Promise<void>;
let ctx: { opdId: number; slug: string; indicatorId: number; key: string; otherSlug: string };
let who: Record<'anonymous' | 'otherOperator' | 'pimpinan', SessionUser | null>;

beforeAll(async () => {
	let periodId: number;
	({ db, cleanup, periodId } = await createDraft2022Db());
	useDb(db);
	await transition(periodId, 'open', { actor: { userId: null, name: 't' }, role: 'admin' }, '', db);
	const [op] = await db
		.select({ id: opds.id, slug: opds.slug })
		.from(opds)
		.where(eq(opds.slug, 'dinas-komunikasi-dan-informatika'));
	const [other] = await db
		.select({ id: opds.id, slug: opds.slug })
		.from(periodOpds)
		.innerJoin(opds, eq(opds.id, periodOpds.opdId))
		.where(sql`${periodOpds.periodId} = ${periodId} AND ${opds.id} <> ${op!.id}`)
		.limit(1);
	const [ind] = await db.select().from(indicators).where(eq(indicators.periodId, periodId));
	ctx = {
		opdId: op!.id,
		slug: op!.slug,
		indicatorId: ind!.id,
		key: ind!.key,
		otherSlug: other!.slug
	};
	await addUser(db, 'op-lain', 'operator', other!.id);
	who = {
		anonymous: null,
		otherOperator: await sessionUser(db, 'op-lain'),
		pimpinan: await sessionUser(db, 'demo-pimpinan')
	};
});
afterAll(async () => {
	endRequest();
	await cleanup();
});

const post = (
	user: SessionUser | null,
	path: string,
	fields: Record<string, string>,
	params: Record<string, string>
) => newRequest(path, { user, form: fields, params });

/** Everything the workflow can change, as one comparable value. */
async function fingerprint() {
	const [row] = await db.all<Record<string, number>>(sql`SELECT
		(SELECT count(*) FROM audit_events) AS audits,
		(SELECT count(*) FROM assessments) AS cells,
		(SELECT coalesce(sum(version), 0) FROM assessments) AS versions,
		(SELECT group_concat(year || status) FROM periods) AS statuses,
		(SELECT count(*) FROM indicators) AS indicators,
		(SELECT count(*) FROM period_opds) AS roster,
		(SELECT count(*) FROM appeals) AS appeals,
		(SELECT count(*) FROM notifications) AS notifications,
		(SELECT count(*) FROM opd_participation) AS participation,
		(SELECT group_concat(stage_key || status) FROM period_stages) AS stages,
		(SELECT count(*) FROM stage_evaluators) AS stageEvaluators,
		(SELECT group_concat(rubric_config) FROM periods) AS rubrics,
		(SELECT group_concat(name || short_name || coalesce(retired_at, '')) FROM opds) AS opds`);
	return row;
}

interface Case {
	name: string;
	route: keyof typeof routes;
	action: string;
	path: () => string;
	params: () => Record<string, string>;
	fields: () => Record<string, string>;
	/** Roles to try; default all three. */
	roles?: Role[];
}
type Role = 'anonymous' | 'otherOperator' | 'pimpinan';
const STATUS: Record<Role, number> = { anonymous: 401, otherOperator: 403, pimpinan: 403 };

const CASES: Case[] = [
	{
		name: 'matrix ?/set',
		route: 'matrix',
		action: 'set',
		path: () => '/penilaian/2022',
		params: () => ({ year: '2022' }),
		fields: () => ({
			opdId: String(ctx.opdId),
			indicatorId: String(ctx.indicatorId),
			value: '1',
			version: '0'
		})
	},
	{
		name: 'matrix ?/transition',
		route: 'matrix',
		action: 'transition',
		path: () => '/penilaian/2022',
		params: () => ({ year: '2022' }),
		fields: () => ({ to: 'evaluation' })
	},
	{
		name: 'matrix ?/decideUnassessed',
		route: 'matrix',
		action: 'decideUnassessed',
		path: () => '/penilaian/2022',
		params: () => ({ year: '2022' }),
		fields: () => ({ reason: 'sel kosong dihitung tidak ada', confirm: 'ya' })
	},
	{
		name: 'matrix ?/notRated',
		route: 'matrix',
		action: 'notRated',
		path: () => '/penilaian/2022',
		params: () => ({ year: '2022' }),
		fields: () => ({ opd: ctx.slug, reason: 'situs tidak dapat diakses' })
	},
	{
		name: 'matrix ?/deadline',
		route: 'matrix',
		action: 'deadline',
		path: () => '/penilaian/2022',
		params: () => ({ year: '2022' }),
		fields: () => ({ deadline: '2030-01-01' })
	},
	{
		name: 'per-OPD form ?/save',
		route: 'opdForm',
		action: 'save',
		path: () => `/penilaian/2022/opd/${ctx.slug}`,
		params: () => ({ year: '2022', slug: ctx.slug }),
		fields: () => ({ [`value_${ctx.indicatorId}`]: '1', [`version_${ctx.indicatorId}`]: '0' })
	},
	{
		name: 'cell page ?/set',
		route: 'cellPage',
		action: 'set',
		path: () => `/penilaian/2022/opd/${ctx.slug}/${ctx.key}`,
		params: () => ({ year: '2022', slug: ctx.slug, key: ctx.key }),
		fields: () => ({ value: '1', version: '0', reason: 'x' })
	},
	{
		name: 'admin periods ?/copy',
		route: 'periodAdmin',
		action: 'copy',
		path: () => '/admin/periode',
		params: () => ({}),
		fields: () => ({ from: '2021', to: '2023' })
	},
	{
		name: 'admin periods ?/transition',
		route: 'periodAdmin',
		action: 'transition',
		path: () => '/admin/periode',
		params: () => ({}),
		fields: () => ({ year: '2022', to: 'evaluation' })
	},
	{
		name: 'rubric editor ?/rubric',
		route: 'rubricAdmin',
		action: 'rubric',
		path: () => '/admin/periode/2022',
		params: () => ({ year: '2022' }),
		fields: () => ({ rows: '1', label_0: 'Baru', aspect_0: 'dip', kind_0: 'check' })
	},
	{
		name: 'rubric editor ?/addOpd',
		route: 'rubricAdmin',
		action: 'addOpd',
		path: () => '/admin/periode/2022',
		params: () => ({ year: '2022' }),
		fields: () => ({ opdId: String(ctx.opdId) })
	},
	{
		name: 'rubric editor ?/removeOpd',
		route: 'rubricAdmin',
		action: 'removeOpd',
		path: () => '/admin/periode/2022',
		params: () => ({ year: '2022' }),
		fields: () => ({ opdId: String(ctx.opdId) })
	},
	{
		name: 'rubric editor ?/structure',
		route: 'rubricAdmin',
		action: 'structure',
		path: () => '/admin/periode/2022',
		params: () => ({ year: '2022' }),
		fields: () => ({ stageRows: '1', stageLabel_0: 'Baru', stageShare_0: '100' })
	},
	{
		name: 'rubric editor ?/structurePreset',
		route: 'rubricAdmin',
		action: 'structurePreset',
		path: () => '/admin/periode/2022',
		params: () => ({ year: '2022' }),
		fields: () => ({})
	},
	{
		name: 'stage page ?/move',
		route: 'stages',
		action: 'move',
		path: () => '/penilaian/2022/tahap',
		params: () => ({ year: '2022' }),
		fields: () => ({ stage: 'utama', action: 'start' })
	},
	{
		name: 'stage page ?/schedule',
		route: 'stages',
		action: 'schedule',
		path: () => '/penilaian/2022/tahap',
		params: () => ({ year: '2022' }),
		fields: () => ({ stage: 'utama', startsOn: '2030-01-01' })
	},
	{
		name: 'self-assessment ?/save',
		route: 'selfForm',
		action: 'save',
		path: () => '/opd-saya/2022',
		params: () => ({ year: '2022' }),
		fields: () => ({ [`value_${ctx.indicatorId}`]: '1' }),
		roles: ['anonymous', 'pimpinan']
	},
	{
		name: 'self-assessment ?/submit',
		route: 'selfForm',
		action: 'submit',
		path: () => '/opd-saya/2022',
		params: () => ({ year: '2022' }),
		fields: () => ({}),
		roles: ['anonymous', 'pimpinan']
	},
	{
		name: 'self-assessment ?/appeal',
		route: 'selfForm',
		action: 'appeal',
		path: () => '/opd-saya/2022',
		params: () => ({ year: '2022' }),
		fields: () => ({ indicatorId: String(ctx.indicatorId), reason: 'alasan yang cukup panjang' }),
		roles: ['anonymous', 'pimpinan']
	},
	{
		name: 'appeals ?/answer',
		route: 'appeals',
		action: 'answer',
		path: () => '/penilaian/2022/sanggahan',
		params: () => ({ year: '2022' }),
		fields: () => ({ appealId: '1', decision: 'granted', answer: 'dikabulkan saja' })
	},
	{
		name: 'podium ?/decide',
		route: 'podium',
		action: 'decide',
		path: () => '/penilaian/2022/juara',
		params: () => ({ year: '2022' }),
		fields: () => ({ opd: ctx.slug, [`rank_${ctx.slug}`]: '1', reason: 'alasan panjang' })
	},
	{
		name: 'OPD master ?/update',
		route: 'opdAdmin',
		action: 'update',
		path: () => '/admin/opd',
		params: () => ({}),
		fields: () => ({ id: String(ctx.opdId), name: 'Nama baru', shortName: 'Baru', kind: 'dinas' })
	},
	{
		name: 'OPD master ?/retire',
		route: 'opdAdmin',
		action: 'retire',
		path: () => '/admin/opd',
		params: () => ({}),
		fields: () => ({ id: String(ctx.opdId), retired: '1' })
	},
	{
		name: 'OPD master ?/merge',
		route: 'opdAdmin',
		action: 'merge',
		path: () => '/admin/opd',
		params: () => ({}),
		fields: () => ({ source: String(ctx.opdId), target: '1' })
	},
	{
		name: 'participation ?/extend',
		route: 'participation',
		action: 'extend',
		path: () => '/penilaian/2022/partisipasi',
		params: () => ({ year: '2022' }),
		fields: () => ({ opdId: String(ctx.opdId), until: '2030-01-01', reason: 'alasan panjang' })
	},
	{
		name: 'participation ?/unextend',
		route: 'participation',
		action: 'unextend',
		path: () => '/penilaian/2022/partisipasi',
		params: () => ({ year: '2022' }),
		fields: () => ({ opdId: String(ctx.opdId), reason: 'alasan panjang' })
	},
	{
		name: 'participation ?/remind',
		route: 'participation',
		action: 'remind',
		path: () => '/penilaian/2022/partisipasi',
		params: () => ({ year: '2022' }),
		fields: () => ({ scope: 'all', force: '1' })
	},
	{
		name: 'notifications ?/read',
		route: 'inbox',
		action: 'read',
		path: () => '/notifikasi',
		params: () => ({}),
		fields: () => ({}),
		roles: ['anonymous']
	}
];

describe('an operator of another OPD on the self-assessment form', () => {
	it('can only ever write its own OPD: fields naming another OPD are ignored', async () => {
		const cellOf = async (opdId: number) =>
			db.all<{ n: number }>(
				sql`SELECT count(*) AS n FROM assessments WHERE opd_id = ${opdId} AND self_value IS NOT NULL`
			);
		const before = await cellOf(ctx.opdId);
		const event = post(
			who.otherOperator,
			'/opd-saya/2022',
			{ opdId: String(ctx.opdId), opd: ctx.slug, [`value_${ctx.indicatorId}`]: '1' },
			{ year: '2022' }
		);
		const outcome = await routes.selfForm.actions.save!(event);
		expect(outcome).toEqual({ saved: 1 });
		expect(await cellOf(ctx.opdId)).toEqual(before);
		const own = who.otherOperator!.opdId!;
		expect((await cellOf(own))[0]?.n).toBe(1);
	});
});

describe.each(CASES)('$name', (c) => {
	it.each(
		(c.roles ?? (['anonymous', 'otherOperator', 'pimpinan'] as Role[])).map(
			(r) => [r, STATUS[r]] as const
		)
	)('refuses %s with %i and changes nothing', async (role, status) => {
		const before = await fingerprint();
		const event = post(who[role], c.path(), c.fields(), c.params());
		const fn = routes[c.route].actions[c.action];
		expect(fn, `${c.route}.${c.action}`).toBeTypeOf('function');
		let outcome: unknown;
		try {
			outcome = await fn!(event);
		} catch (e) {
			outcome = e;
		}
		const got = isHttpError(outcome) || isActionFailure(outcome) ? outcome.status : outcome;
		expect(got).toBe(status);
		expect(await fingerprint()).toEqual(before);
	});
});

// Every `[year]` page reads its period through `periodOrNotFound`: an unknown year is the same
// readable 404 on each, never a page about a missing OPD or cell.
describe('an unknown year', () => {
	type Loader = { load: (e: RequestEvent) => Promise<unknown> };
	it.each([
		['opdForm', 'demo-evaluator', () => ({ year: '2031', slug: ctx.slug })],
		['cellPage', 'demo-evaluator', () => ({ year: '2031', slug: ctx.slug, key: ctx.key })],
		['selfForm', 'demo-operator', () => ({ year: '2031' })]
	] as const)('%s answers 404 naming the period', async (route, username, params) => {
		const event = post(await sessionUser(db, username), '/x', {}, params());
		const outcome = await (routes[route] as unknown as Loader).load(event).catch((e) => e);
		expect(isHttpError(outcome) && outcome.status).toBe(404);
		expect(isHttpError(outcome) && outcome.body.message).toBe('Periode 2031 tidak ditemukan.');
	});
});
