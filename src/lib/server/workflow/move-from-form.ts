import { PERIOD_STATUSES, needsConfirmation, type PeriodStatus } from '../../workflow/lifecycle';
import { CONFIRM_VALUE } from '../../workflow/readiness';
import { db } from '../db';
import { WorkflowError } from './error';
import { transition, type Mover } from './lifecycle';
import { publishInThread } from './publish-thread';

/**
 * A move asked for by a form (`to`, `reason`, `confirm`): finalising and publishing need the
 * confirmation box ticked after the readiness summary. Returns the new status.
 */
export async function moveFromForm(
	periodId: number,
	values: Record<string, string | undefined>,
	mover: Mover
): Promise<PeriodStatus> {
	const to = values.to ?? '';
	if (!(PERIOD_STATUSES as readonly string[]).includes(to))
		throw new WorkflowError(400, 'Status tujuan tidak dikenal.');
	const status = to as PeriodStatus;
	if (needsConfirmation(status) && values.confirm !== CONFIRM_VALUE)
		throw new WorkflowError(
			400,
			'Periksa ringkasan kesiapan lalu centang "Saya sudah memeriksa ringkasan ini" sebelum melanjutkan.'
		);
	// Publishing scores the year and builds every public file: off the event loop.
	if (status === 'published') await publishInThread(periodId, mover, values.reason ?? '', db());
	else await transition(periodId, status, mover, values.reason ?? '');
	return status;
}
