import { isActionFailure, type RequestEvent } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth/types';
import { useDb, type DB } from '../../src/lib/server/db';
import { appeals, auditEvents, indicators } from '../../src/lib/server/db/schema';
import { fileAppeal } from '../../src/lib/server/workflow/appeals';
import { getCell, setCell } from '../../src/lib/server/workflow/assessments';
import { transition } from '../../src/lib/server/workflow/lifecycle';
import { createDraft2022Db, sessionUser } from './helpers/workflow';
import { endRequest, request, run } from './helpers/request';

/** The answer action acts on an appeal of the year in its URL only (issue 12 §6). */
vi.mock('$app/server', () => import('./helpers/request'));

const page =
	(await import('../../src/routes/penilaian/[year=year]/sanggahan/+page.server')) as unknown as {
		actions: Record<string, (e: RequestEvent) => unknown>;
	};

let db: DB;
let cleanup: () => Promise<void>;
let evaluator: SessionUser;
let periodId: number;
let opdId: number;
let indicatorId: number;
let appealId: number;
beforeAll(async () => {
	({ db, cleanup, periodId } = await createDraft2022Db());
	useDb(db);
	const admin = { actor: { userId: null, name: 'admin' }, role: 'admin' as const };
	const operator = await sessionUser(db, 'demo-operator');
	evaluator = await sessionUser(db, 'demo-evaluator');
	opdId = operator.opdId!;
	const [ind] = await db.select().from(indicators).where(eq(indicators.periodId, periodId));
	indicatorId = ind!.id;
	await transition(periodId, 'open', admin, '', db);
	const who = { userId: evaluator.id, name: evaluator.username };
	await setCell(
		periodId,
		opdId,
		indicatorId,
		{ value: 0, notApplicable: false, expectedVersion: 0 },
		who,
		db
	);
	await transition(periodId, 'evaluation', admin, '', db);
	await transition(periodId, 'final', admin, '', db);
	appealId = await fileAppeal(
		periodId,
		opdId,
		{ indicatorId, reason: 'Renja sudah diunggah sejak Maret, lihat tautan', requestedValue: 1 },
		{ userId: operator.id, name: operator.username },
		db
	);
});
afterAll(async () => {
	endRequest();
	await cleanup();
});

const answer = (year: string) =>
	run(
		page.actions.answer,
		request(`/penilaian/${year}/sanggahan?/answer`, {
			user: evaluator,
			params: { year },
			form: { appealId: String(appealId), decision: 'granted', answer: 'Tautan valid, dikabulkan' }
		})
	);

it('refuses, under another year, an appeal of 2022 with 404, changing nothing', async () => {
	const audits = (await db.select().from(auditEvents)).length;
	const outcome = await answer('2021');
	expect(isActionFailure(outcome) && outcome.status).toBe(404);
	expect(isActionFailure(outcome) && outcome.data).toMatchObject({
		message: 'Sanggahan tidak ditemukan.'
	});
	const [row] = await db.select().from(appeals).where(eq(appeals.id, appealId));
	expect(row?.status).toBe('pending');
	expect(await getCell(periodId, opdId, indicatorId, db)).toMatchObject({ value: 0 });
	expect(await db.select().from(auditEvents)).toHaveLength(audits);
});

it('answers it under its own year', async () => {
	expect(await answer('2022')).toMatchObject({ answered: appealId });
	expect(await getCell(periodId, opdId, indicatorId, db)).toMatchObject({ value: 1 });
});
