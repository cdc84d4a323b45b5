import { json } from '@sveltejs/kit';
import { publishedYears } from '$lib/server/results/results';
import type { RequestHandler } from './$types';

/** Open data: the years whose results are published, with links to their data. */
export const GET: RequestHandler = async ({ url }) => {
	const years = await publishedYears();
	return json(
		years.map((p) => {
			const base = `${url.origin}/api/v1/periods/${p.year}`;
			return {
				year: p.year,
				title: p.title,
				publishedAt: p.publishedAt?.toISOString() ?? null,
				results: `${base}/results`,
				resultsCsv: `${base}/results.csv`,
				matrixCsv: `${base}/matrix.csv`,
				resultsXlsx: `${base}/results.xlsx`,
				matrixXlsx: `${base}/matrix.xlsx`
			};
		}),
		{ headers: { 'cache-control': 'public, max-age=60', 'access-control-allow-origin': '*' } }
	);
};
