import * as v from 'valibot';
import { fieldErrors } from './form';

/**
 * The one shape every form action fails with: `fail(status, failure(…))`.
 * - `values`: what the user typed, to refill the form (no passwords);
 * - `errors`: one message per field name (shown next to the field), `_form` for the form as a whole;
 *   a list of problems that belong to no single field is keyed `0`, `1`, … (see `problemErrors`);
 * - `message`: one sentence for the top of the form ('' when the field messages say it all);
 * - `action`: which form failed, when a page has several (the action name, e.g. `'structure'`),
 *   so the page shows the messages where the user clicked.
 * Data a page needs to redraw after a refusal (a draft, a conflicting cell, parse issues of a file)
 * rides along as `extra`; it never replaces the three fields above.
 */
export type Failure = {
	values: Record<string, string>;
	errors: Record<string, string>;
	message: string;
	action?: string;
};

type Parts = Partial<Failure>;

/** The failure shape from its parts; missing parts are empty. */
export function failure(parts: Parts): Failure;
export function failure<T extends object>(parts: Parts, extra: T): Failure & T;
export function failure(parts: Parts, extra: object = {}): Failure {
	return {
		...extra,
		values: parts.values ?? {},
		errors: parts.errors ?? {},
		message: parts.message ?? '',
		...(parts.action ? { action: parts.action } : {})
	};
}

/** A valibot rejection: the first message per field. */
export function invalid(
	issues: [v.BaseIssue<unknown>, ...v.BaseIssue<unknown>[]],
	parts: Omit<Parts, 'errors'> = {}
): Failure {
	return failure({ ...parts, errors: fieldErrors(issues) });
}

/** A list of problems that belong to no single field (a rubric check), as `errors` keyed `0`, `1`, …. */
export function problemErrors(problems: readonly string[]): Record<string, string> {
	return Object.fromEntries(problems.map((p, i) => [String(i), p]));
}

/** The problems of `problemErrors`, in order (what a page lists). */
export function problemsOf(errors: Record<string, string> | undefined): string[] {
	return Object.entries(errors ?? {})
		.filter(([key]) => /^\d+$/.test(key))
		.sort(([a], [b]) => Number(a) - Number(b))
		.map(([, message]) => message);
}
