/**
 * A refusal a user can act on (a locked period, a missing reason, a move the role may not make),
 * with the HTTP status a route should answer with. The data layer throws it before changing
 * anything; routes turn it into `fail(status, { message })` or `error(status, message)`.
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
