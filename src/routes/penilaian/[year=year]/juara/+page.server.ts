import { fail } from '@sveltejs/kit';
import { requireCapability } from '$lib/server/auth/guards';
import { openTies, recordTieDecision } from '$lib/server/workflow/ties';
import { actorOf } from '$lib/server/accounts/users';
import { failFrom } from '$lib/server/workflow/error';
import { periodOrNotFound } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';
import { failure } from '$lib/validation/failure';
import { formValues, readWith } from '$lib/validation/form';
import { tieOrderSchema } from '$lib/validation/tie-form';

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
		const values = formValues(data);
		const read = readWith(
			tieOrderSchema,
			data.getAll('opd').map((slug) => ({ slug: String(slug), rank: values[`rank_${slug}`] }))
		);
		if (!read.ok) return fail(400, failure({ message: read.message }));
		try {
			await recordTieDecision(period.id, read.value, values.reason ?? '', actorOf(user));
			return { decided: true };
		} catch (e) {
			return failFrom(e);
		}
	}
};
