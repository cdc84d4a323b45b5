import { can, type Role } from '../permissions';
import type { PeriodStatus } from './lifecycle';

/** Which side of a cell a file belongs to: the operator's self-assessment or the evaluator's. */
export const EVIDENCE_SIDES = ['self', 'verified'] as const;
export type EvidenceSide = (typeof EVIDENCE_SIDES)[number];

/**
 * Whether a signed-in user may download an evidence file. Admin, evaluator and pimpinan see every
 * OPD's files (they see every cell); an operator only its own OPD's: its self-assessment files
 * always, the evaluator's once the period is published (as the evidence links on the OPD page).
 * Anyone else (another OPD's operator, the petugas, the public) never. Pure: the download route
 * calls it with the file's row.
 */
export function maySeeEvidence(
	user: { role: Role; opdId: number | null },
	file: { opdId: number; side: EvidenceSide },
	status: PeriodStatus
): boolean {
	if (!can(user.role, 'evidence.view')) return false;
	if (can(user.role, 'opd.viewAny')) return true;
	if (user.role !== 'operator' || user.opdId !== file.opdId) return false;
	return file.side === 'self' || status === 'published';
}
