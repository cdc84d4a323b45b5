import { fail } from '@sveltejs/kit';
import { requireCapability } from '$lib/server/auth/guards';
import { openTies, recordTieDecision } from '$lib/server/workflow/ties';
import { actorOf } from '$lib/server/accounts/users';
import { failFrom } from '$lib/server/workflow/error';
import { periodOrNotFound } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';
import { failure } from '$lib/validation/failure';

/** The live podium of a period and the open ties the team has to decide. */
export const load: PageServerLoad = async ({ params }) => {
	requireCapability('cells.verify');
	const period = await periodOrNotFound(params.year);
	const { view, ties } = await openTies(period.id);
	const names = new Map(view.roster.map((r) => [r.slug, r.shortName]));
	return {
		period: { year: period.year, title: period.title, published: period.status === 'published' },
		awards: view.result.awards,
		names: [...names],
		decisions: view.result.rubric.tieBreak.decisions,
		ties: ties.map((t) => ({
			positions: t.positions,
			opds: t.opds.map((slug) => ({ slug, name: names.get(slug) ?? slug }))
		}))
	};
};

export const actions: Actions = {
	decide: async ({ params, request }) => {
		const user = requireCapability('cells.verify');
		const period = await periodOrNotFound(params.year);
		const data = await request.formData();
		const slugs = data.getAll('opd').map(String);
		const ranks = slugs.map((slug) => Number(data.get(`rank_${slug}`)));
		if (ranks.some((r) => !Number.isInteger(r) || r < 1) || new Set(ranks).size !== ranks.length)
			return fail(400, failure({ message: 'Beri setiap OPD urutan yang berbeda (1, 2, 3, …).' }));
		const order = slugs
			.map((slug, i) => ({ slug, rank: ranks[i]! }))
			.sort((a, b) => a.rank - b.rank)
			.map((o) => o.slug);
		try {
			await recordTieDecision(period.id, order, String(data.get('reason') ?? ''), actorOf(user));
			return { decided: true };
		} catch (e) {
			return failFrom(e);
		}
	}
};
