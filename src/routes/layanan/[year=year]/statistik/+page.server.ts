import { requireCapability } from '$lib/server/auth/guards';
import { yearRegisters } from '$lib/server/registers/registers';
import { serviceRates, serviceStats, statSections } from '$lib/registers/stats';
import type { PageServerLoad } from './$types';

/**
 * The service statistics of a year for the desk and the leadership (serviceStats.view): charts
 * with their tables, beside the previous year. Aggregates only: no register row leaves the server.
 */
export const load: PageServerLoad = async ({ params }) => {
	requireCapability('serviceStats.view');
	const year = Number(params.year);
	const [registers, before] = await Promise.all([yearRegisters(year), yearRegisters(year - 1)]);
	if (!registers) return { year, empty: true as const };
	const current = serviceStats(registers);
	const previous = before ? serviceStats(before) : null;
	return {
		year,
		empty: false as const,
		previousYear: previous ? year - 1 : null,
		sections: statSections(current, previous),
		summary: {
			current: {
				requests: current.requests.total,
				objections: current.objections.total,
				objectionsStated: current.objections.statedTotal,
				disputes: current.disputes.total,
				survey: current.survey.responses,
				...serviceRates(current)
			},
			previous: previous && {
				requests: previous.requests.total,
				objections: previous.objections.total,
				objectionsStated: previous.objections.statedTotal,
				disputes: previous.disputes.total,
				survey: previous.survey.responses,
				...serviceRates(previous)
			}
		}
	};
};
