import { fail } from '@sveltejs/kit';
import { failure, type Failure } from '../../validation/failure';

/**
 * A refusal a user can act on (a locked period, a missing reason, a move the role may not make),
 * with the HTTP status a route should answer with. The data layer throws it before changing
 * anything; routes turn it into `fail(status, failure({ message }))` with `failFrom`.
 */
export class WorkflowError extends Error {
	constructor(
		readonly status: 400 | 403 | 404 | 409,
		message: string
	) {
		super(message);
		this.name = 'WorkflowError';
	}
}

/**
 * `fail(status, failure({ message, ...parts }, extra))` for a WorkflowError; anything else is
 * rethrown.
 */
export function failFrom<T extends object = Record<never, never>>(
	e: unknown,
	parts: Omit<Partial<Failure>, 'message'> = {},
	extra: T = {} as T
) {
	if (e instanceof WorkflowError)
		return fail(e.status, failure({ ...parts, message: e.message }, extra));
	throw e;
}
