import { randomUUID } from 'node:crypto';
import type { EmptyRule } from '../../import';
import type { ImportFile } from './parse';
import type { MatchOverrides } from './plan';

/**
 * Uploads waiting for the user's confirmation, keyed by a random token that the preview
 * form carries in a hidden field (so the confirm step works without JavaScript and the file is
 * sent only once). Kept in memory for 30 minutes and bound to the user who uploaded; after a
 * restart the user simply uploads again. Nothing here is ever written to the database.
 */
export interface ImportDraft {
	userId: number;
	year: number;
	/** The uploaded file: each step parses it again in its worker thread (plan-thread.ts). */
	file: ImportFile;
	source: string;
	overrides: MatchOverrides;
	/** What an empty cell means, as the user chose (unset: the file's default). */
	empty?: EmptyRule;
	/** Digest of the plan last shown to the user. */
	digest: string;
	createdAt: number;
}

const TTL_MS = 30 * 60 * 1000;
const MAX_DRAFTS = 50;
const drafts = new Map<string, ImportDraft>();

function sweep(now: number) {
	for (const [token, draft] of drafts) if (now - draft.createdAt > TTL_MS) drafts.delete(token);
	while (drafts.size >= MAX_DRAFTS) drafts.delete(drafts.keys().next().value!);
}

/** Keeps a draft and returns its token. */
export function saveDraft(draft: Omit<ImportDraft, 'createdAt'>): string {
	const now = Date.now();
	sweep(now);
	const token = randomUUID();
	drafts.set(token, { ...draft, createdAt: now });
	return token;
}

/** The draft behind a token, if it exists, is fresh and belongs to this user. */
export function getDraft(token: string, userId: number): ImportDraft | null {
	const draft = drafts.get(token);
	if (!draft || draft.userId !== userId || Date.now() - draft.createdAt > TTL_MS) return null;
	return draft;
}

export function updateDraft(token: string, change: Partial<ImportDraft>): void {
	const draft = drafts.get(token);
	if (draft) drafts.set(token, { ...draft, ...change });
}

export function dropDraft(token: string): void {
	drafts.delete(token);
}
