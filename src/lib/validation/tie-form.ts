/** The podium page's tie decision: a distinct rank (1, 2, 3, …) for each tied OPD. Pure. */
import * as v from 'valibot';

const MESSAGE = 'Beri setiap OPD urutan yang berbeda (1, 2, 3, …).';

/** The tied OPDs with the rank typed beside each → their slugs, first place first. */
export const tieOrderSchema = v.pipe(
	v.array(
		v.object({
			slug: v.string(),
			rank: v.pipe(
				v.optional(v.string(), ''),
				v.trim(),
				v.regex(/^[1-9][0-9]{0,3}$/, MESSAGE),
				v.transform(Number)
			)
		})
	),
	v.check((rows) => new Set(rows.map((r) => r.rank)).size === rows.length, MESSAGE),
	v.transform((rows) => [...rows].sort((a, b) => a.rank - b.rank).map((r) => r.slug))
);
