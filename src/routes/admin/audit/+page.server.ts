import { requireCapability } from '$lib/server/auth/guards';
import { auditFacets, describeEvents, searchAudit } from '$lib/server/audit/audit-log';
import * as periods from '$lib/server/periods/periods';
import { parseId } from '$lib/validation/form';
import type { PageServerLoad } from './$types';

/** The audit log with filters (period, entity, actor), newest first, 50 a page. */
export const load: PageServerLoad = async ({ url }) => {
	const user = requireCapability('audit.view');
	const q = url.searchParams;
	const num = (raw: string | null) => parseId(raw ?? undefined) ?? undefined;
	const filter = {
		year: num(q.get('tahun')),
		entityType: q.get('entitas') || undefined,
		actor: q.get('oleh') || undefined,
		before: num(q.get('sebelum')),
		hideRaterScores: user.role !== 'admin'
	};
	const [page, facets, all] = await Promise.all([
		searchAudit(filter),
		auditFacets(),
		periods.list()
	]);
	const described = await describeEvents(page.events);
	return {
		filter: {
			tahun: q.get('tahun') ?? '',
			entitas: q.get('entitas') ?? '',
			oleh: q.get('oleh') ?? ''
		},
		years: all.map((p) => p.year),
		facets,
		next: page.next,
		events: described.map(({ event: e, what, changes }) => ({
			id: e.id,
			at: e.at.toISOString(),
			actor: e.actor,
			action: e.action,
			year: e.year,
			what,
			changes
		}))
	};
};
