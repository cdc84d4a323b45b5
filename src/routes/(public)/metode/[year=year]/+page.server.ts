import { error } from '@sveltejs/kit';
import { bandRanges, isFlat, rubricRows, tieRule } from '$lib/insights';
import { publishedMethod } from '$lib/server/results/open-data';
import { publishedYears } from '$lib/server/results/results';
import { getByYear, indicatorRows } from '$lib/server/periods/periods';
import { definitionOf } from '$lib/server/periods/rubric';
import { hasDefinition } from '$lib/validation/definition-form';
import type { PageServerLoad } from './$types';

/** How the published scores of a year are made, with a worked example from a real OPD. */
export const load: PageServerLoad = async ({ params }) => {
	const year = Number(params.year);
	const [method, years] = await Promise.all([publishedMethod(year), publishedYears()]);
	if (!method) error(404, `Hasil tahun ${year} belum diterbitkan.`);
	const { rubric } = method;
	// What counts per indicator, from the period's rows: a published period's rubric is frozen.
	const period = await getByYear(year);
	const definitions = period
		? (await indicatorRows(period.id))
				.map((r) => ({ key: r.key, label: r.label, ...definitionOf(r) }))
				.filter(hasDefinition)
		: [];
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
		example: method.example
	};
};
