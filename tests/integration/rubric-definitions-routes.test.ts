import { isActionFailure, isHttpError } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth/types';
import { useDb, type DB } from '../../src/lib/server/db';
import { auditEvents } from '../../src/lib/server/db/schema';
import { indicatorRows } from '../../src/lib/server/periods/periods';
import { transition } from '../../src/lib/server/workflow/lifecycle';
import { demoUsersByRole } from './helpers/auth';
import { endRequest, request, run } from './helpers/request';
import { createDraft2022Db } from './helpers/workflow';

vi.mock('$app/server', () => import('./helpers/request'));

const rubricPage = await import('../../src/routes/admin/periode/[year=year]/+page.server');
const ownPage = await import('../../src/routes/opd-saya/[year=year]/+page.server');

let db: DB;
let cleanup: () => Promise<void>;
let who: Record<string, SessionUser>;
let periodId: number;
const params = { year: '2022' };
beforeEach(async () => {
	({ db, cleanup, periodId } = await createDraft2022Db());
	useDb(db);
	who = await demoUsersByRole(db);
});
afterEach(async () => {
	endRequest();
	await cleanup();
});

it('the rubric editor saves a definition for rubric managers only, and refuses an overlong one', async () => {
	const [first] = await indicatorRows(periodId, db);
	const form = {
		indicatorId: String(first!.id),
		definition: 'Renja tahun berjalan yang sudah ditetapkan.',
		acceptableEvidence: 'Dokumen Renja',
		unacceptableEvidence: '',
		evidenceRequired: 'on'
	};
	const post = (user: SessionUser, f: Record<string, string>) =>
		run(
			rubricPage.actions.definition,
			request('/admin/periode/2022?/definition', { user, form: f, params })
		);
	const refused = await post(who.operator!, form);
	expect(isHttpError(refused) && refused.status).toBe(403);

	const tooLong = await post(who.admin!, { ...form, definition: 'x'.repeat(2001) });
	expect(isActionFailure(tooLong) && tooLong.status).toBe(400);
	expect(isActionFailure(tooLong) && tooLong.data).toMatchObject({
		action: 'definition',
		errors: { definition: expect.stringContaining('terlalu panjang') }
	});

	expect(await post(who.admin!, form)).toEqual({ definitionSaved: first!.id, changed: true });
	const [row] = await indicatorRows(periodId, db);
	expect(row).toMatchObject({ definition: form.definition, evidenceRequired: true });
	const audits = await db
		.select()
		.from(auditEvents)
		.where(eq(auditEvents.action, 'rubric.definition'));
	expect(audits.map((a) => a.userId)).toEqual([who.admin!.id]);
});

it('"Kirim untuk verifikasi" with blanks is refused with the list the page shows', async () => {
	await transition(
		periodId,
		'open',
		{ actor: { userId: null, name: 'admin' }, role: 'admin' },
		'',
		db
	);
	const operator = who.operator!;
	const page = (await run(ownPage.load, request('/opd-saya/2022', { user: operator, params }))) as {
		check: { blocking: number; issues: { indicatorId: number; message: string }[] };
		rows: { id: number; definition: string }[];
	};
	expect(page.check.blocking).toBe(page.rows.length);
	expect(page.rows[0]!.definition).not.toBe('');

	const refused = await run(
		ownPage.actions.submit,
		request('/opd-saya/2022?/submit', { user: operator, form: {}, params })
	);
	expect(isActionFailure(refused) && refused.status).toBe(409);
	const data = isActionFailure(refused)
		? (refused.data as unknown as { errors: Record<string, string> })
		: null;
	expect(Object.values(data!.errors)).toEqual(page.check.issues.map((i) => i.message));
	expect(
		await db.select().from(auditEvents).where(eq(auditEvents.action, 'self.submit'))
	).toHaveLength(0);
});
