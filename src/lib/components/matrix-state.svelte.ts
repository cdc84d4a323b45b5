import { deserialize } from '$app/forms';
import { cellField } from '$lib/workflow/cell-value';

/** Save state of one cell as the grid shows it. */
export type CellState = 'saving' | 'saved' | 'error' | 'conflict';

export interface Conflict {
	opdId: number;
	indicatorId: number;
	/** What I tried to save. */
	mine: number | null;
	/** What is stored now, and its version. */
	theirs: number | null;
	version: number;
}

type Saved = { value: number | null; version: number };

/**
 * Local edits of the matrix on top of what the page loaded: per-cell value, version and save state.
 * Saves of one cell are chained so each uses the version the previous save returned (typing fast
 * never conflicts with oneself); saves of different cells run in parallel.
 */
export class MatrixEdits {
	values = $state<Record<string, number | null>>({});
	versions = $state<Record<string, number>>({});
	states = $state<Record<string, CellState>>({});
	messages = $state<Record<string, string>>({});
	conflicts = $state<Conflict[]>([]);
	/** Assessed cells gained (or lost) by local edits, so progress never re-counts every cell. */
	assessedDelta = $state(0);
	// Bookkeeping of pending saves, read by no template: deliberately not reactive.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#queue = new Map<string, Promise<void>>();

	constructor(private readonly action: () => string) {}

	static key(opdId: number, indicatorId: number) {
		return `${opdId}:${indicatorId}`;
	}

	value(opdId: number, indicatorId: number, loaded: number | null): number | null {
		const k = MatrixEdits.key(opdId, indicatorId);
		return k in this.values ? (this.values[k] ?? null) : loaded;
	}

	version(opdId: number, indicatorId: number, loaded: number): number {
		return this.versions[MatrixEdits.key(opdId, indicatorId)] ?? loaded;
	}

	/** Marks a cell as refused without sending anything (e.g. outside the running stage). */
	refuse(opdId: number, indicatorId: number, message: string) {
		const k = MatrixEdits.key(opdId, indicatorId);
		this.states[k] = 'error';
		this.messages[k] = message;
	}

	/**
	 * Shows `value` at once and saves it; `loaded` is the cell as the page loaded it (its version is
	 * used until a save returns a newer one).
	 */
	save(
		opdId: number,
		indicatorId: number,
		value: number | null,
		loaded: { value: number | null; version: number }
	) {
		const k = MatrixEdits.key(opdId, indicatorId);
		const previous = this.value(opdId, indicatorId, loaded.value);
		this.assessedDelta += (value !== null ? 1 : 0) - (previous !== null ? 1 : 0);
		this.values[k] = value;
		this.states[k] = 'saving';
		this.conflicts = this.conflicts.filter(
			(c) => !(c.opdId === opdId && c.indicatorId === indicatorId)
		);
		const queued = this.#queue.get(k) ?? Promise.resolve();
		const next = queued.then(() =>
			this.#send(opdId, indicatorId, value, this.version(opdId, indicatorId, loaded.version))
		);
		this.#queue.set(k, next);
		return next;
	}

	async #send(opdId: number, indicatorId: number, value: number | null, version: number) {
		const k = MatrixEdits.key(opdId, indicatorId);
		const body = new FormData();
		body.set('opdId', String(opdId));
		body.set('indicatorId', String(indicatorId));
		body.set('value', cellField(value));
		body.set('version', String(version));
		try {
			const response = await fetch(this.action(), {
				method: 'POST',
				body,
				headers: { 'x-sveltekit-action': 'true', accept: 'application/json' }
			});
			const result = deserialize(await response.text());
			if (result.type === 'success') {
				const saved = (result.data as { saved: Saved }).saved;
				this.versions[k] = saved.version;
				this.states[k] = 'saved';
				delete this.messages[k];
			} else if (result.type === 'failure' && result.status === 409 && result.data?.conflict) {
				const current = result.data.conflict as Saved;
				this.states[k] = 'conflict';
				this.messages[k] = String(result.data.message ?? 'Konflik');
				this.conflicts = [
					...this.conflicts,
					{ opdId, indicatorId, mine: value, theirs: current.value, version: current.version }
				];
			} else {
				this.states[k] = 'error';
				this.messages[k] =
					result.type === 'failure'
						? String(result.data?.message ?? 'Gagal menyimpan.')
						: result.type === 'error'
							? String((result.error as { message?: string })?.message ?? 'Gagal menyimpan.')
							: 'Gagal menyimpan.';
			}
		} catch {
			this.states[k] = 'error';
			this.messages[k] = 'Tidak tersambung ke server: nilai belum tersimpan.';
		}
	}

	/** Keep theirs: show the stored value and take its version. */
	keepTheirs(c: Conflict) {
		const k = MatrixEdits.key(c.opdId, c.indicatorId);
		this.assessedDelta += (c.theirs !== null ? 1 : 0) - (c.mine !== null ? 1 : 0);
		this.values[k] = c.theirs;
		this.versions[k] = c.version;
		this.states[k] = 'saved';
		delete this.messages[k];
		this.conflicts = this.conflicts.filter((x) => x !== c);
	}

	/** Apply mine: save my value again over the version I have now seen. */
	applyMine(c: Conflict) {
		this.versions[MatrixEdits.key(c.opdId, c.indicatorId)] = c.version;
		return this.save(c.opdId, c.indicatorId, c.mine, { value: c.mine, version: c.version });
	}
}
