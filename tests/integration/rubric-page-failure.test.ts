import { isActionFailure, type RequestEvent } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth/types';
import { useDb, type DB } from '../../src/lib/server/db';
import { auditEvents } from '../../src/lib/server/db/schema';
import { problemsOf } from '../../src/lib/validation/failure';
import { createTestDb } from './helpers/test-db';
import { sessionUser } from './helpers/workflow';

/** The rubric page's forms refuse with the one failure shape, naming the form that failed. */
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
let cleanup: () => Promise<void>;
let admin: SessionUser;
beforeAll(async () => {
	({ db, cleanup } = await createTestDb('draft2022'));
	useDb(db);
	admin = await sessionUser(db, 'demo-admin');
});
afterAll(async () => {
	current = undefined;
	await cleanup();
});

async function post(action: string, fields: Record<string, string>): Promise<unknown> {
	const url = new URL(`http://localhost/admin/periode/2022?/${action}`);
	const body = new FormData();
	for (const [k, v] of Object.entries(fields)) body.set(k, v);
	current = {
		url,
		params: { year: '2022' },
		request: new Request(url, { method: 'POST', body }),
		locals: { user: admin, sessionId: null },
		cookies: { set: () => {}, get: () => undefined, delete: () => {} },
		getClientAddress: () => '127.0.0.1'
	} as unknown as RequestEvent;
	try {
		return await rubricPage.actions[action]!(current);
	} catch (e) {
		return e;
	}
}

describe('the rubric form', () => {
	it('lists its problems under errors, for the rubric form only, and writes nothing', async () => {
		const audits = (await db.select().from(auditEvents)).length;
		const outcome = await post('rubric', {
			rows: '2',
			id_0: '1',
			label_0: '',
			key_0: 'indikator-lama',
			label_1: 'Indikator baru',
			key_1: 'Bukan Kunci!'
		});
		expect(isActionFailure(outcome) && outcome.status).toBe(400);
		const data = (outcome as { data: Record<string, unknown> }).data;
		expect(Object.keys(data).sort()).toEqual(['action', 'errors', 'message', 'values']);
		expect(data.action).toBe('rubric');
		expect(problemsOf(data.errors as Record<string, string>)).toEqual([
			'baris 1: label wajib diisi.',
			'Indikator baru: kunci hanya huruf kecil, angka dan tanda hubung.'
		]);
		expect(await db.select().from(auditEvents)).toHaveLength(audits);
	});
});
