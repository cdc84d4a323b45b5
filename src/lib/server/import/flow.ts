import { parseEmptyRule, type EmptyRule, type ImportIssue } from '../../import';
import type { Actor } from '../audit/audit';
import { db, type Conn } from '../db';
import { dropDraft, getDraft, saveDraft, updateDraft, type ImportDraft } from './drafts';
import type { ImportFile } from './file';
import type { ImportSummary } from './matrix';
import type { DraftInput, FormChoices, Shown } from './plan-jobs';
import { planInThread } from './plan-thread';
import type { PreviewView } from './view';

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
	file: draft.file,
	source: draft.source,
	overrides: draft.overrides,
	actor: { userId: draft.userId },
	...(draft.empty ? { empty: draft.empty } : {})
});

/** The view of a step's preview, with the draft's token. */
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
 * Parses an upload or pasted text and previews it, keeping a draft (the file itself) for the
 * confirm step. Parse and plan run in a worker thread (plan-thread.ts).
 */
export async function previewUpload(
	input: { userId: number; year: number; file: ImportFile; source: string; empty?: EmptyRule },
	conn: Conn = db()
): Promise<PreviewOutcome> {
	const draft = {
		userId: input.userId,
		year: input.year,
		file: input.file,
		source: input.source,
		overrides: {},
		...(input.empty ? { empty: input.empty } : {})
	};
	const step = await planInThread(
		{ kind: 'preview', input: inputOf({ ...draft, digest: '', createdAt: 0 }) },
		conn
	);
	if (step.kind === 'failed') return { ok: false, errors: step.errors };
	if (step.kind !== 'show') throw new Error('a preview commits nothing');
	const token = saveDraft({ ...draft, digest: step.digest });
	return { ok: true, preview: viewOf(step, token) };
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
	const step = await planInThread({ kind: 'replan', input: inputOf(draft), chosen }, conn);
	if (step.kind === 'failed') return step;
	if (step.kind !== 'show') throw new Error('a replan commits nothing');
	remember(token, step);
	return { kind: 'preview', preview: viewOf(step, token) };
}

/**
 * Commits the draft as last shown. If the selects or the empty-cell rule were changed without a
 * new preview, or the database changed since the preview, nothing is written and the new preview
 * is shown instead; so too when the import would mark many cells "tidak ada" and the user has not
 * ticked that they mean it. Planned and written in a worker thread under this process's write
 * lock (plan-jobs.ts); all or nothing, as one transaction.
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
			shownDigest: draft.digest,
			actor: input.actor
		},
		conn
	);
	if (step.kind === 'committed') {
		dropDraft(input.token);
		return { kind: 'committed', summary: step.summary, year: draft.year };
	}
	if (step.kind === 'failed') return step;
	remember(input.token, step);
	return {
		kind: 'preview',
		preview: viewOf(step, input.token),
		...(step.message ? { message: step.message } : {})
	};
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
