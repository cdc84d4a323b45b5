/**
 * Parses the rubric editor's form: one row of fields per indicator, suffixed `_<n>`, plus one
 * empty row for a new indicator. Pure; the server then validates the whole rubric with
 * `validateRubric`.
 */
import { indicatorKey } from '../import/indicator-keys';
import { lengthProblem, TEXT_LIMITS } from './text-limits';
import { INDICATOR_KINDS, type Indicator, type IndicatorKind } from '../scoring/types';

/** An indicator as edited: `id` null for a new one. */
export interface IndicatorDraft extends Indicator {
	id: number | null;
}

const KINDS: readonly IndicatorKind[] = INDICATOR_KINDS;

function num(raw: string | undefined): number | undefined {
	const text = (raw ?? '').trim().replace(',', '.');
	if (text === '') return undefined;
	const n = Number(text);
	return Number.isFinite(n) ? n : Number.NaN;
}

export function parseRubricForm(
	values: Record<string, string>
): { ok: true; indicators: IndicatorDraft[] } | { ok: false; errors: string[] } {
	const count = Number(values.rows ?? '0');
	const errors: string[] = [];
	const out: IndicatorDraft[] = [];
	for (let n = 0; n < count && n < 500; n++) {
		const f = (name: string) => values[`${name}_${n}`];
		const label = (f('label') ?? '').trim();
		const id = f('id') ? Number(f('id')) : null;
		if (f('remove') === 'on') continue;
		if (id === null && label === '') continue; // the empty "new" row
		const name = label || `baris ${n + 1}`;
		if (!label) errors.push(`${name}: label wajib diisi.`);
		const labelTooLong = lengthProblem('Label', label, TEXT_LIMITS.name);
		if (labelTooLong) errors.push(`baris ${n + 1}: ${labelTooLong}`);
		const kind = (f('kind') ?? 'check') as IndicatorKind;
		if (!KINDS.includes(kind)) errors.push(`${name}: jenis tidak dikenal.`);
		// The import's key function: "Renja 2022" gets the key "Renja 2021" was imported with.
		const key = (f('key') ?? '').trim() || indicatorKey(label);
		if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(key))
			errors.push(`${name}: kunci hanya huruf kecil, angka dan tanda hubung.`);
		const weight = num(f('weight')) ?? 1;
		const draft: IndicatorDraft = {
			id,
			key,
			label,
			aspect: (f('aspect') ?? '').trim(),
			kind,
			weight,
			order: num(f('order')) ?? n + 1
		};
		if (kind === 'scale') {
			draft.maxLevel = num(f('maxLevel'));
			const labels = (f('levelLabels') ?? '')
				.split('|')
				.map((s) => s.trim())
				.filter((s, _, all) => all.length > 1 || s !== '');
			if (labels.length) draft.levelLabels = labels;
		}
		if (kind === 'count') {
			draft.pointsPerUnit = num(f('pointsPerUnit'));
			draft.cap = num(f('cap'));
			// A count's maximum is its cap (types.ts): keep the weight equal to it.
			if (draft.cap !== undefined) draft.weight = draft.cap;
		}
		for (const [field, value] of Object.entries(draft))
			if (typeof value === 'number' && Number.isNaN(value))
				errors.push(`${name}: ${field} harus angka.`);
		out.push(draft);
	}
	out.sort((a, b) => a.order - b.order);
	out.forEach((d, i) => (d.order = i + 1));
	return errors.length ? { ok: false, errors } : { ok: true, indicators: out };
}
