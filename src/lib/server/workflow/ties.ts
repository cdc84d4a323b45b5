import { eq } from 'drizzle-orm';
import { validateRubric } from '../../scoring';
import * as audit from '../audit/audit';
import type { Actor } from '../audit/audit';
import { db, type Conn } from '../db';
import { periods, users } from '../db/schema';
import { ROLE_LABELS } from '../../permissions';
import { rubricOf } from '../periods/periods';
import { computeView } from '../results/results';
import { WorkflowError } from './error';
import { lengthProblem, TEXT_LIMITS } from '../../validation/text-limits';

/** The podium positions the tie-break leaves open, each with the OPDs that share it. */
export async function openTies(periodId: number, conn: Conn = db()) {
	const [period] = await conn.select().from(periods).where(eq(periods.id, periodId));
	if (!period) throw new WorkflowError(404, 'Periode tidak ditemukan.');
	const view = await computeView(period, conn);
	const groups = new Map<string, { positions: number[]; opds: string[] }>();
	for (const award of view.result.awards) {
		if (award.settled) continue;
		const key = [...award.opds].sort().join(',');
		const group = groups.get(key) ?? { positions: [], opds: award.opds };
		group.positions.push(award.position);
		groups.set(key, group);
	}
	return { view, ties: [...groups.values()] };
}

/** How the public reads who decided: the role's label, or "Tim monev" for the CLI. */
async function publicNameOf(actor: Actor, conn: Conn): Promise<string> {
	if (actor.userId === null) return 'Tim monev';
	const [row] = await conn
		.select({ role: users.role })
		.from(users)
		.where(eq(users.id, actor.userId));
	return row ? ROLE_LABELS[row.role] : 'Tim monev';
}

/**
 * Records the team's order for an open tie on the podium, with its reason, into the period's
 * rubric (tieBreak.decisions, with who and when), so the podium shows how it was decided. The
 * order must list exactly the OPDs of one open tie. Refused once published (the public snapshot
 * never changes silently: reopen first). Audited.
 */
export async function recordTieDecision(
	periodId: number,
	order: string[],
	reason: string,
	actor: Actor,
	conn: Conn = db()
): Promise<void> {
	const why = reason.trim();
	if (why.length < 5)
		throw new WorkflowError(400, 'Tuliskan alasan keputusan (minimal 5 karakter).');
	const whyTooLong = lengthProblem('Alasan keputusan', why, TEXT_LIMITS.text);
	if (whyTooLong) throw new WorkflowError(400, whyTooLong);
	await conn.transaction(async (tx) => {
		const { view, ties } = await openTies(periodId, tx);
		if (view.status === 'published')
			throw new WorkflowError(
				409,
				'Periode sudah dipublikasikan: buka kembali periode sebelum memutuskan urutan seri.'
			);
		const wanted = [...order].sort().join(',');
		const tie = ties.find((t) => [...t.opds].sort().join(',') === wanted);
		if (!tie || new Set(order).size !== order.length)
			throw new WorkflowError(
				400,
				'Urutan harus mencantumkan tepat OPD yang bernilai sama, masing-masing sekali.'
			);
		const rubric = await rubricOf(periodId, tx);
		const decision = {
			order,
			reason: why,
			// The decision is published with the rubric: it names a role, never a login (the
			// audit log keeps who it was).
			decidedBy: await publicNameOf(actor, tx),
			decidedAt: new Date().toISOString()
		};
		const tieBreak = { ...rubric.tieBreak, decisions: [...rubric.tieBreak.decisions, decision] };
		const problems = validateRubric({ ...rubric, tieBreak });
		if (problems.length) throw new WorkflowError(400, problems.join(' '));
		const { indicators: _indicators, ...config } = rubric;
		await tx
			.update(periods)
			.set({ rubricConfig: { ...config, tieBreak } })
			.where(eq(periods.id, periodId));
		await audit.record(
			actor,
			{
				action: 'tie.decide',
				entityType: 'period',
				entityId: view.year,
				periodId,
				after: decision
			},
			tx
		);
	});
}
