/**
 * A period's award groups and tiers (stored with its rubric config, so they travel with the
 * published result and are copied into next year's period). Editable while the rubric is: a
 * final or published period keeps what its results were computed with.
 */
import { eq } from 'drizzle-orm';
import type { AwardGroupsConfig } from '../../scoring/types';
import * as audit from '../audit/audit';
import type { Actor } from '../audit/audit';
import { db, type Conn } from '../db';
import { periods, type RubricConfig } from '../db/schema';
import { editablePeriod } from './rubric';

/**
 * Sets (or, with null, removes) the award grouping of a period. One transaction, audited as
 * `awards.groups` with before and after. Returns false, writing nothing, when nothing changed.
 */
export async function saveAwardGroups(
	periodId: number,
	config: AwardGroupsConfig | null,
	actor: Actor,
	conn: Conn = db()
): Promise<boolean> {
	return conn.transaction(async (tx) => {
		const period = await editablePeriod(periodId, tx);
		const { awardGroups: before = null, ...rest } = period.rubricConfig;
		if (JSON.stringify(before) === JSON.stringify(config)) return false;
		const next: RubricConfig = config ? { ...rest, awardGroups: config } : rest;
		await tx.update(periods).set({ rubricConfig: next }).where(eq(periods.id, periodId));
		await audit.record(
			actor,
			{
				action: 'awards.groups',
				entityType: 'period',
				entityId: period.year,
				periodId,
				before: { awardGroups: before },
				after: { awardGroups: config }
			},
			tx
		);
		return true;
	});
}
