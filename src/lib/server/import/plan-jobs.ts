import type { EmptyRule } from '../../import';
import type { Conn } from '../db';
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
 * The planning steps of the web import (plan-thread.ts runs them in a worker thread, on a
 * connection of its own): matching every row, diffing against the stored cells and building the
 * preview's view model. Only the small view goes back to the request, except for a commit, which
 * gets the whole plan and the fingerprint of the data it was made from (plan.ts).
 */

/** What the preview form sends back: the OPD selects, the empty-cell rule, the absent tick. */
export interface FormChoices {
	matches: Map<number, string>;
	empty?: EmptyRule;
	ackAbsent?: boolean;
}

/** The plan input of a draft: everything but the user's choices. */
export type DraftInput = Omit<PlanInput, 'overrides' | 'empty'> & {
	overrides: MatchOverrides;
	empty?: EmptyRule;
};

export type PlanJob =
	| { kind: 'preview'; input: DraftInput }
	| { kind: 'replan'; input: DraftInput; chosen: FormChoices }
	| {
			kind: 'confirm';
			input: DraftInput;
			chosen: FormChoices;
			/** The digest the form carried, and the one of the plan last shown. */
			digest: string;
			shownDigest: string;
	  };

/** A preview to show (again): the view without its token, and the draft's new state. */
export interface Shown {
	kind: 'show';
	view: Omit<PreviewView, 'token'>;
	digest: string;
	overrides: MatchOverrides;
	empty?: EmptyRule;
	message?: string;
}

export type PlanJobResult = Shown | { kind: 'commit'; plan: ImportPlan; fingerprint: string };

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

const planOf = (input: DraftInput, conn: Conn, overrides = input.overrides, empty = input.empty) =>
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
 * Runs one planning step. `confirm` answers with a preview when the selects or the empty-cell
 * rule changed without a new preview, the form's digest is not the one last shown, or many cells
 * would turn "tidak ada" without the tick; otherwise with the plan to commit.
 */
export async function runPlanJob(job: PlanJob, conn: Conn): Promise<PlanJobResult> {
	const { input } = job;
	if (job.kind === 'preview') return shown(await planOf(input, conn), input.overrides, input.empty);
	if (job.kind === 'replan') {
		const current = await planOf(input, conn);
		const { merged } = mergeChoices(current, input.overrides, job.chosen.matches);
		const empty = job.chosen.empty ?? input.empty;
		return shown(await planOf(input, conn, merged, empty), merged, empty);
	}
	// Read before the plan's reads, so a change in between can only make the commit plan again.
	const fingerprint = await planFingerprint(input.year, conn);
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
	return { kind: 'commit', plan: current, fingerprint };
}
