import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import { auditEvents, linkChecks, notifications } from '../../src/lib/server/db/schema';
import { transition } from '../../src/lib/server/workflow/lifecycle';
import { indicatorRows } from '../../src/lib/server/periods/periods';
import { definitionOf, saveDefinition, saveIndicators } from '../../src/lib/server/periods/rubric';
import { rubricOf } from '../../src/lib/server/periods/periods';
import { copyPeriod } from '../../src/lib/server/workflow/period-copy';
import { WorkflowError } from '../../src/lib/server/workflow/error';
import {
	saveSelf,
	SubmissionBlocked,
	submissionCheckOf,
	submitSelf,
	type SelfInput
} from '../../src/lib/server/workflow/self-assessment';
import { createDraft2022Db, sessionUser } from './helpers/workflow';

let db: DB;
let cleanup: () => Promise<void>;
let periodId: number;
const actor = { userId: null, name: 'admin' };
const admin = { actor, role: 'admin' as const };

beforeEach(async () => {
	({ db, cleanup, periodId } = await createDraft2022Db());
});
afterEach(() => cleanup());

const renja = {
	definition: 'Rencana Kerja OPD tahun berjalan yang telah ditetapkan.',
	acceptableEvidence: 'Dokumen Renja yang ditandatangani\nHalaman unduhan Renja di situs OPD',
	unacceptableEvidence: 'Renja tahun lalu',
	evidenceRequired: true
};

describe('what an indicator says counts', () => {
	it('is stored, audited, kept by a rubric save, and refused once the period is final', async () => {
		const [first] = await indicatorRows(periodId, db);
		expect(await saveDefinition(periodId, { indicatorId: first!.id, ...renja }, actor, db)).toBe(
			true
		);
		// The same again writes nothing.
		expect(await saveDefinition(periodId, { indicatorId: first!.id, ...renja }, actor, db)).toBe(
			false
		);
		const [row] = await indicatorRows(periodId, db);
		expect(definitionOf(row!)).toEqual(renja);
		const audits = await db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, 'rubric.definition'));
		expect(audits).toHaveLength(1);
		expect(audits[0]!.after).toMatchObject({ key: first!.key, evidenceRequired: true });

		// The indicator table's own save (labels, weights) leaves the definition alone.
		const rows = await indicatorRows(periodId, db);
		const rubric = await rubricOf(periodId, db);
		await saveIndicators(
			periodId,
			rubric.indicators.map((ind, i) => ({ ...ind, id: rows[i]!.id })),
			actor,
			db
		);
		expect(definitionOf((await indicatorRows(periodId, db))[0]!)).toEqual(renja);

		for (const to of ['open', 'evaluation', 'final'] as const)
			await transition(periodId, to, admin, '', db);
		const refused = await saveDefinition(
			periodId,
			{ indicatorId: first!.id, ...renja, definition: 'lain' },
			actor,
			db
		).catch((e: unknown) => e);
		expect(refused).toBeInstanceOf(WorkflowError);
		expect((refused as WorkflowError).status).toBe(409);
	});

	it('is refused for an indicator of another period', async () => {
		const [other] = await indicatorRows(periodId - 1, db);
		const refused = await saveDefinition(
			periodId,
			{ indicatorId: other!.id, ...renja },
			actor,
			db
		).catch((e: unknown) => e);
		expect((refused as WorkflowError).status).toBe(404);
	});

	it('the demo seed gives every Kota Serang category a neutral default, evidence optional', async () => {
		for (const id of [periodId - 2, periodId - 1]) {
			const rows = await indicatorRows(id, db);
			expect(rows.length).toBeGreaterThan(12);
			for (const row of rows) {
				expect(row.definition, row.key).not.toBe('');
				expect(row.evidenceRequired).toBe(false);
			}
		}
	});

	it('goes with the rubric when the period is copied to the next year', async () => {
		const [first] = await indicatorRows(periodId, db);
		await saveDefinition(periodId, { indicatorId: first!.id, ...renja }, actor, db);
		const { periodId: next } = await copyPeriod(2022, 2023, actor, db);
		const copied = (await indicatorRows(next, db)).find((r) => r.key === first!.key);
		expect(definitionOf(copied!)).toEqual(renja);
	});
});

describe('the check before "Kirim untuk verifikasi"', () => {
	let opdId: number;
	let operator: { userId: number; name: string };
	let ids: number[];
	const all = (value: number | null, evidenceUrl: string | null = null): SelfInput[] =>
		ids.map((indicatorId) => ({
			indicatorId,
			value,
			notApplicable: false,
			evidenceUrl,
			note: null
		}));

	beforeEach(async () => {
		const op = await sessionUser(db, 'demo-operator');
		operator = { userId: op.id, name: op.username };
		opdId = op.opdId!;
		ids = (await indicatorRows(periodId, db)).map((r) => r.id);
		await saveDefinition(periodId, { indicatorId: ids[0]!, ...renja }, actor, db);
		await transition(periodId, 'open', admin, '', db);
	});

	const refusal = (p: Promise<unknown>) =>
		p.then(
			() => null,
			(e: unknown) => e
		);

	it('refuses blanks with the list, then a claim without required evidence, then sends', async () => {
		let e = await refusal(submitSelf(periodId, opdId, operator, new Date(), db));
		expect(e).toBeInstanceOf(SubmissionBlocked);
		const blanks = (e as SubmissionBlocked).check.issues;
		expect(blanks).toHaveLength(ids.length);
		expect(blanks.every((i) => i.kind === 'blank' && i.blocks)).toBe(true);

		// Every indicator "Ya", none with evidence: only the first asks for it.
		await saveSelf(periodId, opdId, all(1), operator, new Date(), db);
		e = await refusal(submitSelf(periodId, opdId, operator, new Date(), db));
		expect((e as SubmissionBlocked).check.issues).toEqual([
			expect.objectContaining({ indicatorId: ids[0], kind: 'evidence', blocks: true })
		]);
		expect(await db.select().from(notifications)).toHaveLength(0);

		// Evidence given; its link is dead: a warning only, the submission goes through.
		const url = 'https://diskominfo.serangkota.go.id/renja';
		await saveSelf(periodId, opdId, all(1, url).slice(0, 1), operator, new Date(), db);
		await db.insert(linkChecks).values({
			periodId,
			opdId,
			indicatorId: ids[0]!,
			url,
			status: 404,
			ok: false,
			checkedAt: new Date()
		});
		const check = await submissionCheckOf(periodId, opdId, db);
		expect(check).toMatchObject({ blocking: 0, warnings: 1 });
		expect(check.issues[0]!.message).toContain('(404)');
		await submitSelf(periodId, opdId, operator, new Date(), db);
		const [sent] = await db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.action, 'self.submit'), eq(auditEvents.periodId, periodId)));
		expect(sent!.after).toEqual({ deadLinks: 1 });
	});

	it('counts "Tidak" and "tidak berlaku" as filled, needing no evidence', async () => {
		await saveSelf(
			periodId,
			opdId,
			ids.map((indicatorId, i) => ({
				indicatorId,
				value: i === 0 ? 0 : null,
				notApplicable: i !== 0,
				evidenceUrl: null,
				note: null
			})),
			operator,
			new Date(),
			db
		);
		expect(await submissionCheckOf(periodId, opdId, db)).toEqual({
			issues: [],
			blocking: 0,
			warnings: 0
		});
	});
});
