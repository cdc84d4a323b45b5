import { isActionFailure, type RequestEvent } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth/types';
import { useDb, type DB } from '../../src/lib/server/db';
import { auditEvents, periods } from '../../src/lib/server/db/schema';
import { transition } from '../../src/lib/server/workflow/lifecycle';
import { createDraft2022Db, sessionUser } from './helpers/workflow';
import { endRequest, request as newRequest } from './helpers/request';

vi.mock('$app/server', () => import('./helpers/request'));

const matrix = (await import('../../src/routes/penilaian/[year=year]/+page.server')) as unknown as {
	actions: Record<string, (e: RequestEvent) => unknown>;
};

let db: DB;
let cleanup: () => Promise<void>;
let evaluator: SessionUser;
let periodId: number;
beforeAll(async () => {
	({ db, cleanup, periodId } = await createDraft2022Db());
	useDb(db);
	await transition(periodId, 'open', { actor: { userId: null, name: 't' }, role: 'admin' }, '', db);
	evaluator = await sessionUser(db, 'demo-evaluator');
});
afterAll(async () => {
	endRequest();
	await cleanup();
});

async function setDeadline(deadline: string): Promise<unknown> {
	const event = newRequest('/penilaian/2022?/deadline', {
		user: evaluator,
		form: { deadline },
		params: { year: '2022' }
	});
	try {
		return await matrix.actions.deadline!(event);
	} catch (e) {
		return e;
	}
}

const deadlineOf = async () =>
	(await db.select().from(periods).where(eq(periods.id, periodId)))[0]!.selfAssessmentDeadline;

describe('the self-assessment deadline date', () => {
	it.each([
		['2024-13-45', 'bukan tanggal yang ada di kalender'],
		['2024-02-30', 'bukan tanggal yang ada di kalender'],
		['2023-02-29', 'bukan tanggal yang ada di kalender'],
		['31-12-2024', 'harus berformat TTTT-BB-HH'],
		['2024-12-31T10:00', 'harus berformat TTTT-BB-HH']
	])('%j is refused with 400 and changes nothing', async (raw, why) => {
		const before = await deadlineOf();
		const audits = (await db.select().from(auditEvents)).length;
		const outcome = await setDeadline(raw);
		expect(isActionFailure(outcome) && outcome.status).toBe(400);
		expect(isActionFailure(outcome) && outcome.data).toEqual({
			values: {},
			errors: {},
			message: expect.stringContaining(`Tanggal batas "${raw}" ${why}`)
		});
		expect(await deadlineOf()).toEqual(before);
		expect(await db.select().from(auditEvents)).toHaveLength(audits);
	});

	it('accepts a real date (29 February of a leap year) as the end of that day in WIB', async () => {
		expect(await setDeadline('2028-02-29')).toEqual({ deadlineSet: true });
		expect(await deadlineOf()).toEqual(new Date('2028-02-29T16:59:59Z'));
	});
});
