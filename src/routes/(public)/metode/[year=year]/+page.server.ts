import { error } from '@sveltejs/kit';
import { bandRanges, exampleOpd, isFlat, rubricRows, tieRule } from '$lib/insights';
import { explainScore } from '$lib/scoring/explain';
import { publishedView, publishedYears } from '$lib/server/results';
import type { PageServerLoad } from './$types';

/** Static reading: no JavaScript is shipped (fast on a cheap phone); links and forms work without it. */
export const csr = false;

/** How the published scores of a year are made, with a worked example from a real OPD. */
export const load: PageServerLoad = async ({ params }) => {
	const year = Number(params.year);
	const [view, years] = await Promise.all([publishedView(year), publishedYears()]);
	if (!view) error(404, `Hasil tahun ${year} belum diterbitkan.`);
	const { rubric } = view.result;
	const key = exampleOpd(view.result);
	const example = view.result.opds.find((o) => o.opd === key);
	return {
		year,
		title: view.title,
		years: years.map((y) => y.year),
		rows: rubricRows(rubric),
		bands: bandRanges(rubric.bands, rubric.decimals),
		tieRule: tieRule(rubric),
		flat: isFlat(rubric),
		aspects: rubric.aspects,
		stages: [...rubric.stages].sort((a, b) => a.order - b.order),
		decimals: rubric.decimals,
		awardTiers: rubric.awardTiers,
		example: example
			? { slug: example.opd, name: example.name, lines: explainScore(view.result, example.opd) }
			: null
	};
};
