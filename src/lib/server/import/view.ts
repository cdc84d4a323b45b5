import { describeEvidenceChange, describeState } from '../../import';
import { STATUS_LABELS, type PeriodStatus } from '../../workflow/lifecycle';
import type { ImportPlan } from './plan';

/** How many rows, changes and errors a preview shows; the rest are counted. */
const SHOW = { rows: 300, changes: 500, errors: 200, choices: 500 };

/**
 * From this many cells turned "tidak ada" in an existing period, the preview warns and the commit
 * needs an explicit tick (`ackAbsent`): the mistake of issue 11 marked 418 cells absent.
 */
export const MANY_ABSENT = 20;

/** True when committing this plan must be acknowledged first. */
export const needsAbsentAck = (plan: Pick<ImportPlan, 'createsPeriod' | 'counts'>) =>
	!plan.createsPeriod && plan.counts.toAbsent >= MANY_ABSENT;

/** The small view model of a preview page: what will happen, truncated for huge files. */
export function previewView(plan: ImportPlan, token: string) {
	const attention = plan.rows.filter((r) => r.isNew || !r.exact || r.opd === null);
	const rows = plan.rows.length <= SHOW.rows ? plan.rows : attention.slice(0, SHOW.rows);
	// By OPD, not by line: a long-layout change sits on its own line, not on the OPD's first.
	const nameByOpd = new Map(plan.rows.map((r) => [r.opdId, r.name]));
	// Refused cells first, so that a long list still shows them.
	const refused = plan.changes.filter((c) => c.refused !== null);
	const changes = refused.length
		? [...refused, ...plan.changes.filter((c) => c.refused === null)]
		: plan.changes;
	return {
		token,
		digest: plan.digest,
		year: plan.year,
		title: plan.title,
		source: plan.source,
		createsPeriod: plan.createsPeriod,
		periodStatus: plan.periodStatus
			? (STATUS_LABELS[plan.periodStatus as PeriodStatus] ?? plan.periodStatus)
			: null,
		empty: plan.empty,
		emptyDefault: plan.emptyDefault,
		blanks: plan.blanks,
		kinds: plan.counts,
		needsAbsentAck: needsAbsentAck(plan),
		allowNew: plan.allowNew,
		// Every row's own match stays selectable even when the list is cut (ImportPreview adds it).
		choices: plan.choices.slice(0, SHOW.choices),
		columns: plan.columns.map((c) => ({
			label: c.label,
			key: c.key,
			matchedLabel: c.matchedLabel,
			isNew: c.matchedLabel === null
		})),
		rows: rows.map((r) => ({
			line: r.line,
			name: r.name,
			opd: r.opd,
			isNew: r.isNew,
			exact: r.exact,
			corrected: r.corrected,
			score: r.score === null ? null : Math.round(r.score * 100),
			matchedName: r.matchedName
		})),
		counts: {
			rows: plan.rows.length,
			rowsHidden: plan.rows.length - rows.length,
			exact: plan.rows.filter((r) => r.exact).length,
			fuzzy: plan.rows.filter((r) => !r.exact && !r.isNew && r.opd !== null).length,
			newOpds: plan.rows.filter((r) => r.isNew).length,
			cells: plan.cellsTotal,
			changes: plan.createsPeriod ? plan.cellsTotal : plan.changes.length,
			errors: plan.errors.length,
			refused: refused.length,
			evidence: plan.evidenceChanges
		},
		changes: changes.slice(0, SHOW.changes).map((c) => ({
			line: c.line,
			name: nameByOpd.get(c.opdId) ?? c.opd,
			label: c.label,
			before: describeState(c.before),
			after: describeState(c.after),
			evidence: c.evidence ? describeEvidenceChange(c.evidence.before, c.evidence.after) : [],
			refused: c.refused
		})),
		errors: plan.errors.slice(0, SHOW.errors)
	};
}

export type PreviewView = ReturnType<typeof previewView>;
