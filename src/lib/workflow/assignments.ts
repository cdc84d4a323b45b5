/**
 * Who scores what: an evaluator's assignment in a period (OPDs and/or aspects, i.e. indicator
 * groups) and the conflicts of interest declared for it. Pure: the cell save, the import planner
 * and the assignment page all ask these functions, so they refuse the same cells with the same
 * words.
 *
 * A period without any assignment behaves as before (every evaluator may fill every cell). Once
 * the period has assignments, an evaluator fills only the cells inside theirs: an OPD they are
 * assigned (or any OPD when they are assigned aspects only) and an aspect they are assigned (or
 * any aspect when they are assigned OPDs only). Admins are exempt from assignments. A conflict of
 * interest always applies, assignments or not: nobody scores an OPD they are linked to.
 */

/** One evaluator's assignment in a period; empty lists mean "no limit on that axis". */
export interface AssignmentScope {
	opdIds: readonly number[];
	aspects: readonly string[];
}

/** What the rule needs to know about one user in one period. */
export interface AssignmentRules {
	/** The period has at least one assignment (for anyone). */
	periodAssigned: boolean;
	/** This user's assignment, or null when they have none. */
	scope: AssignmentScope | null;
	/** OPD id → the declared link (its note, may be empty) for this user in this period. */
	conflicts: ReadonlyMap<number, string>;
}

/** The cell being checked, with the names a refusal mentions. */
export interface AssignmentCell {
	opdId: number;
	opdName: string;
	aspect: string;
	aspectLabel: string;
}

export type AssignmentCheck =
	| { ok: true }
	| { ok: false; kind: 'conflict'; note: string }
	| { ok: false; kind: 'unassigned' }
	| { ok: false; kind: 'opd' }
	| { ok: false; kind: 'aspect' };

/** Whether the user may fill the cell under the period's assignments and conflicts. */
export function assignmentCheck(
	rules: AssignmentRules,
	who: { isAdmin: boolean },
	cell: Pick<AssignmentCell, 'opdId' | 'aspect'>
): AssignmentCheck {
	const note = rules.conflicts.get(cell.opdId);
	if (note !== undefined) return { ok: false, kind: 'conflict', note };
	if (who.isAdmin || !rules.periodAssigned) return { ok: true };
	const scope = rules.scope;
	if (!scope || (scope.opdIds.length === 0 && scope.aspects.length === 0))
		return { ok: false, kind: 'unassigned' };
	if (scope.opdIds.length > 0 && !scope.opdIds.includes(cell.opdId))
		return { ok: false, kind: 'opd' };
	if (scope.aspects.length > 0 && !scope.aspects.includes(cell.aspect))
		return { ok: false, kind: 'aspect' };
	return { ok: true };
}

/** The conflict as a sentence: "Anda memiliki konflik kepentingan dengan Dinas X (istri ...)". */
export function conflictPhrase(opdName: string, note: string): string {
	return `konflik kepentingan dengan ${opdName}${note ? ` (${note})` : ''}`;
}

/** `assignmentCheck` as the Indonesian message a refused save reads, or null when allowed. */
export function assignmentRefusal(
	rules: AssignmentRules,
	who: { isAdmin: boolean },
	cell: AssignmentCell
): string | null {
	const check = assignmentCheck(rules, who, cell);
	if (check.ok) return null;
	switch (check.kind) {
		case 'conflict':
			return (
				`Anda tercatat memiliki ${conflictPhrase(cell.opdName, check.note)} pada periode ini: ` +
				'sel OPD ini harus dinilai penilai lain.'
			);
		case 'unassigned':
			return (
				'Anda belum mendapat penugasan pada periode ini: minta admin menambahkan penugasan Anda ' +
				'di halaman Penugasan.'
			);
		case 'opd':
			return `${cell.opdName} bukan OPD yang ditugaskan kepada Anda pada periode ini.`;
		case 'aspect':
			return `Aspek "${cell.aspectLabel}" bukan kelompok indikator yang ditugaskan kepada Anda pada periode ini.`;
	}
}

/**
 * Why the admin may not assign these OPDs to an evaluator, or null: none of them may be an OPD
 * the evaluator is linked to.
 */
export function assignmentConflictRefusal(
	evaluatorName: string,
	opdIds: readonly number[],
	conflicts: ReadonlyMap<number, string>,
	opdName: (id: number) => string
): string | null {
	const clash = opdIds.filter((id) => conflicts.has(id));
	if (clash.length === 0) return null;
	const list = clash.map((id) => conflictPhrase(opdName(id), conflicts.get(id) ?? '')).join('; ');
	return (
		`${evaluatorName} tidak dapat ditugaskan menilai OPD yang terkait dengannya: ${list}. ` +
		'Hapus centang OPD itu atau cabut dulu catatan konfliknya.'
	);
}

/** Whether a cell lies inside a scope (for "Tugas saya": the OPDs and columns shown first). */
export function scopeCovers(scope: AssignmentScope, opdId: number, aspect?: string): boolean {
	return (
		(scope.opdIds.length === 0 || scope.opdIds.includes(opdId)) &&
		(aspect === undefined || scope.aspects.length === 0 || scope.aspects.includes(aspect))
	);
}

/** What the matrix grid locks: open columns, why the others are closed, closed rows with why. */
export interface GridLocks {
	openIndicatorIds: number[];
	columnReason: string;
	stopped: Record<number, string>;
}

const ASPECT_COLUMN_REASON =
	'Aspek kolom ini bukan kelompok indikator yang ditugaskan kepada Anda pada periode ini.';

/**
 * The matrix's locks from assignments and conflicts, the same rule a save obeys: columns outside
 * the assigned aspects, rows of OPDs outside the assignment or in conflict (with the refusal as
 * the reason). Null when nothing is locked for this user.
 */
export function assignmentLocks(
	rules: AssignmentRules,
	who: { isAdmin: boolean },
	indicators: readonly { id: number; aspect: string }[],
	rows: readonly { id: number; name: string }[]
): GridLocks | null {
	const limited = rules.periodAssigned && !who.isAdmin;
	if (!limited && rules.conflicts.size === 0) return null;
	const aspects = limited ? (rules.scope?.aspects ?? []) : [];
	const open = indicators.filter((i) => aspects.length === 0 || aspects.includes(i.aspect));
	// Rows are judged on a column the user may fill, so the reason is the row's own.
	const aspect = open[0]?.aspect ?? indicators[0]?.aspect ?? '';
	const stopped: Record<number, string> = {};
	for (const row of rows) {
		const reason = assignmentRefusal(rules, who, {
			opdId: row.id,
			opdName: row.name,
			aspect,
			aspectLabel: aspect
		});
		if (reason) stopped[row.id] = reason;
	}
	return { openIndicatorIds: open.map((i) => i.id), columnReason: ASPECT_COLUMN_REASON, stopped };
}

/** Both sets of locks at once (a staged period with assignments): a cell must pass both. */
export function combineLocks(a: GridLocks | null, b: GridLocks | null): GridLocks | null {
	if (!a || !b) return a ?? b;
	const open = new Set(b.openIndicatorIds);
	const narrowed = a.openIndicatorIds.filter((id) => open.has(id));
	return {
		openIndicatorIds: narrowed,
		columnReason:
			b.openIndicatorIds.length === 0 || narrowed.length === a.openIndicatorIds.length
				? a.columnReason
				: `${a.columnReason} Atau: ${b.columnReason.charAt(0).toLowerCase()}${b.columnReason.slice(1)}`,
		stopped: { ...b.stopped, ...a.stopped }
	};
}
