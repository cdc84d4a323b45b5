import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import { auditEvents } from '../../src/lib/server/db/schema';
import { transition } from '../../src/lib/server/workflow/lifecycle';
import { indicatorRows, rubricOf } from '../../src/lib/server/periods/periods';
import { RubricInvalid, saveIndicators } from '../../src/lib/server/periods/rubric';
import { saveStructure } from '../../src/lib/server/periods/rubric-structure';
import { WorkflowError } from '../../src/lib/server/workflow/error';
import { KIP_STAGES, withKipStages } from '../../src/lib/scoring/rubric';
import { scorePeriod } from '../../src/lib/scoring/score';
import type { Aspect, Stage } from '../../src/lib/scoring/types';
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

const structureAudits = () =>
	db.select().from(auditEvents).where(eq(auditEvents.action, 'rubric.structure'));

/** SAQ 70 % (the copied flat aspect) and visitasi 30 % with its own aspect. */
const twoStages = (): { stages: Stage[]; aspects: Aspect[] } => ({
	stages: [
		{ key: 'saq', label: 'Penilaian mandiri', share: 70, minToProceed: 60, order: 1 },
		{ key: 'visitasi', label: 'Visitasi', share: 30, order: 2 }
	],
	aspects: [
		{ key: 'dip', label: 'Daftar Informasi Publik', stage: 'saq', share: null },
		{ key: 'kunjungan', label: 'Kunjungan lapangan', stage: 'visitasi', share: null }
	]
});

async function expectRefused(promise: Promise<unknown>, message: RegExp) {
	const e = await promise.catch((x) => x);
	expect(e).toBeInstanceOf(RubricInvalid);
	expect((e as RubricInvalid).problems.join(' ')).toMatch(message);
}

describe('saveStructure', () => {
	it('saves stages and aspects, audited with before and after; the indicators can use the new aspect', async () => {
		const before = await rubricOf(periodId, db);
		expect(await saveStructure(periodId, twoStages(), actor, db)).toBe(true);
		const after = await rubricOf(periodId, db);
		expect(after.stages).toEqual(twoStages().stages);
		expect(after.aspects).toEqual(twoStages().aspects);
		expect(after.bands).toEqual(before.bands);
		expect(after.indicators).toEqual(before.indicators);
		const [event] = await structureAudits();
		expect(event).toMatchObject({ entityType: 'period', entityId: '2022', periodId });
		expect(event!.before).toEqual({
			stages: before.stages,
			aspects: before.aspects,
			bands: before.bands
		});
		expect(event!.after).toMatchObject({ stages: twoStages().stages });

		// The indicator editor now offers "kunjungan": move one indicator there.
		const rows = await indicatorRows(periodId, db);
		await saveIndicators(
			periodId,
			after.indicators.map((ind, i) => ({
				...ind,
				id: rows[i]!.id,
				aspect: i === 0 ? 'kunjungan' : ind.aspect
			})),
			actor,
			db
		);
		const rubric = await rubricOf(periodId, db);
		const result = scorePeriod(rubric, [{ key: 'a', name: 'A' }], []);
		expect(result.opds[0]!.stages.map((s) => s.key)).toEqual(['saq', 'visitasi']);
	});

	it('saves new bands, and writes nothing when nothing changed', async () => {
		const bands = [
			{ label: 'Baik', min: 70 },
			{ label: 'Kurang', min: 0 }
		];
		await saveStructure(periodId, { ...twoStages(), bands }, actor, db);
		expect((await rubricOf(periodId, db)).bands).toEqual(bands);
		expect(await saveStructure(periodId, twoStages(), actor, db)).toBe(false);
		expect(await structureAudits()).toHaveLength(1);
	});

	it('lets a draft hold the KIP stages before they have aspects, but not open until filled', async () => {
		const rubric = await rubricOf(periodId, db);
		await saveStructure(periodId, withKipStages(rubric), actor, db);
		expect((await rubricOf(periodId, db)).stages.map((s) => s.key)).toEqual(
			KIP_STAGES.map((s) => s.key)
		);
		// The indicator editor still saves while the draft has gaps.
		const rows = await indicatorRows(periodId, db);
		const kept = rubric.indicators.map((ind, i) => ({ ...ind, id: rows[i]!.id }));
		await saveIndicators(periodId, kept, actor, db);
		const e = await transition(periodId, 'open', admin, '', db).catch((x) => x);
		expect(e).toBeInstanceOf(WorkflowError);
		expect((e as WorkflowError).message).toMatch(/belum lengkap: Tahap "saq" tidak punya aspek/);
	});

	it('refuses stage shares that do not add up to 100, changing nothing', async () => {
		const s = twoStages();
		s.stages[1]!.share = 20;
		await expectRefused(
			saveStructure(periodId, s, actor, db),
			/Bobot tahap berjumlah 90, seharusnya 100/
		);
		expect((await rubricOf(periodId, db)).stages.map((x) => x.key)).toEqual(['utama']);
		expect(await structureAudits()).toHaveLength(0);
	});

	it('refuses weighted aspects of a stage that do not add up to 100', async () => {
		const s = twoStages();
		s.aspects.push({ key: 'kualitas', label: 'Kualitas', stage: 'saq', share: 40 });
		s.aspects[0]!.share = 50;
		await expectRefused(
			saveStructure(periodId, s, actor, db),
			/Bobot aspek tahap "saq" berjumlah 90/
		);
	});

	it('refuses removing an aspect indicators still use, naming it and them', async () => {
		const s = twoStages();
		s.aspects = s.aspects.filter((a) => a.key !== 'dip');
		s.aspects.push({ key: 'saq-umum', label: 'Umum', stage: 'saq', share: null });
		await expectRefused(
			saveStructure(periodId, s, actor, db),
			/Aspek "Daftar Informasi Publik" \(dip\) masih dipakai oleh 13 indikator \("Struktur Organisasi & Nama Pejabat", .*, dan 8 lainnya\): pindahkan/
		);
		expect(await structureAudits()).toHaveLength(0);
	});

	it('refuses removing a stage that an aspect is still in', async () => {
		const s = twoStages();
		s.stages = [{ ...s.stages[0]!, share: 100 }];
		await expectRefused(
			saveStructure(periodId, s, actor, db),
			/Aspek "kunjungan" merujuk ke tahap "visitasi" yang tidak ada/
		);
	});

	it('refuses gaps once the period is open, and any change once final', async () => {
		await transition(periodId, 'open', admin, '', db);
		await expectRefused(
			saveStructure(periodId, twoStages(), actor, db),
			/Aspek "kunjungan" tidak punya indikator/
		);
		const s = twoStages();
		s.aspects.pop();
		s.aspects[0]!.stage = 'saq';
		s.stages = [{ ...s.stages[0]!, share: 100 }];
		expect(await saveStructure(periodId, s, actor, db)).toBe(true);
		await transition(periodId, 'evaluation', admin, '', db);
		await transition(periodId, 'final', admin, '', db);
		const e = await saveStructure(periodId, twoStages(), actor, db).catch((x) => x);
		expect(e).toBeInstanceOf(WorkflowError);
		expect((e as WorkflowError).status).toBe(409);
		expect(await structureAudits()).toHaveLength(1);
	});
});
