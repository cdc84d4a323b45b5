import { isActionFailure, isHttpError } from '@sveltejs/kit';
import { and, eq, inArray } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth/types';
import { useDb, type DB } from '../../src/lib/server/db';
import {
	appeals,
	assessments,
	auditEvents,
	indicators,
	notifications,
	opds,
	periodOpds,
	periods
} from '../../src/lib/server/db/schema';
import { setSelfDeadline, transition } from '../../src/lib/server/workflow/lifecycle';
import { deadlineReminders } from '../../src/lib/server/workflow/notifications';
import {
	participationBoard,
	sendReminders,
	setExtension
} from '../../src/lib/server/workflow/participation';
import { saveSelf, submitSelf } from '../../src/lib/server/workflow/self-assessment';
import { WorkflowError } from '../../src/lib/server/workflow/error';
import { addUser } from './helpers/auth';
import { endRequest, request, run } from './helpers/request';
import { createDraft2022Db, sessionUser } from './helpers/workflow';

vi.mock('$app/server', () => import('./helpers/request'));
const page = await import('../../src/routes/penilaian/[year=year]/partisipasi/+page.server');
const csv = await import('../../src/routes/api/v1/periods/[year=year]/participation.csv/+server');

let db: DB;
let cleanup: () => Promise<void>;
let periodId: number;
/** Four OPDs of the 2022 roster: Diskominfo (demo-operator's) and three others, each with an operator. */
let opd: Record<'kominfo' | 'second' | 'third' | 'fourth', number>;
let op: Record<'kominfo' | 'second' | 'third' | 'fourth', SessionUser>;
let evaluator: SessionUser;
let pimpinan: SessionUser;
const admin = { actor: { userId: null, name: 'admin' }, role: 'admin' as const };
const actor = (u: SessionUser) => ({ userId: u.id, name: u.username });
const DAY = 86_400_000;

const status = (p: Promise<unknown>) =>
	p.then(
		() => 'ok',
		(e: unknown) => (e instanceof WorkflowError ? e.status : e)
	);
const period = async () => (await db.select().from(periods).where(eq(periods.id, periodId)))[0]!;
const firstIndicator = async () =>
	(
		await db
			.select()
			.from(indicators)
			.where(eq(indicators.periodId, periodId))
			.orderBy(indicators.sortOrder)
	)[0]!.id;
const self = (indicatorId: number) => [
	{ indicatorId, value: 1, notApplicable: false, evidenceUrl: null, note: null }
];
/** Every indicator answered: a blank cell refuses the submission (workflow/submission-check.ts). */
const everyCell = async () =>
	(await db.select().from(indicators).where(eq(indicators.periodId, periodId))).map((i) => ({
		indicatorId: i.id,
		value: 0,
		notApplicable: false,
		evidenceUrl: null,
		note: null
	}));

beforeEach(async () => {
	({ db, cleanup, periodId } = await createDraft2022Db());
	useDb(db);
	await transition(periodId, 'open', admin, '', db);
	op = { kominfo: await sessionUser(db, 'demo-operator') } as typeof op;
	const others = await db
		.select({ id: opds.id })
		.from(periodOpds)
		.innerJoin(opds, eq(opds.id, periodOpds.opdId))
		.where(eq(periodOpds.periodId, periodId))
		.orderBy(periodOpds.displayNumber);
	const rest = others.map((o) => o.id).filter((id) => id !== op.kominfo.opdId);
	opd = { kominfo: op.kominfo.opdId!, second: rest[0]!, third: rest[1]!, fourth: rest[2]! };
	for (const k of ['second', 'third', 'fourth'] as const) {
		await addUser(db, `op-${k}`, 'operator', opd[k]);
		op[k] = await sessionUser(db, `op-${k}`);
	}
	evaluator = await sessionUser(db, 'demo-evaluator');
	pimpinan = await sessionUser(db, 'demo-pimpinan');
});
afterEach(async () => {
	endRequest();
	await cleanup();
});

describe('the participation board', () => {
	it('derives each OPD state from the seeded period: registered, started, submitted, verified, appealed', async () => {
		const ind = await firstIndicator();
		await saveSelf(periodId, opd.kominfo, self(ind), actor(op.kominfo), new Date(), db);
		await saveSelf(periodId, opd.second, await everyCell(), actor(op.second), new Date(), db);
		await submitSelf(periodId, opd.second, actor(op.second), new Date(), db);
		// The team verified every cell of the third OPD; the fourth appealed one.
		const all = await db.select().from(indicators).where(eq(indicators.periodId, periodId));
		await db
			.insert(assessments)
			.values(all.map((i) => ({ periodId, opdId: opd.third, indicatorId: i.id, value: 1 })));
		await db
			.insert(appeals)
			.values({ periodId, opdId: opd.fourth, indicatorId: ind, reason: 'Dokumen sudah ada' });

		const board = await participationBoard(await period(), new Date(), db);
		const state = (id: number) => board.rows.find((r) => r.opdId === id)?.state;
		expect(state(opd.kominfo)).toBe('started');
		expect(state(opd.second)).toBe('submitted');
		expect(state(opd.third)).toBe('verified');
		expect(state(opd.fourth)).toBe('appealed');
		const others = board.rows.filter((r) => !Object.values(opd).includes(r.opdId));
		expect(others.length).toBeGreaterThan(0);
		expect(others.every((r) => r.state === 'registered')).toBe(true);
		const second = board.rows.find((r) => r.opdId === opd.second)!;
		expect(second.submittedAt).toBeInstanceOf(Date);
		expect(second).toMatchObject({ selfCells: 13, verifiedCells: 0, cells: all.length });
		expect(board.rows.find((r) => r.opdId === opd.fourth)).toMatchObject({
			appeals: 1,
			pendingAppeals: 1
		});

		// The page counts and filters the same rows, for pimpinan too.
		const data = (await run(
			page.load,
			request('/penilaian/2022/partisipasi?status=submitted', {
				user: pimpinan,
				params: { year: '2022' }
			})
		)) as {
			manage: boolean;
			states: { key: string; count: number }[];
			rows: { opdId: number }[];
		};
		expect(data.manage).toBe(false);
		expect(data.rows.map((r) => r.opdId)).toEqual([opd.second]);
		expect(Object.fromEntries(data.states.map((s) => [s.key, s.count]))).toEqual({
			registered: board.rows.length - 4,
			started: 1,
			submitted: 1,
			verified: 1,
			appealed: 1,
			'not-participating': 0
		});

		// The CSV: every OPD, the app's CSV writer (BOM, CRLF), the state in words.
		const res = (await run(
			csv.GET,
			request('/api/v1/periods/2022/participation.csv', {
				user: pimpinan,
				params: { year: '2022' }
			})
		)) as Response;
		// Response.text() would drop the BOM: read the bytes.
		const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
		expect(res.headers.get('content-type')).toMatch(/text\/csv/);
		expect(text.startsWith('\ufeffOPD,Kode,Status,')).toBe(true);
		expect(text.split('\r\n').filter(Boolean)).toHaveLength(board.rows.length + 1);
		expect(text).toMatch(/,Dikirim untuk verifikasi,13,0,/);
	});
});

describe('a deadline extension per OPD', () => {
	it('lets that OPD save and submit after the general deadline, and no other', async () => {
		const ind = await firstIndicator();
		const now = new Date();
		await setSelfDeadline(periodId, new Date(now.getTime() - DAY), actor(evaluator), db);
		// Refused: not after the general deadline.
		expect(
			await status(
				setExtension(
					periodId,
					opd.kominfo,
					new Date(now.getTime() - 2 * DAY),
					'Server OPD rusak',
					actor(evaluator),
					db
				)
			)
		).toBe(409);
		await setExtension(
			periodId,
			opd.kominfo,
			new Date(now.getTime() + 7 * DAY),
			'Server OPD rusak seminggu',
			actor(evaluator),
			db
		);

		expect(await saveSelf(periodId, opd.kominfo, self(ind), actor(op.kominfo), now, db)).toBe(1);
		await saveSelf(periodId, opd.kominfo, await everyCell(), actor(op.kominfo), now, db);
		expect(await status(submitSelf(periodId, opd.kominfo, actor(op.kominfo), now, db))).toBe('ok');
		expect(await status(saveSelf(periodId, opd.second, self(ind), actor(op.second), now, db))).toBe(
			409
		);
		expect(await status(submitSelf(periodId, opd.second, actor(op.second), now, db))).toBe(409);

		const board = await participationBoard(await period(), now, db);
		const row = (id: number) => board.rows.find((r) => r.opdId === id)!;
		expect(row(opd.kominfo)).toMatchObject({ state: 'submitted', late: false });
		expect(row(opd.kominfo).extension?.reason).toBe('Server OPD rusak seminggu');
		expect(row(opd.second)).toMatchObject({ state: 'registered', late: true, extension: null });

		const [event] = await db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, 'participation.extend'));
		expect(event).toMatchObject({ entityType: 'opd', entityId: String(opd.kominfo), periodId });
		expect(event!.after).toMatchObject({ reason: 'Server OPD rusak seminggu' });
		const told = await db
			.select()
			.from(notifications)
			.where(and(eq(notifications.userId, op.kominfo.id), eq(notifications.kind, 'deadline.set')));
		expect(told.at(-1)?.message).toMatch(/diperpanjang sampai/);
	});

	it('moves the "deadline near" reminder of that OPD only', async () => {
		const now = new Date();
		await setSelfDeadline(periodId, new Date(now.getTime() - DAY), actor(evaluator), db);
		const until = new Date(now.getTime() + 2 * DAY);
		await setExtension(periodId, opd.kominfo, until, 'Pergantian operator', actor(evaluator), db);
		const mine = await deadlineReminders(opd.kominfo, now, db);
		expect(mine.map((r) => [r.year, r.deadline.getTime()])).toEqual([[2022, until.getTime()]]);
		expect(await deadlineReminders(opd.second, now, db)).toEqual([]);
	});

	it('is frozen once the period is final, through the form too', async () => {
		await setSelfDeadline(periodId, new Date(Date.now() - DAY), actor(evaluator), db);
		await transition(periodId, 'evaluation', admin, '', db);
		await transition(periodId, 'final', admin, '', db);
		const result = await run(
			page.actions.extend,
			request('/penilaian/2022/partisipasi?/extend', {
				user: evaluator,
				params: { year: '2022' },
				form: { opdId: String(opd.kominfo), until: '2030-01-01', reason: 'alasan yang cukup' }
			})
		);
		expect(isActionFailure(result) && result.status).toBe(409);
		expect(
			await db.select().from(auditEvents).where(eq(auditEvents.action, 'participation.extend'))
		).toHaveLength(0);
	});
});

describe('reminders', () => {
	it('notify the operators of OPDs not yet submitted, once a day unless forced; audited with the count', async () => {
		await saveSelf(periodId, opd.second, await everyCell(), actor(op.second), new Date(), db);
		await submitSelf(periodId, opd.second, actor(op.second), new Date(), db);
		const reminded = await db.select().from(notifications);
		const before = reminded.length;
		const now = new Date();
		const first = await sendReminders(await period(), null, false, actor(evaluator), now, db);
		const roster = (await participationBoard(await period(), now, db)).rows.length;
		expect(first).toMatchObject({ opds: roster - 1, done: 1, recent: 0 });
		const mine = (u: SessionUser) =>
			db
				.select()
				.from(notifications)
				.where(
					and(eq(notifications.userId, u.id), eq(notifications.kind, 'participation.reminder'))
				);
		expect(await mine(op.kominfo)).toHaveLength(1);
		expect((await mine(op.kominfo))[0]!.message).toMatch(/belum dikirim untuk verifikasi/);
		expect(await mine(op.second)).toHaveLength(0);
		expect((await db.select().from(notifications)).length - before).toBe(first.notifications);
		expect(first.notifications).toBeGreaterThanOrEqual(3);

		// Within 24 hours nobody is reminded again, unless forced; selected OPDs only.
		const again = await sendReminders(
			await period(),
			null,
			false,
			actor(evaluator),
			new Date(now.getTime() + 3_600_000),
			db
		);
		expect(again).toMatchObject({ opds: 0, notifications: 0, recent: roster - 1 });
		const forced = await sendReminders(
			await period(),
			[opd.kominfo, opd.second],
			true,
			actor(evaluator),
			new Date(now.getTime() + 3_600_000),
			db
		);
		expect(forced).toMatchObject({ opds: 1, done: 1 });
		expect(await mine(op.kominfo)).toHaveLength(2);
		expect(await mine(op.third)).toHaveLength(1);

		const events = await db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, 'participation.remind'));
		expect(events.map((e) => (e.after as { opds: number }).opds)).toEqual([roster - 1, 1]);
	});

	it('through the form: an evaluator sends to the ticked OPDs; only while the period is open', async () => {
		const sent = (await run(
			page.actions.remind,
			request('/penilaian/2022/partisipasi?/remind', {
				user: evaluator,
				params: { year: '2022' },
				form: [
					['scope', 'selected'],
					['opdIds', String(opd.third)],
					['opdIds', String(opd.fourth)]
				]
			})
		)) as { reminded: { opds: number } };
		expect(sent.reminded.opds).toBe(2);
		const kinds = await db
			.select({ userId: notifications.userId })
			.from(notifications)
			.where(eq(notifications.kind, 'participation.reminder'));
		expect(kinds.map((k) => k.userId).sort()).toEqual([op.third.id, op.fourth.id].sort());

		await transition(periodId, 'evaluation', admin, '', db);
		const late = await run(
			page.actions.remind,
			request('/penilaian/2022/partisipasi?/remind', {
				user: evaluator,
				params: { year: '2022' },
				form: { scope: 'all', force: '1' }
			})
		);
		expect(isActionFailure(late) && late.status).toBe(409);
	});
});

describe('who may', () => {
	it('operators and the petugas are refused the board and the CSV; pimpinan reads but may not act', async () => {
		const petugas = await sessionUser(db, 'demo-petugas');
		for (const user of [op.kominfo, petugas]) {
			const load = await run(
				page.load,
				request('/penilaian/2022/partisipasi', { user, params: { year: '2022' } })
			);
			expect(isHttpError(load) && load.status).toBe(403);
			const file = await run(
				csv.GET,
				request('/api/v1/periods/2022/participation.csv', { user, params: { year: '2022' } })
			);
			expect(isHttpError(file) && file.status).toBe(403);
		}
		const anonymous = await run(
			csv.GET,
			request('/api/v1/periods/2022/participation.csv', { params: { year: '2022' } })
		);
		expect(isHttpError(anonymous) && anonymous.status).toBe(401);
		const refused = await run(
			page.actions.remind,
			request('/penilaian/2022/partisipasi?/remind', {
				user: pimpinan,
				params: { year: '2022' },
				form: { scope: 'all' }
			})
		);
		expect(isHttpError(refused) && refused.status).toBe(403);
		expect(
			await db
				.select()
				.from(notifications)
				.where(inArray(notifications.kind, ['participation.reminder']))
		).toHaveLength(0);
	});
});
