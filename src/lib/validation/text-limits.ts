/**
 * Length limits of free text typed into the app, in one place, with the Indonesian refusal.
 * Nothing here is a database limit (SQLite would take megabytes): they keep a careless paste or
 * a hostile post from filling pages, exports, audit rows and notifications. Pure.
 */
import * as v from 'valibot';

export const TEXT_LIMITS = {
	/** Notes, reasons, appeal reasons and answers. */
	text: 2000,
	/** One web address (evidence link, OPD website). */
	url: 2048,
	/** Names and labels: OPD names, rubric labels. */
	name: 200
} as const;

/** The refusal for a text over its limit, naming the field; null when it fits. */
export function lengthProblem(
	label: string,
	text: string | null | undefined,
	max: number
): string | null {
	if (!text || text.length <= max) return null;
	return `${label} terlalu panjang: ${text.length.toLocaleString('id-ID')} karakter, paling banyak ${max.toLocaleString('id-ID')}.`;
}

/** A valibot action refusing text over `max` characters with `lengthProblem`'s message. */
export const withinLimit = (label: string, max: number) =>
	v.maxLength<string, number, (issue: v.MaxLengthIssue<string, number>) => string>(
		max,
		(issue) => lengthProblem(label, issue.input, max) ?? ''
	);
