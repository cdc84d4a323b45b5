/**
 * Awards as the programmes give them: the OPDs ranked in groups by kind (dinas, badan, kecamatan,
 * …), each group with its own Terbaik I–III and Harapan I–III, and the OPDs the team left out
 * ("tidak dinilai") listed apart in the group of their kind, never ranked.
 *
 * A group's order is the period's one order (`orderParts` of the engine) restricted to the group:
 * the same priority list and the same recorded tie decisions settle it, so an OPD above another
 * in the overall ranking stays above it in its group. Without a grouping in the rubric there is
 * one group of every OPD whose positions are the period's podium (`awards`), unchanged.
 */
import { awardsFromParts, orderParts, type AwardCandidate } from './awards';
import type { AwardGroupDef, AwardGroupsConfig, AwardPosition, Rubric } from './types';
import { kindOfEntry, type NotRatedKind } from '../workflow/not-rated';

export type { AwardGroupDef, AwardGroupsConfig } from './types';

/** Most positions of one kind a group gives; more would not be an award any more. */
export const MAX_TIER_COUNT = 10;

/** Key and label of the single group of a period without a grouping. */
export const ALL_GROUP = { key: 'semua', label: 'Semua OPD' } as const;

/** One OPD's place in its group. */
export interface GroupPlace {
	opd: string;
	/** Competition rank inside the group ("1, 1, 3"), after the period's tie-break. */
	rank: number;
	tied: boolean;
}

/** A group's ranking and awards, as published. */
export interface AwardGroupResult extends AwardGroupDef {
	/** The tier labels of this group, best first. */
	tiers: string[];
	/** The group's OPDs in the period's order, with their rank in the group. */
	ranking: GroupPlace[];
	/** Award positions of the group, as the period's podium (open ties fill each position). */
	awards: AwardPosition[];
	/** OPDs of the group's kinds the team left out ("tidak dinilai"): listed apart, not ranked. */
	notRated: string[];
	/**
	 * OPDs of the group's kinds that did not take part ("tidak berpartisipasi"): listed apart
	 * under their own heading, not ranked. Present only when there are any (results published
	 * before the distinction keep their bytes).
	 */
	notParticipating?: string[];
}

const ROMAN: [number, string][] = [
	[10, 'X'],
	[9, 'IX'],
	[5, 'V'],
	[4, 'IV'],
	[1, 'I']
];

/** 1 → "I", 4 → "IV", 10 → "X" (positions stay far below 40). */
export function romanNumeral(n: number): string {
	let rest = n;
	let out = '';
	for (const [value, numeral] of ROMAN) {
		while (rest >= value) {
			out += numeral;
			rest -= value;
		}
	}
	return out;
}

/** ["Terbaik I", …, "Harapan I", …] for `best` and `runnersUp` positions. */
export function tierLabels(best: number, runnersUp: number): string[] {
	const label = (word: string, count: number) =>
		Array.from({ length: count }, (_, i) => `${word} ${romanNumeral(i + 1)}`);
	return [...label('Terbaik', best), ...label('Harapan', runnersUp)];
}

/** A group key from its label: lower case, letters and digits joined by "-". */
export function groupKey(label: string): string {
	const key = label
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
	return key || 'kelompok';
}

/**
 * Groups from one label per kind: kinds with the same label (compared without case and
 * surrounding blanks) form one group, in the order their first kind comes in `kinds`.
 */
export function groupsFromLabels(labels: { kind: string; label: string }[]): AwardGroupDef[] {
	const groups: AwardGroupDef[] = [];
	for (const { kind, label } of labels) {
		const trimmed = label.trim().replace(/\s+/g, ' ');
		const same = groups.find((g) => g.label.toLowerCase() === trimmed.toLowerCase());
		if (same) same.kinds.push(kind);
		else groups.push({ key: groupKey(trimmed), label: trimmed, kinds: [kind] });
	}
	// Two labels can slug alike ("Dinas/Badan", "Dinas Badan"): number the later ones.
	const seen = new Map<string, number>();
	for (const g of groups) {
		const n = (seen.get(g.key) ?? 0) + 1;
		seen.set(g.key, n);
		if (n > 1) g.key = `${g.key}-${n}`;
	}
	return groups;
}

/** What is wrong with a grouping, in words for the settings form; empty when it can be saved. */
export function awardGroupsProblems(config: AwardGroupsConfig, kinds: readonly string[]): string[] {
	const problems: string[] = [];
	const count = (n: number) => Number.isInteger(n) && n >= 0 && n <= MAX_TIER_COUNT;
	if (!count(config.best) || !count(config.runnersUp))
		problems.push(`Jumlah Terbaik dan Harapan masing-masing 0 sampai ${MAX_TIER_COUNT}.`);
	else if (config.best + config.runnersUp === 0)
		problems.push('Setiap kelompok memberi sedikitnya satu penghargaan.');
	if (config.groups.some((g) => g.label.trim() === ''))
		problems.push('Setiap jenis OPD perlu nama kelompok.');
	const placed = config.groups.flatMap((g) => g.kinds);
	const missing = kinds.filter((k) => !placed.includes(k));
	if (missing.length) problems.push(`Jenis OPD tanpa kelompok: ${missing.join(', ')}.`);
	const twice = placed.filter((k, i) => placed.indexOf(k) !== i);
	if (twice.length) problems.push(`Jenis OPD di lebih dari satu kelompok: ${twice.join(', ')}.`);
	return problems;
}

/** The rank of each part of an order: parts still level share it ("1, 1, 3"). */
function placesOf(parts: { opds: AwardCandidate[] }[]): GroupPlace[] {
	const places: GroupPlace[] = [];
	for (const part of parts) {
		const rank = places.length + 1;
		const tied = part.opds.length > 1;
		for (const o of part.opds) places.push({ opd: o.opd, rank, tied });
	}
	return places;
}

/**
 * The award groups of a period from its results in the engine's order (`PeriodResult.opds`).
 * `kindOf` names each OPD's kind; `notRated` are the OPDs left out, with their kind and which way
 * they are left out (`notRatedKind`, "tidak dinilai" when absent). With no
 * grouping in the rubric: one group of all ({@link ALL_GROUP}) with the rubric's award tiers,
 * whose awards equal the period's podium.
 */
export function awardGroups(
	rubric: Rubric,
	ordered: AwardCandidate[],
	kindOf: (opd: string) => string | undefined,
	notRated: { opd: string; kind: string; notRatedKind?: NotRatedKind }[] = []
): AwardGroupResult[] {
	const config = rubric.awardGroups;
	const defs: AwardGroupDef[] = config
		? config.groups
		: [{ ...ALL_GROUP, kinds: presentKinds(ordered, kindOf, notRated) }];
	const tiers = config ? tierLabels(config.best, config.runnersUp) : rubric.awardTiers;
	const withTiers: Rubric = { ...rubric, awardTiers: tiers };
	return defs.map((def) => {
		const inGroup = (kind: string | undefined) => !config || def.kinds.includes(kind ?? '');
		const members = ordered.filter((o) => inGroup(kindOf(o.opd)));
		const parts = orderParts(rubric, members);
		const out = notRated.filter((n) => inGroup(n.kind));
		const apart = (k: NotRatedKind) =>
			out.filter((n) => kindOfEntry({ kind: n.notRatedKind }) === k).map((n) => n.opd);
		const notParticipating = apart('tidak berpartisipasi');
		return {
			key: def.key,
			label: def.label,
			kinds: [...def.kinds],
			tiers: [...tiers],
			ranking: placesOf(parts),
			awards: awardsFromParts(withTiers, parts),
			notRated: apart('tidak dinilai'),
			...(notParticipating.length ? { notParticipating } : {})
		};
	});
}

/** The kinds of the OPDs of a period (rated or not), in the order they come. */
function presentKinds(
	ordered: AwardCandidate[],
	kindOf: (opd: string) => string | undefined,
	notRated: { kind: string }[]
): string[] {
	const kinds = [...ordered.map((o) => kindOf(o.opd) ?? ''), ...notRated.map((n) => n.kind)];
	return [...new Set(kinds.filter((k) => k !== ''))];
}
