import { createOpdIndex, type OpdIndex } from '../../import';
import { eq } from 'drizzle-orm';
import type { Conn } from '../db';
import { periods } from '../db/schema';
import { candidatesOfRoster, rosterText, type MatchCandidate } from '../opds/master';

/**
 * The OPD matcher of an import: the candidates, the index that looks names up among them
 * (`import/opd-index.ts`) and the OPD selects' choices, all built from the candidates alone.
 */
export interface Matcher {
	candidates: MatchCandidate[];
	byKey: Map<string, MatchCandidate>;
	index: OpdIndex;
	/** The OPD selects' options, by name (sorted on first use). */
	choices(): { slug: string; name: string }[];
}

export function matcherOf(candidates: MatchCandidate[]): Matcher {
	let choices: { slug: string; name: string }[] | null = null;
	return {
		candidates,
		byKey: new Map(candidates.map((c) => [c.key, c])),
		// Exact names and aliases come from a map, the rest from a trigram shortlist: a row looks
		// at a few OPDs, never the whole roster.
		index: createOpdIndex(candidates),
		choices: () =>
			(choices ??= candidates
				.map((c) => ({ slug: c.key, name: c.names[0] ?? c.key }))
				.sort((a, b) => a.name.localeCompare(b.name, 'id')))
	};
}

/**
 * The last roster's matcher, kept with the text it was built from. The text is the whole input
 * of the build (`rosterText`: every id, slug, name, printed name, number and alias of the roster),
 * so an equal text read now gives this very matcher, and any change to an OPD, alias or roster
 * row (on any instance) gives a different text and a new build: it cannot be stale. Reading the
 * text still costs the query (≈ 40 ms at 40,000 OPDs); parsing it and building the index (names
 * normalised, trigram postings) is what is skipped. One roster is kept: a long-lived import
 * thread (file.ts) previews one year after another.
 */
let last: { text: { roster: string; aliases: string }; matcher: Matcher } | null = null;

export interface RosterMatcherStats {
	builds: number;
	reuses: number;
}

/** Builds and reuses of the roster matcher in this thread (tests). */
export const rosterMatcherStats: RosterMatcherStats = { builds: 0, reuses: 0 };

/** The matcher of a period's roster: the one kept when the roster reads the same, else a new one. */
export async function rosterMatcher(periodId: number, conn: Conn): Promise<Matcher> {
	const text = await rosterText(periodId, conn);
	if (last && last.text.roster === text.roster && last.text.aliases === text.aliases) {
		rosterMatcherStats.reuses++;
		return last.matcher;
	}
	// Dropped before the build: two rosters are never held at once.
	last = null;
	const matcher = matcherOf(candidatesOfRoster(text));
	rosterMatcherStats.builds++;
	last = { text, matcher };
	return matcher;
}

/**
 * Builds the matcher of a year's roster ahead of its first step, fuzzy part included (or finds
 * it kept): the import page asks for its default year's (plan-thread.ts). The thread's counts.
 */
export async function prepareRosterMatcher(year: number, conn: Conn): Promise<RosterMatcherStats> {
	const [period] = await conn
		.select({ id: periods.id })
		.from(periods)
		.where(eq(periods.year, year))
		.limit(1);
	if (period) (await rosterMatcher(period.id, conn)).index.prepare();
	return { ...rosterMatcherStats };
}
