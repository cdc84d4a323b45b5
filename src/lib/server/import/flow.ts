import { parseEmptyRule, type EmptyRule, type ImportIssue } from '../../import';
import type { Actor } from '../audit/audit';
import { db, type Conn } from '../db';
import { dropDraft, getDraft, saveDraft, updateDraft, type ImportDraft } from './drafts';
import { readImportFile, type ImportFile } from './file';
import { commitImport, type ImportSummary } from './matrix';
import type { DraftInput, FormChoices, Shown } from './plan-jobs';
import { planInThread } from './plan-thread';
import { previewView, type PreviewView } from './view';

/**
 * The web import as three steps over a draft: upload → preview, correct matches → preview
 * again, confirm → commit. Each returns a view model for the /impor page.
 */

export type PreviewOutcome =
	{ ok: true; preview: PreviewView } | { ok: false; errors: ImportIssue[] };

export const EXPIRED =
	'Pratinjau ini sudah kedaluwarsa (lebih dari 30 menit, atau server dimulai ulang). Unggah berkasnya lagi.';

/** The draft's plan input. */
const inputOf = (draft: ImportDraft): DraftInput => ({
	year: draft.year,
	matrix: draft.matrix,
	source: draft.source,
	overrides: draft.overrides,
	actor: { userId: draft.userId },
	...(draft.empty ? { empty: draft.empty } : {})
});

/** The view of a planning step's preview, with the draft's token. */
const viewOf = (shown: Shown, token: string): PreviewView => ({ token, ...shown.view });

/** Keeps a shown preview's choices and digest in the draft. */
function remember(token: string, shown: Shown): void {
	updateDraft(token, {
		overrides: shown.overrides,
		digest: shown.digest,
		...(shown.empty ? { empty: shown.empty } : {})
	});
}

/**
 * Parses an upload or pasted text and previews it, keeping a draft for the confirm step. Both
 * the parse and the plan run in worker threads (file.ts, plan-thread.ts).
 */
export async function previewUpload(
	input: { userId: number; year: number; file: ImportFile; source: string; empty?: EmptyRule },
	conn: Conn = db()
): Promise<PreviewOutcome> {
	const parsed = await readImportFile(input.file);
	if (!parsed.ok) return { ok: false, errors: parsed.errors };
	const empty = input.empty ? { empty: input.empty } : {};
	const draft = {
		userId: input.userId,
		year: input.year,
		matrix: parsed.matrix,
		source: input.source,
		overrides: {},
		...empty
	};
	const shown = await planInThread(
		{ kind: 'preview', input: inputOf({ ...draft, digest: '', createdAt: 0 }) },
		conn
	);
	if (shown.kind !== 'show') throw new Error('a preview plans nothing to commit');
	const token = saveDraft({ ...draft, digest: shown.digest });
	return { ok: true, preview: viewOf(shown, token) };
}

export type { FormChoices } from './plan-jobs';

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
	const shown = await planInThread({ kind: 'replan', input: inputOf(draft), chosen }, conn);
	if (shown.kind !== 'show') throw new Error('a replan plans nothing to commit');
	remember(token, shown);
	return { kind: 'preview', preview: viewOf(shown, token) };
}

/**
 * Commits the draft as last shown. If the selects or the empty-cell rule were changed without a
 * new preview, or the database changed since the preview, nothing is written and the new preview
 * is shown instead; so too when the import would mark many cells "tidak ada" and the user has not
 * ticked that they mean it. The plan is made in a worker thread; the commit takes it inside the
 * write lock when nothing it read has changed since (matrix.ts), else plans again there.
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
	const step = await planInThread(
		{
			kind: 'confirm',
			input: inputOf(draft),
			chosen: input.chosen,
			digest: input.digest,
			shownDigest: draft.digest
		},
		conn
	);
	if (step.kind === 'show') {
		remember(input.token, step);
		return {
			kind: 'preview',
			preview: viewOf(step, input.token),
			...(step.message ? { message: step.message } : {})
		};
	}
	const outcome = await commitImport(
		{
			...inputOf(draft),
			actor: input.actor,
			expectedDigest: draft.digest,
			planned: { plan: step.plan, fingerprint: step.fingerprint }
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
