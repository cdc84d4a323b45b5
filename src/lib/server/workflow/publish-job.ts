import type { Conn } from '../db';
import { WorkflowError } from './error';
import { transition, type Mover } from './lifecycle';

/**
 * Publishing a period as a job a worker thread runs (publish-thread.ts): the same transition as
 * on the request path — readiness checks, scores, snapshot, published files and audit record in
 * one transaction — on the thread's own connection, once the main thread holds the process's
 * write lock for it. A refusal comes back as data (an Error does not cross threads as a class).
 */
export interface PublishJob {
	periodId: number;
	mover: Mover;
	reason: string;
}

export type PublishOutcome =
	{ kind: 'published' } | { kind: 'refused'; status: WorkflowError['status']; message: string };

export async function runPublishJob(
	job: PublishJob,
	conn: Conn,
	acquire: () => Promise<void>
): Promise<PublishOutcome> {
	await acquire();
	try {
		await transition(job.periodId, 'published', job.mover, job.reason, conn);
		return { kind: 'published' };
	} catch (e) {
		if (e instanceof WorkflowError)
			return { kind: 'refused', status: e.status, message: e.message };
		throw e;
	}
}
