import { error } from '@sveltejs/kit';
import { bandRanges, isFlat, rubricRows, tieRule } from '$lib/insights';
import { publishedMethod } from '$lib/server/results/open-data';
import { publishedYears } from '$lib/server/results/results';
import { definitionsOfYear } from '$lib/server/periods/rubric';
import type { PageServerLoad } from './$types';
import { tierLabels } from '$lib/scoring/award-groups';

/** How the published scores of a year are made, with a worked example from a real OPD. */
export const load: PageServerLoad = async ({ params }) => {
	const year = Number(params.year);
	// What counts per indicator comes from the period's rows: a published rubric is frozen.
	const [method, years, definitions] = await Promise.all([
		publishedMethod(year),
		publishedYears(),
		definitionsOfYear(year)
	]);
	if (!method) error(404, `Hasil tahun ${year} belum diterbitkan.`);
	const { rubric } = method;
	return {
		definitions,
		year,
		title: method.title,
		years: years.map((y) => y.year),
		rows: rubricRows(rubric),
		bands: bandRanges(rubric.bands, rubric.decimals),
		tieRule: tieRule(rubric),
		flat: isFlat(rubric),
		aspects: rubric.aspects,
		stages: [...rubric.stages].sort((a, b) => a.order - b.order),
		decimals: rubric.decimals,
		awardTiers: rubric.awardTiers,
		awardGroups: rubric.awardGroups
			? {
					groups: rubric.awardGroups.groups.map((g) => g.label),
					tiers: tierLabels(rubric.awardGroups.best, rubric.awardGroups.runnersUp)
				}
			: null,
		example: method.example
	};
};
