/**
 * The rubric's structure: the stages an evaluation goes through, the aspects (indicator groups)
 * scored in each, and the qualification bands. They live in the period's rubric config beside the
 * indicator rows; keys are stable slugs (indicators, tie-breaks and published results refer to
 * them), labels may change.
 */
import { eq } from 'drizzle-orm';
import { rubricGaps, validateRubric } from '../../scoring';
import type { Indicator } from '../../scoring/types';
import { structureFields, type StructureDraft } from '../../validation/structure-form';
import * as audit from '../audit/audit';
import type { Actor } from '../audit/audit';
import { db, type Conn } from '../db';
import { periods, type RubricConfig } from '../db/schema';
import { indicatorRows, toIndicator } from './periods';
import { editablePeriod, RubricInvalid } from './rubric';

/** The part of the config this editor changes, for the audit record. */
const structureOfConfig = (c: RubricConfig) => ({
	stages: c.stages,
	aspects: c.aspects,
	bands: c.bands
});

/** One sentence per removed aspect that indicators still use, naming it and them. */
function aspectsStillUsed(
	before: RubricConfig['aspects'],
	after: StructureDraft['aspects'],
	indicators: Indicator[]
): string[] {
	const kept = new Set(after.map((a) => a.key));
	return before.flatMap((aspect) => {
		if (kept.has(aspect.key)) return [];
		const users = indicators.filter((i) => i.aspect === aspect.key);
		if (!users.length) return [];
		const named = users.slice(0, 5).map((i) => `"${i.label}"`);
		if (users.length > 5) named.push(`dan ${users.length - 5} lainnya`);
		return [
			`Aspek "${aspect.label}" (${aspect.key}) masih dipakai oleh ${users.length} indikator ` +
				`(${named.join(', ')}): pindahkan indikator itu ke aspek lain dulu, baru hapus aspeknya.`
		];
	});
}

/**
 * Replaces a period's stages and aspects (and bands, when given) after `validateRubric` accepts
 * them with the period's current indicators. An aspect that indicators still use cannot be
 * removed. While the period is a draft the rubric may still have gaps (a stage without aspects,
 * an aspect without indicators), so it can be built step by step; the period opens only once
 * they are filled. One transaction, audited as `rubric.structure` with before and after.
 * Returns false, writing nothing, when nothing changed.
 */
export async function saveStructure(
	periodId: number,
	draft: StructureDraft,
	actor: Actor,
	conn: Conn = db()
): Promise<boolean> {
	return conn.transaction(async (tx) => {
		const period = await editablePeriod(periodId, tx);
		const indicators = (await indicatorRows(periodId, tx)).map(toIndicator);
		const old = period.rubricConfig;
		const inUse = aspectsStillUsed(old.aspects, draft.aspects, indicators);
		if (inUse.length) throw new RubricInvalid(inUse);
		const config: RubricConfig = {
			...old,
			stages: draft.stages,
			aspects: draft.aspects,
			bands: draft.bands ?? old.bands
		};
		const problems = validateRubric(
			{ ...config, indicators },
			{ allowGaps: period.status === 'draft' }
		);
		if (problems.length) throw new RubricInvalid(problems);
		const before = structureOfConfig(old);
		const after = structureOfConfig(config);
		if (JSON.stringify(before) === JSON.stringify(after)) return false;
		await tx.update(periods).set({ rubricConfig: config }).where(eq(periods.id, periodId));
		await audit.record(
			actor,
			{
				action: 'rubric.structure',
				entityType: 'period',
				entityId: period.year,
				periodId,
				before,
				after
			},
			tx
		);
		return true;
	});
}

/**
 * What the structure editor shows: the saved rows, how many indicators each aspect has (an
 * aspect in use cannot be removed) and what the rubric still lacks.
 */
export function structureView(config: RubricConfig, indicators: Indicator[]) {
	return {
		fields: structureFields(config),
		indicatorsPerAspect: Object.fromEntries(
			config.aspects.map((a) => [a.key, indicators.filter((i) => i.aspect === a.key).length])
		) as Record<string, number>,
		gaps: rubricGaps({ ...config, indicators })
	};
}
