import type { EmptyRule, ImportIssue } from '../../import';
import type { Actor } from '../audit/audit';
import type { ImportLimits } from '../config';
import type { Conn } from '../db';
import { commitImport, type ImportSummary } from './matrix';
import { parseImportBytes, type ImportFile } from './parse';
import {
	NEW_OPD,
	planFingerprint,
	planImport,
	type ImportPlan,
	type MatchOverrides,
	type PlanInput
} from './plan';
import { needsAbsentAck, previewView, type PreviewView } from './view';

/**
 * The steps of the web import (plan-thread.ts runs them in a worker thread, on a connection of
 * its own): parsing the draft's file, matching every row, diffing against the stored cells,
 * building the preview's view model and, on confirm, committing under the process's write lock.
 * Only the small view model or the commit's summary goes back to the request: the matrix and
 * the plan never cross to the main thread (cloning a 100,000-row matrix blocked it for seconds).
 */

/** What the preview form sends back: the OPD selects, the empty-cell rule, the absent tick. */
export interface FormChoices {
	matches: Map<number, string>;
	empty?: EmptyRule;
	ackAbsent?: boolean;
}

/** A draft's plan input: its file (parsed by the job) and everything but the user's choices. */
export type DraftInput = Omit<PlanInput, 'overrides' | 'empty' | 'matrix'> & {
	file: ImportFile;
	overrides: MatchOverrides;
	empty?: EmptyRule;
};

/** One step of the web import, as a request asks for it. */
export type PlanStep = { input: DraftInput } & (
	| { kind: 'preview' }
	| { kind: 'replan'; chosen: FormChoices }
	| {
			kind: 'confirm';
			chosen: FormChoices;
			/** The digest the form carried, and the one of the plan last shown. */
			digest: string;
			shownDigest: string;
			actor: Actor;
	  }
);

/** A step with the import caps the parse applies. */
export type PlanJob = PlanStep & { limits: ImportLimits };

/** A preview to show (again): the view without its token, and the draft's new state. */
export interface Shown {
	kind: 'show';
	view: Omit<PreviewView, 'token'>;
	digest: string;
	overrides: MatchOverrides;
	empty?: EmptyRule;
	message?: string;
}

export type PlanJobResult =
	Shown | { kind: 'committed'; summary: ImportSummary } | { kind: 'failed'; errors: ImportIssue[] };

/**
 * How a job gets the write lock before its commit: a worker thread asks the main thread, which
 * holds the process's lock for it until the thread answers (plan-thread.ts); in place the
 * commit's transaction takes the lock itself.
 */
export type AcquireWriteLock = () => Promise<void>;

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

type Input = Omit<DraftInput, 'file'> & Pick<PlanInput, 'matrix'>;

const planOf = (input: Input, conn: Conn, overrides = input.overrides, empty = input.empty) =>
	planImport({ ...input, overrides, ...(empty ? { empty } : {}) }, conn);

function shown(
	plan: ImportPlan,
	overrides: MatchOverrides,
	empty: EmptyRule | undefined,
	message?: string
): Shown {
	const { token: _token, ...view } = previewView(plan, '');
	return {
		kind: 'show',
		view,
		digest: plan.digest,
		overrides,
		...(empty ? { empty } : {}),
		...(message ? { message } : {})
	};
}

/**
 * Runs one step of the web import on `conn`: parse the draft's file, plan, and answer with the
 * preview to show, or (confirm) commit. `confirm` shows the preview again when the selects or
 * the empty-cell rule changed without a new preview, the form's digest is not the one last
 * shown, or many cells would turn "tidak ada" without the tick; otherwise it takes the write lock
 * and commits the plan it made, which the commit takes as it is while its fingerprint holds.
 */
export async function runPlanJob(
	job: PlanJob,
	conn: Conn,
	acquire: AcquireWriteLock = async () => {}
): Promise<PlanJobResult> {
	const { file, ...rest } = job.input;
	// Read before the plan's reads, so a change in between can only make the commit plan again.
	const fingerprint = job.kind === 'confirm' ? await planFingerprint(rest.year, conn) : '';
	const parsed = await parseImportBytes(file, job.limits);
	if (!parsed.ok) return { kind: 'failed', errors: parsed.errors };
	const input = { ...rest, matrix: parsed.matrix };
	if (job.kind === 'preview') return shown(await planOf(input, conn), input.overrides, input.empty);
	if (job.kind === 'replan') {
		const current = await planOf(input, conn);
		const { merged } = mergeChoices(current, input.overrides, job.chosen.matches);
		const empty = job.chosen.empty ?? input.empty;
		return shown(await planOf(input, conn, merged, empty), merged, empty);
	}
	const current = await planOf(input, conn);
	const { merged, changed: matchesChanged } = mergeChoices(
		current,
		input.overrides,
		job.chosen.matches
	);
	const emptyChanged = job.chosen.empty !== undefined && job.chosen.empty !== current.empty;
	const empty = emptyChanged ? job.chosen.empty : input.empty;
	if (matchesChanged || emptyChanged || job.digest !== job.shownDigest) {
		const plan =
			matchesChanged || emptyChanged ? await planOf(input, conn, merged, empty) : current;
		return shown(
			plan,
			merged,
			empty,
			'Pratinjau diperbarui sesuai pilihan Anda. Periksa lagi, lalu konfirmasi.'
		);
	}
	// A stale plan is refused by the commit with its own message; ask only about the plan shown.
	if (current.digest === job.shownDigest && needsAbsentAck(current) && !job.chosen.ackAbsent) {
		return shown(
			current,
			input.overrides,
			input.empty,
			`Impor ini akan menandai ${current.counts.toAbsent} sel "tidak ada". Centang ` +
				'pernyataan bahwa Anda memang bermaksud demikian, atau ubah arti sel kosong, lalu ' +
				'konfirmasi lagi. Tidak ada yang diubah.'
		);
	}
	await acquire();
	const outcome = await commitImport(
		{
			...input,
			actor: job.actor,
			expectedDigest: job.shownDigest,
			planned: { plan: current, fingerprint }
		},
		conn
	);
	if (outcome.ok)
		// The per-row matches stay here: the page needs counts, and a national file has 100,000.
		return { kind: 'committed', summary: { ...outcome.summary, matches: [] } };
	if (outcome.plan)
		return shown(outcome.plan, input.overrides, input.empty, outcome.errors[0]?.message);
	return { kind: 'failed', errors: outcome.errors };
}
