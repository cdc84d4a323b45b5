import { MARK } from '../import/ticks';
import type { ImportIssue } from '../import';
import type { CellState, ImportPlan } from './import-plan';

/** How many rows, changes and errors a preview shows; the rest are counted. */
const SHOW = { rows: 300, changes: 500, errors: 200, choices: 500 };

const cellText = (c: CellState | null) =>
	c === null
		? '(kosong)'
		: c.notApplicable
			? MARK.notApplicable
			: c.value === 1
				? MARK.present
				: c.value === 0
					? '–'
					: '(kosong)';

/** The small view model of a preview page: what will happen, truncated for huge files. */
export function previewView(plan: ImportPlan, token: string) {
	const attention = plan.rows.filter((r) => r.isNew || !r.exact || r.opd === null);
	const rows = plan.rows.length <= SHOW.rows ? plan.rows : attention.slice(0, SHOW.rows);
	const nameByLine = new Map(plan.rows.map((r) => [r.line, r.name]));
	return {
		token,
		digest: plan.digest,
		year: plan.year,
		title: plan.title,
		source: plan.source,
		createsPeriod: plan.createsPeriod,
		periodStatus: plan.periodStatus,
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
			errors: plan.errors.length
		},
		changes: plan.changes.slice(0, SHOW.changes).map((c) => ({
			line: c.line,
			name: nameByLine.get(c.line) ?? c.opd,
			label: c.label,
			before: cellText(c.before),
			after: cellText(c.after)
		})),
		errors: plan.errors.slice(0, SHOW.errors)
	};
}

export type PreviewView = ReturnType<typeof previewView>;

/** Parse errors shown in the same place as plan errors. */
export function errorsView(errors: ImportIssue[]) {
	return { errors: errors.slice(0, SHOW.errors), total: errors.length };
}
