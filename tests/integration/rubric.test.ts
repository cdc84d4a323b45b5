import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setCell } from '../../src/lib/server/workflow/assessments';
import type { DB } from '../../src/lib/server/db';
import { auditEvents, opds, periodOpds } from '../../src/lib/server/db/schema';
import { transition } from '../../src/lib/server/workflow/lifecycle';
import { getByYear, indicatorRows, rubricOf } from '../../src/lib/server/periods/periods';
import { computeView } from '../../src/lib/server/results/results';
import { compareYears } from '../../src/lib/scoring/yoy';
import {
	addToRoster,
	removeFromRoster,
	RubricInvalid,
	saveIndicators
} from '../../src/lib/server/periods/rubric';
import { WorkflowError } from '../../src/lib/server/workflow/error';
import { parseRubricForm, type IndicatorDraft } from '../../src/lib/validation/rubric-form';
import { createDraft2022Db } from './helpers/workflow';

let db: DB;
let cleanup: () => Promise<void>;
let periodId: number;
const actor = { userId: null, name: 'admin' };
const admin = { actor, role: 'admin' as const };

beforeEach(async () => {
	({ db, cleanup, periodId } = await createDraft2022Db());
});
afterEach(() => cleanup());

async function drafts(): Promise<IndicatorDraft[]> {
	const rows = await indicatorRows(periodId, db);
	const rubric = await rubricOf(periodId, db);
	return rubric.indicators.map((ind, i) => ({ ...ind, id: rows[i]!.id }));
}
const rubricAudits = () =>
	db.select().from(auditEvents).where(eq(auditEvents.action, 'rubric.update'));

describe('saveIndicators', () => {
	it('adds a scale and a count, re-weights, reorders and removes, keeping keys', async () => {
		const list = await drafts();
		const [first, second, ...rest] = list;
		const edited: IndicatorDraft[] = [
			{ ...second!, order: 1, weight: 2 },
			{ ...first!, order: 2 },
			...rest.slice(0, -1).map((d, i) => ({ ...d, order: i + 3 })),
			{
				id: null,
				key: 'kualitas-website',
				label: 'Kualitas website',
				aspect: first!.aspect,
				kind: 'scale',
				weight: 4,
				maxLevel: 2,
				levelLabels: ['buruk', 'cukup', 'baik'],
				order: 50
			},
			{
				id: null,
				key: 'berita',
				label: 'Berita',
				aspect: first!.aspect,
				kind: 'count',
				weight: 5,
				pointsPerUnit: 0.5,
				cap: 5,
				order: 51
			}
		];
		await saveIndicators(periodId, edited, actor, db);
		const after = (await rubricOf(periodId, db)).indicators;
		expect(after.map((i) => i.key)).toEqual(edited.map((d) => d.key));
		expect(after[0]).toMatchObject({ key: second!.key, weight: 2 });
		expect(after.find((i) => i.key === 'kualitas-website')).toMatchObject({
			kind: 'scale',
			maxLevel: 2,
			levelLabels: ['buruk', 'cukup', 'baik']
		});
		expect(after).toHaveLength(list.length + 1);
		expect(await rubricAudits()).toHaveLength(1);
	});

	it('refuses what validateRubric refuses, changing nothing', async () => {
		const list = await drafts();
		const bad = [...list, { ...list[0]!, id: null, key: 'skala', kind: 'scale' as const }];
		const e = await saveIndicators(periodId, bad, actor, db).catch((x) => x);
		expect(e).toBeInstanceOf(RubricInvalid);
		expect((e as RubricInvalid).problems.join(' ')).toMatch(/level tertinggi/);
		expect((await rubricOf(periodId, db)).indicators).toHaveLength(list.length);
		expect(await rubricAudits()).toHaveLength(0);
	});

	it('refuses removing an assessed indicator, and any edit once final', async () => {
		await transition(periodId, 'open', admin, '', db);
		const list = await drafts();
		const [entry] = await db.select().from(periodOpds).where(eq(periodOpds.periodId, periodId));
		await setCell(
			periodId,
			entry!.opdId,
			list[0]!.id!,
			{ value: 1, notApplicable: false, expectedVersion: 0 },
			actor,
			db
		);
		expect(await saveIndicators(periodId, list.slice(1), actor, db).catch((x) => x)).toBeInstanceOf(
			RubricInvalid
		);
		await transition(periodId, 'evaluation', admin, '', db);
		await transition(periodId, 'final', admin, '', db);
		const e = await saveIndicators(periodId, list, actor, db).catch((x) => x);
		expect((e as WorkflowError).status).toBe(409);
		expect(await rubricAudits()).toHaveLength(0);
	});
});

describe('roster', () => {
	it('adds a new OPD at the end and removes one without cells; refuses one with cells', async () => {
		const [opd] = await db
			.insert(opds)
			.values({ slug: 'dinas-baru', name: 'Dinas Baru', shortName: 'Baru', kind: 'dinas' })
			.returning();
		expect(await addToRoster(periodId, [opd!.id], actor, db)).toBe(1);
		expect(await addToRoster(periodId, [opd!.id], actor, db)).toBe(0);
		const roster = await db.select().from(periodOpds).where(eq(periodOpds.periodId, periodId));
		expect(roster.find((r) => r.opdId === opd!.id)?.displayNumber).toBe(33);
		await removeFromRoster(periodId, opd!.id, actor, db);
		await transition(periodId, 'open', admin, '', db);
		const [first] = roster;
		const list = await drafts();
		await setCell(
			periodId,
			first!.opdId,
			list[0]!.id!,
			{ value: 1, notApplicable: false, expectedVersion: 0 },
			actor,
			db
		);
		const e = await removeFromRoster(periodId, first!.opdId, actor, db).catch((x) => x);
		expect((e as WorkflowError).status).toBe(409);
	});
});

describe('a category re-created in the rubric editor', () => {
	it('gets the key the import gave it, so it stays comparable with the imported years', async () => {
		const list = await drafts();
		const renja = list.find((d) => d.key === 'renja')!;
		expect(renja.label).toMatch(/^Renja 20\d\d$/);
		// Removed, then typed again as a new row without a key, as the editor posts it.
		const parsed = parseRubricForm({
			rows: '1',
			label_0: 'Renja 2022',
			aspect_0: renja.aspect,
			kind_0: 'check',
			weight_0: '1',
			order_0: String(renja.order)
		});
		if (!parsed.ok) throw new Error(parsed.errors.join(' '));
		await saveIndicators(
			periodId,
			[...list.filter((d) => d.id !== renja.id), ...parsed.indicators],
			actor,
			db
		);
		const keys = (await rubricOf(periodId, db)).indicators.map((i) => i.key);
		expect(keys).toContain('renja');
		const [y2021, y2022] = await Promise.all(
			[2021, 2022].map(async (year) => (await computeView((await getByYear(year, db))!, db)).result)
		);
		expect(compareYears(y2021!, y2022!).comparable).toContain('renja');
	});
});
