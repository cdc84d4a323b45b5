/**
 * The two ways the team leaves an OPD out of a period's scoring (issue 13 §7): "tidak dinilai"
 * (evaluated but excluded, always with a reason) and "tidak berpartisipasi" (did not take part,
 * the reason optional). Both are out of ranking and awards and are listed apart, each under its
 * own heading. One list, used by the schema, the form, the results and the report.
 */
export const NOT_RATED_KINDS = ['tidak dinilai', 'tidak berpartisipasi'] as const;
export type NotRatedKind = (typeof NOT_RATED_KINDS)[number];

/** What an entry without a kind (stored or published before the choice existed) is. */
export const DEFAULT_NOT_RATED_KIND: NotRatedKind = 'tidak dinilai';

/** The heading each kind is listed under. */
export const NOT_RATED_HEADINGS: Record<NotRatedKind, string> = {
	'tidak dinilai': 'OPD tidak dinilai',
	'tidak berpartisipasi': 'OPD tidak berpartisipasi'
};

/** Each kind as a label on its own (a table cell, a CSV value). */
export const NOT_RATED_LABELS: Record<NotRatedKind, string> = {
	'tidak dinilai': 'Tidak dinilai',
	'tidak berpartisipasi': 'Tidak berpartisipasi'
};

/** How the team marked an OPD of a roster, with the reason ('' when none was given). */
export interface NotRatedMarking {
	kind: NotRatedKind;
	reason: string;
}

/**
 * A roster entry's marking from its stored reason and kind: none while the reason is null (the OPD
 * is rated); a marking stored before the kind existed reads as {@link DEFAULT_NOT_RATED_KIND}.
 */
export function markingOf(
	reason: string | null,
	kind: NotRatedKind | null | undefined
): NotRatedMarking | null {
	return reason === null ? null : { kind: kindOfEntry({ kind }), reason };
}

/** The page anchor of each kind's list ("tidak-dinilai", "tidak-berpartisipasi"). */
export function notRatedAnchor(kind: NotRatedKind): string {
	return kind.replace(/ /g, '-');
}

/** The shortest reason a "tidak dinilai" decision takes. */
export const MIN_NOT_RATED_REASON = 5;

export function isNotRatedKind(value: unknown): value is NotRatedKind {
	return (NOT_RATED_KINDS as readonly unknown[]).includes(value);
}

/** The kind of an entry, old entries without one read as {@link DEFAULT_NOT_RATED_KIND}. */
export function kindOfEntry(entry: { kind?: NotRatedKind | null }): NotRatedKind {
	return entry.kind ?? DEFAULT_NOT_RATED_KIND;
}

/** Why a reason does not do for a kind (null: it does). "Tidak berpartisipasi" may have none. */
export function notRatedReasonProblem(kind: NotRatedKind, reason: string): string | null {
	const why = reason.trim();
	if (kind === 'tidak berpartisipasi') return null;
	return why.length < MIN_NOT_RATED_REASON
		? `Tuliskan alasan OPD tidak dinilai (minimal ${MIN_NOT_RATED_REASON} karakter).`
		: null;
}

/** The entries of each kind, in the order given. */
export function splitNotRated<T extends { kind?: NotRatedKind | null }>(
	entries: readonly T[]
): Record<NotRatedKind, T[]> {
	const out = Object.fromEntries(NOT_RATED_KINDS.map((k) => [k, [] as T[]])) as Record<
		NotRatedKind,
		T[]
	>;
	for (const e of entries) out[kindOfEntry(e)].push(e);
	return out;
}
