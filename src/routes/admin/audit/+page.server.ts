import { requireCapability } from '$lib/server/auth/guards';
import { auditFacets, searchAudit } from '$lib/server/audit-log';
import * as periods from '$lib/server/periods';
import type { PageServerLoad } from './$types';

/** The audit log with filters (period, entity, actor), newest first, 50 a page. */
export const load: PageServerLoad = async ({ url }) => {
	requireCapability('audit.view');
	const q = url.searchParams;
	const num = (v: string | null) => (v && /^\d+$/.test(v) ? Number(v) : undefined);
	const filter = {
		year: num(q.get('tahun')),
		entityType: q.get('entitas') || undefined,
		actor: q.get('oleh') || undefined,
		before: num(q.get('sebelum'))
	};
	const [page, facets, all] = await Promise.all([
		searchAudit(filter),
		auditFacets(),
		periods.list()
	]);
	return {
		filter: {
			tahun: q.get('tahun') ?? '',
			entitas: q.get('entitas') ?? '',
			oleh: q.get('oleh') ?? ''
		},
		years: all.map((p) => p.year),
		facets,
		next: page.next,
		events: page.events.map((e) => ({
			...e,
			at: e.at.toISOString(),
			before: e.before === null ? null : JSON.stringify(e.before).slice(0, 300),
			after: e.after === null ? null : JSON.stringify(e.after).slice(0, 300)
		}))
	};
};
