/**
 * Parses a stage schedule form: three optional dates (TTTT-BB-HH, in the app's zone) and the
 * evaluators ticked. A stage starts at the beginning of its first day and ends, like its appeal
 * window, at the end of its last day. Pure, no framework.
 */
import * as v from 'valibot';
import type { ScheduleDates } from '../workflow/stages';
import { DEFAULT_TIME_ZONE, toDateInputValue } from '../datetime';
import { optionalDate } from './date';
import { idField, readWith } from './form';

/** A stage's dates and the evaluators who score it. */
export type StageSchedule = ScheduleDates & { evaluatorIds: number[] };

/** The schedule form in the app's zone; issues in field order (dates first, then evaluators). */
export function stageScheduleSchema(zone: string = DEFAULT_TIME_ZONE) {
	return v.pipe(
		v.object({
			startsOn: optionalDate('Tanggal mulai', 'T00:00:00', zone),
			endsOn: optionalDate('Tanggal selesai', 'T23:59:59', zone),
			appealEndsOn: optionalDate('Batas sanggahan', 'T23:59:59', zone),
			evaluatorIds: v.array(idField('Penilai yang dipilih tidak dikenal.'))
		}),
		v.transform(({ startsOn, endsOn, appealEndsOn, evaluatorIds }): StageSchedule => ({
			startsAt: startsOn,
			endsAt: endsOn,
			appealEndsAt: appealEndsOn,
			evaluatorIds
		}))
	);
}

/** Reads the schedule form: its date fields and the `evaluatorId` boxes ticked. */
export function parseStageSchedule(
	values: Record<string, string>,
	evaluatorIds: string[],
	zone: string = DEFAULT_TIME_ZONE
): { ok: true; schedule: StageSchedule } | { ok: false; message: string } {
	const { startsOn, endsOn, appealEndsOn } = values;
	const read = readWith(stageScheduleSchema(zone), {
		startsOn,
		endsOn,
		appealEndsOn,
		evaluatorIds
	});
	return read.ok ? { ok: true, schedule: read.value } : read;
}

/** A date as the value of an `<input type="date">`, in the app's zone (WIB by default). */
export function toDateInput(date: Date | null, zone: string = DEFAULT_TIME_ZONE): string {
	return toDateInputValue(date, zone);
}
