/**
 * The dashboard's filters (OPD kind, indicator group, the two years compared): which values exist,
 * and reading them from a query string safely (an unknown value means "no filter", never an error).
 */
import type { Rubric } from '../scoring/types';
import type { Restriction } from './rescore';

/** The OPD kinds; `server/db/schema.ts` takes the opds.kind column's values from here. */
export const OPD_KINDS = ['dinas', 'badan', 'kecamatan', 'sekretariat', 'lainnya'] as const;
export type OpdKind = (typeof OPD_KINDS)[number];

/** Indonesian labels of the OPD kinds. */
export const KIND_LABELS: Record<string, string> = {
	dinas: 'Dinas',
	badan: 'Badan',
	kecamatan: 'Kecamatan',
	sekretariat: 'Sekretariat',
	lainnya: 'Lainnya (Satpol PP, Inspektorat, …)'
} satisfies Record<OpdKind, string>;

export interface Option {
	value: string;
	label: string;
	count: number;
}

/** The OPD kinds present in a roster, with how many OPDs each has, in KIND_LABELS order. */
export function kindOptions(roster: { kind: string }[]): Option[] {
	const counts = new Map<string, number>();
	for (const r of roster) counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);
	const known: string[] = [...OPD_KINDS];
	return [...counts.keys()]
		.sort((a, b) => rankOf(known, a) - rankOf(known, b) || a.localeCompare(b))
		.map((value) => ({ value, label: KIND_LABELS[value] ?? value, count: counts.get(value) ?? 0 }));
}

function rankOf(list: string[], value: string): number {
	const i = list.indexOf(value);
	return i < 0 ? list.length : i;
}

/** The indicator groups (aspects) of a rubric that hold indicators, with their indicator count. */
export function aspectOptions(rubric: Rubric): Option[] {
	return rubric.aspects
		.map((a) => ({
			value: a.key,
			label: a.label,
			count: rubric.indicators.filter((i) => i.aspect === a.key).length
		}))
		.filter((o) => o.count > 0);
}

export interface Filter {
	kind: string | null;
	aspect: string | null;
}

/** Reads `jenis` and `aspek` from a query string; values not on offer are dropped. */
export function parseFilter(
	params: { get(name: string): string | null },
	kinds: Option[],
	aspects: Option[]
): Filter {
	const pick = (name: string, options: Option[]) => {
		const value = params.get(name);
		return value && options.some((o) => o.value === value) ? value : null;
	};
	// A rubric with a single group has nothing to filter.
	return { kind: pick('jenis', kinds), aspect: aspects.length > 1 ? pick('aspek', aspects) : null };
}

/** The restriction a filter stands for, given the roster (OPD key → kind). */
export function restrictionOf(
	filter: Filter,
	roster: { slug: string; kind: string }[]
): Restriction {
	return {
		opds: filter.kind
			? new Set(roster.filter((r) => r.kind === filter.kind).map((r) => r.slug))
			: null,
		aspect: filter.aspect
	};
}

/**
 * The two years to compare: `dari` and `ke` when both are known years in the right order,
 * otherwise the `current` year (the dashboard's) against the year before it, or without a
 * current year the last two; null when fewer than two years exist.
 */
export function pickYears(
	params: { get(name: string): string | null },
	years: number[],
	current?: number
): { before: number; after: number } | null {
	const sorted = [...new Set(years)].sort((a, b) => a - b);
	if (sorted.length < 2) return null;
	const from = Number(params.get('dari'));
	const to = Number(params.get('ke'));
	if (sorted.includes(from) && sorted.includes(to) && from < to) return { before: from, after: to };
	// The year on screen against the one before it; the earliest year against the next one.
	const at = current === undefined ? -1 : sorted.indexOf(current);
	if (at > 0) return { before: sorted[at - 1]!, after: current! };
	if (at === 0) return { before: current!, after: sorted[1]! };
	return { before: sorted[sorted.length - 2]!, after: sorted[sorted.length - 1]! };
}

/** The query string for a filter (and optional years), without empty values: "?jenis=dinas". */
export function filterQuery(
	filter: Filter,
	years?: { before: number; after: number } | null
): string {
	const params = new URLSearchParams();
	if (filter.kind) params.set('jenis', filter.kind);
	if (filter.aspect) params.set('aspek', filter.aspect);
	if (years) {
		params.set('dari', String(years.before));
		params.set('ke', String(years.after));
	}
	const text = params.toString();
	return text ? `?${text}` : '';
}
