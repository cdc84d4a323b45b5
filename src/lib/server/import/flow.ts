import { parseEmptyRule, type EmptyRule, type ImportIssue } from '../../import';
import type { Actor } from '../audit/audit';
import { db, type Conn } from '../db';
import { dropDraft, getDraft, saveDraft, updateDraft, type ImportDraft } from './drafts';
import { readImportFile, type ImportFile } from './file';
import { commitImport, type ImportSummary } from './matrix';
import { NEW_OPD, planImport, type ImportPlan, type MatchOverrides } from './plan';
import { needsAbsentAck, previewView, type PreviewView } from './view';

/**
 * The web import as three steps over a draft: upload → preview, correct matches → preview
 * again, confirm → commit. Each returns a view model for the /impor page.
 */

export type PreviewOutcome =
	{ ok: true; preview: PreviewView } | { ok: false; errors: ImportIssue[] };

export const EXPIRED =
	'Pratinjau ini sudah kedaluwarsa (lebih dari 30 menit, atau server dimulai ulang). Unggah berkasnya lagi.';

/** Parses an upload or pasted text and previews it, keeping a draft for the confirm step. */
export async function previewUpload(
	input: { userId: number; year: number; file: ImportFile; source: string; empty?: EmptyRule },
	conn: Conn = db()
): Promise<PreviewOutcome> {
	const parsed = await readImportFile(input.file);
	if (!parsed.ok) return { ok: false, errors: parsed.errors };
	const empty = input.empty ? { empty: input.empty } : {};
	const plan = await planImport(
		{
			year: input.year,
			matrix: parsed.matrix,
			source: input.source,
			actor: { userId: input.userId },
			...empty
		},
		conn
	);
	const token = saveDraft({
		userId: input.userId,
		year: input.year,
		matrix: parsed.matrix,
		source: input.source,
		overrides: {},
		...empty,
		digest: plan.digest
	});
	return { ok: true, preview: previewView(plan, token) };
}

const planOf = (draft: ImportDraft, overrides: MatchOverrides, conn: Conn, empty = draft.empty) =>
	planImport(
		{
			year: draft.year,
			matrix: draft.matrix,
			source: draft.source,
			overrides,
			actor: { userId: draft.userId },
			...(empty ? { empty } : {})
		},
		conn
	);

/** What the preview form sends back: the OPD selects, the empty-cell rule, the absent tick. */
export interface FormChoices {
	matches: Map<number, string>;
	empty?: EmptyRule;
	ackAbsent?: boolean;
}

/** The overrides after the user's selects: only the rows whose choice differs from the plan. */
function mergeChoices(plan: ImportPlan, base: MatchOverrides, chosen: Map<number, string>) {
	const merged: MatchOverrides = { ...base };
	let changed = false;
	for (const row of plan.rows) {
		const choice = chosen.get(row.line);
		const current = row.isNew ? NEW_OPD : (row.opd ?? '');
		if (choice === undefined || choice === '' || choice === current) continue;
		merged[row.line] = choice;
		changed = true;
	}
	return { merged, changed };
}

export type StepOutcome =
	| { kind: 'preview'; preview: PreviewView; message?: string }
	| { kind: 'committed'; summary: ImportSummary; year: number }
	| { kind: 'expired' }
	| { kind: 'failed'; errors: ImportIssue[] };

/** Applies the user's corrections (OPD matches, empty-cell rule) and shows the preview again. */
export async function replan(
	token: string,
	userId: number,
	chosen: FormChoices,
	conn: Conn = db()
): Promise<StepOutcome> {
	const draft = getDraft(token, userId);
	if (!draft) return { kind: 'expired' };
	const current = await planOf(draft, draft.overrides, conn);
	const { merged } = mergeChoices(current, draft.overrides, chosen.matches);
	const empty = chosen.empty ?? draft.empty;
	const plan = await planOf(draft, merged, conn, empty);
	updateDraft(token, { overrides: merged, digest: plan.digest, ...(empty ? { empty } : {}) });
	return { kind: 'preview', preview: previewView(plan, token) };
}

/**
 * Commits the draft as last shown. If the selects or the empty-cell rule were changed without a
 * new preview, or the database changed since the preview, nothing is written and the new preview
 * is shown instead; so too when the import would mark many cells "tidak ada" and the user has not
 * ticked that they mean it.
 */
export async function confirm(
	input: {
		token: string;
		userId: number;
		digest: string;
		chosen: FormChoices;
		actor: Actor;
	},
	conn: Conn = db()
): Promise<StepOutcome> {
	const draft = getDraft(input.token, input.userId);
	if (!draft) return { kind: 'expired' };
	const current = await planOf(draft, draft.overrides, conn);
	const { merged, changed: matchesChanged } = mergeChoices(
		current,
		draft.overrides,
		input.chosen.matches
	);
	const emptyChanged = input.chosen.empty !== undefined && input.chosen.empty !== current.empty;
	const empty = emptyChanged ? input.chosen.empty : draft.empty;
	const changed = matchesChanged || emptyChanged;
	if (changed || input.digest !== draft.digest) {
		const plan = changed ? await planOf(draft, merged, conn, empty) : current;
		updateDraft(input.token, {
			overrides: merged,
			digest: plan.digest,
			...(empty ? { empty } : {})
		});
		return {
			kind: 'preview',
			preview: previewView(plan, input.token),
			message: 'Pratinjau diperbarui sesuai pilihan Anda. Periksa lagi, lalu konfirmasi.'
		};
	}
	// A stale plan is refused by the commit below with its own message; ask only about the plan shown.
	if (current.digest === draft.digest && needsAbsentAck(current) && !input.chosen.ackAbsent) {
		return {
			kind: 'preview',
			preview: previewView(current, input.token),
			message:
				`Impor ini akan menandai ${current.counts.toAbsent} sel "tidak ada". Centang ` +
				'pernyataan bahwa Anda memang bermaksud demikian, atau ubah arti sel kosong, lalu ' +
				'konfirmasi lagi. Tidak ada yang diubah.'
		};
	}
	const outcome = await commitImport(
		{
			year: draft.year,
			matrix: draft.matrix,
			source: draft.source,
			overrides: draft.overrides,
			...(draft.empty ? { empty: draft.empty } : {}),
			actor: input.actor,
			expectedDigest: draft.digest
		},
		conn
	);
	if (outcome.ok) {
		dropDraft(input.token);
		return { kind: 'committed', summary: outcome.summary, year: draft.year };
	}
	if (outcome.plan) {
		updateDraft(input.token, { digest: outcome.plan.digest });
		return {
			kind: 'preview',
			preview: previewView(outcome.plan, input.token),
			message: outcome.errors[0]?.message
		};
	}
	return { kind: 'failed', errors: outcome.errors };
}

/** The preview form's `match-<line>` selects, `empty` radio and `ackAbsent` tick. */
export function choicesFromForm(form: FormData): FormChoices {
	const matches = new Map<number, string>();
	for (const [name, value] of form) {
		const m = /^match-(\d+)$/.exec(name);
		if (m && typeof value === 'string') matches.set(Number(m[1]), value);
	}
	const empty = parseEmptyRule(String(form.get('empty') ?? ''));
	return { matches, ...(empty ? { empty } : {}), ackAbsent: form.get('ackAbsent') === 'yes' };
}
