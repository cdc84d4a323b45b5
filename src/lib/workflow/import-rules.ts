/**
 * The rules an import obeys, as pure functions: the same as a cell save (the period's status,
 * the running stage, the stage's evaluators, OPDs stopped at an earlier stage) plus the admin's
 * capabilities for what an import creates (a period, OPDs). The planner applies them so that the
 * preview says what would be refused and why, and the commit refuses the whole import.
 */
import { issueAt } from '../import/issues';
import type { ImportIssue } from '../import/types';
import { can, type Role } from '../permissions';
import { assignmentCheck, assignmentRefusal, type AssignmentRules } from './assignments';
import { STATUS_LABELS, type PeriodStatus } from './lifecycle';
import { cellStageCheck, stopReason, type StageState, type StoppedAt } from './stages';

/** Who imports: a user's id and role; a system actor (CLI, seed) has no id and the admin's role. */
export interface Importer {
	userId: number | null;
	role: Role | null;
}

/**
 * Why this importer may not import into `year` at all, or null. A new year creates a period and a
 * draft is still being set up: both are the admin's (periods.manage). A final or published year
 * is locked for everyone.
 */
export function importPeriodRefusal(
	year: number,
	status: PeriodStatus | null,
	who: Importer
): string | null {
	const admin = can(who.role, 'periods.manage');
	if (status === null)
		return admin
			? null
			: `Periode ${year} belum ada. Membuat periode baru hanya dapat dilakukan admin: minta admin ` +
					`membuat periode ${year} (atau mengimpor berkas ini), lalu impor lagi.`;
	if (status === 'final' || status === 'published')
		return (
			`Periode ${year} berstatus "${STATUS_LABELS[status]}" dan terkunci; buka kembali periode itu ` +
			'sebelum mengimpor.'
		);
	if (status === 'draft' && !admin)
		return (
			`Periode ${year} masih draf: nilai dapat diimpor setelah periode dibuka. Hanya admin yang ` +
			'dapat mengimpor ke periode draf.'
		);
	return null;
}

/** Why a row may not create an OPD, or null: the OPD list is the admin's (opds.manage). */
export function newOpdRefusal(name: string, who: Importer): string | null {
	if (can(who.role, 'opds.manage')) return null;
	return (
		`OPD "${name}" belum terdaftar. Membuat OPD baru hanya dapat dilakukan admin: pilih OPD yang ` +
		'dimaksud, perbaiki namanya, atau minta admin menambahkan OPD itu.'
	);
}

/** Why a change into a double-scored period is refused (a cell save refuses it too). */
export const DOUBLE_SCORED_REASON = 'periode dinilai dua penilai';

/**
 * The issue of an import that would change `count` cells of a double-scored period: its cells
 * are written only from the raters' agreement or the lead's decision, for everyone (admins and
 * the CLI too, as `setCell` refuses them).
 */
export function doubleScoredRefusal(year: number, count: number): string {
	return (
		`Periode ${year} dinilai dua penilai: nilai diisi masing-masing penilai, bukan lewat impor ` +
		`(${count} sel tidak akan ditulis). Nilai sel ditetapkan dari kesepakatan para penilai atau ` +
		'keputusan penilai utama.'
	);
}

/** One cell an import would change, with the stage its indicator belongs to. */
export interface StagedChange {
	line: number;
	/** The OPD's name as written in the file. */
	name: string;
	opdId: number;
	/** The column's label. */
	label: string;
	stageKey: string;
}

const STAGE_STATE_PHRASE: Record<StageState['status'], string> = {
	pending: 'belum dimulai',
	active: 'sedang berjalan',
	announced: 'sudah diumumkan (masa sanggah)',
	closed: 'sudah selesai'
};

/** "A; B; C dan 4 kolom lain": the columns a refusal concerns. */
function columnList(labels: string[]): string {
	const shown = labels.slice(0, 5).map((l) => `"${l}"`);
	const more = labels.length - shown.length;
	return shown.join(', ') + (more > 0 ? ` dan ${more} kolom lain` : '');
}

interface Group {
	line: number;
	count: number;
	labels: string[];
	message: (count: number, columns: string) => string;
}

/**
 * Checks each change of a staged period as a cell save would (`cellStageCheck`) and groups the
 * refusals into issues: one per stage that is not running ("Tahap "Visitasi" belum dimulai: 32 sel
 * tidak akan ditulis"), one per stage the importer is not assigned to, one per OPD row that
 * stopped at an earlier stage. `reasons[i]` says why change `i` is refused (null: it may be written).
 */
export function stageRefusals(
	changes: readonly StagedChange[],
	states: readonly StageState[],
	who: Importer,
	stoppedOf: (opdId: number) => StoppedAt | null,
	decimals = 2
): { reasons: (string | null)[]; issues: ImportIssue[] } {
	const groups = new Map<string, Group>();
	const isAdmin = who.role === 'admin';
	const reasons = changes.map((change) => {
		const check = cellStageCheck(
			states,
			change.stageKey,
			{ userId: who.userId, isAdmin },
			stoppedOf(change.opdId)
		);
		if (check.ok) return null;
		let key: string;
		let reason: string;
		let group: Omit<Group, 'count' | 'labels'>;
		switch (check.kind) {
			case 'unknown':
				key = 'unknown';
				reason = 'indikator ini tidak termasuk tahap mana pun';
				group = {
					line: 0,
					message: (n, cols) =>
						`Kolom ${cols} tidak termasuk tahap mana pun pada rubrik periode ini: ${n} sel tidak ` +
						'akan ditulis.'
				};
				break;
			case 'inactive': {
				const { stage } = check;
				key = `inactive:${stage.key}`;
				reason = `tahap "${stage.label}" ${STAGE_STATE_PHRASE[stage.status]}`;
				group = {
					line: 0,
					message: (n, cols) =>
						`Tahap "${stage.label}" ${STAGE_STATE_PHRASE[stage.status]}: ${n} sel tidak akan ` +
						`ditulis (kolom ${cols}). Hanya tahap yang sedang berjalan yang dapat diisi; hapus ` +
						'kolom itu dari berkas atau kembalikan nilainya.'
				};
				break;
			}
			case 'unassigned': {
				const { stage } = check;
				key = `unassigned:${stage.key}`;
				reason = `Anda tidak ditugaskan sebagai penilai tahap "${stage.label}"`;
				group = {
					line: 0,
					message: (n, cols) =>
						`Anda tidak ditugaskan sebagai penilai tahap "${stage.label}": ${n} sel tidak akan ` +
						`ditulis (kolom ${cols}).`
				};
				break;
			}
			case 'stopped': {
				const why = stopReason(check.stoppedAt, check.score, decimals);
				key = `stopped:${change.line}`;
				reason = `OPD tidak lanjut ke tahap "${check.stage.label}"`;
				group = {
					line: change.line,
					message: (n) => `"${change.name}": ${why} ${n} sel tidak akan ditulis.`
				};
				break;
			}
		}
		const found = groups.get(key) ?? { ...group, count: 0, labels: [] };
		found.count++;
		if (!found.labels.includes(change.label)) found.labels.push(change.label);
		groups.set(key, found);
		return reason;
	});
	const issues = [...groups.values()].map((g) =>
		issueAt(g.line, null, null, g.message(g.count, columnList(g.labels)))
	);
	return { reasons, issues };
}

/** One cell an import would change, with what the assignment rule needs to know about it. */
export interface AssignedChange {
	line: number;
	/** The OPD's name as written in the file. */
	name: string;
	opdId: number;
	label: string;
	aspect: string;
	aspectLabel: string;
}

/**
 * Checks each change as a cell save would (`assignmentRefusal`) and groups the refusals into
 * issues: one per OPD row the importer has a conflict of interest with or is not assigned, one
 * per aspect outside the assignment, one when the importer has no assignment at all.
 * `reasons[i]` says why change `i` is refused (null: it may be written).
 */
export function assignmentRefusals(
	changes: readonly AssignedChange[],
	rules: AssignmentRules,
	who: Importer
): { reasons: (string | null)[]; issues: ImportIssue[] } {
	const groups = new Map<string, Group>();
	const isAdmin = who.userId === null || who.role === 'admin';
	const reasons = changes.map((change) => {
		const check = assignmentCheck(rules, { isAdmin }, change);
		if (check.ok) return null;
		const message = assignmentRefusal(rules, { isAdmin }, { ...change, opdName: change.name })!;
		const key =
			check.kind === 'aspect'
				? `aspect:${change.aspect}`
				: check.kind === 'unassigned'
					? 'unassigned'
					: `${check.kind}:${change.line}`;
		const line = check.kind === 'conflict' || check.kind === 'opd' ? change.line : 0;
		const found = groups.get(key) ?? {
			line,
			count: 0,
			labels: [],
			message: (n: number, cols: string) =>
				`${message} ${n} sel tidak akan ditulis${line ? '' : ` (kolom ${cols})`}.`
		};
		found.count++;
		if (!found.labels.includes(change.label)) found.labels.push(change.label);
		groups.set(key, found);
		return message;
	});
	const issues = [...groups.values()].map((g) =>
		issueAt(g.line, null, null, g.message(g.count, columnList(g.labels)))
	);
	return { reasons, issues };
}
