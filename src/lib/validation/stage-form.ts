/**
 * Parses a stage schedule form: three optional dates (TTTT-BB-HH, in the app's zone) and the
 * evaluators ticked. A stage starts at the beginning of its first day and ends, like its appeal
 * window, at the end of its last day. Pure, no framework.
 */
import type { ScheduleDates } from '../workflow/stages';
import { DEFAULT_TIME_ZONE, toDateInputValue } from '../datetime';
import { readOptionalDate } from './date';

const FIELDS = {
	startsOn: { label: 'Tanggal mulai', time: 'T00:00:00' },
	endsOn: { label: 'Tanggal selesai', time: 'T23:59:59' },
	appealEndsOn: { label: 'Batas sanggahan', time: 'T23:59:59' }
} as const;

function dateOf(
	field: keyof typeof FIELDS,
	raw: string | undefined,
	zone: string
): Date | null | string {
	const { label, time } = FIELDS[field];
	const read = readOptionalDate(label, raw, time, zone);
	return read.ok ? read.date : read.message;
}

export function parseStageSchedule(
	values: Record<string, string>,
	evaluatorIds: string[],
	zone: string = DEFAULT_TIME_ZONE
):
	| { ok: true; schedule: ScheduleDates & { evaluatorIds: number[] } }
	| { ok: false; message: string } {
	const startsAt = dateOf('startsOn', values.startsOn, zone);
	const endsAt = dateOf('endsOn', values.endsOn, zone);
	const appealEndsAt = dateOf('appealEndsOn', values.appealEndsOn, zone);
	for (const d of [startsAt, endsAt, appealEndsAt])
		if (typeof d === 'string') return { ok: false, message: d };
	const ids = evaluatorIds.map(Number);
	if (ids.some((id) => !Number.isSafeInteger(id) || id <= 0))
		return { ok: false, message: 'Penilai yang dipilih tidak dikenal.' };
	return {
		ok: true,
		schedule: {
			startsAt: startsAt as Date | null,
			endsAt: endsAt as Date | null,
			appealEndsAt: appealEndsAt as Date | null,
			evaluatorIds: ids
		}
	};
}

/** A date as the value of an `<input type="date">`, in the app's zone (WIB by default). */
export function toDateInput(date: Date | null, zone: string = DEFAULT_TIME_ZONE): string {
	return toDateInputValue(date, zone);
}
