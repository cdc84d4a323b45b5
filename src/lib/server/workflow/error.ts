import { fail } from '@sveltejs/kit';

/**
 * A refusal a user can act on (a locked period, a missing reason, a move the role may not make),
 * with the HTTP status a route should answer with. The data layer throws it before changing
 * anything; routes turn it into `fail(status, { message })` with `failFrom`.
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

/** `fail(status, { message, ...extra })` for a WorkflowError; anything else is rethrown. */
export function failFrom<T extends Record<string, unknown> = Record<never, never>>(
	e: unknown,
	extra?: T
) {
	if (e instanceof WorkflowError)
		return fail(e.status, { message: e.message, ...(extra ?? ({} as T)) });
	throw e;
}
