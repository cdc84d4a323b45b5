/**
 * The one strict reader of calendar dates typed into the app (TTTT-BB-HH, as `<input type="date">`
 * sends them). `new Date()` is lenient where it matters: "2024-02-30" becomes 1 March and
 * "2024-13-45" an Invalid Date that fails later as a server error. Pure, no framework.
 */
import * as v from 'valibot';
import { DEFAULT_TIME_ZONE, zonedInstant } from '../datetime';

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Years the app plans with; outside these a typo is far likelier than a real date. */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** A year typed into a form (four digits, MIN_YEAR…MAX_YEAR) as a number; `blank` when empty. */
export const yearField = (message: string, blank: string = message) =>
	v.pipe(
		v.optional(v.string(), ''),
		v.trim(),
		v.nonEmpty(blank),
		v.regex(/^\d{4}$/, message),
		v.transform(Number),
		v.minValue(MIN_YEAR, message),
		v.maxValue(MAX_YEAR, message)
	);

/** True for a real calendar day written TTTT-BB-HH within MIN_YEAR…MAX_YEAR. */
export function isCalendarDate(text: string): boolean {
	const m = SHAPE.exec(text);
	if (!m) return false;
	const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
	return (
		year >= MIN_YEAR &&
		year <= MAX_YEAR &&
		month >= 1 &&
		month <= 12 &&
		day >= 1 &&
		day <= daysIn(year, month)
	);
}

/** Why a date is refused, naming the field. */
export function dateMessage(label: string, text: string): string {
	if (!SHAPE.test(text)) return `${label} "${text}" harus berformat TTTT-BB-HH.`;
	return `${label} "${text}" bukan tanggal yang ada di kalender (tahun ${MIN_YEAR}–${MAX_YEAR}).`;
}

/** A valibot schema for one required date field; the output is the trimmed text. */
export function calendarDate(label: string) {
	return v.pipe(
		v.string(`Isi ${label.toLowerCase()}.`),
		v.trim(),
		v.check(isCalendarDate, (issue) => dateMessage(label, String(issue.input)))
	);
}

/**
 * A checked calendar date at a time of day in the app's zone (MONEV_TIMEZONE, passed in; WIB by
 * default): the start ('T00:00:00') or end of the day.
 */
export function zonedDateTime(
	text: string,
	time: 'T00:00:00' | 'T23:59:59',
	zone: string = DEFAULT_TIME_ZONE
): Date {
	if (!isCalendarDate(text)) throw new RangeError(`not a calendar date: ${text}`);
	return zonedInstant(text, time, zone);
}

/**
 * A valibot schema for one optional date field: null when blank, else the Date at `time` in `zone`
 * (the start or end of the day); a bad date is refused with the message naming the field.
 */
export function optionalDate(
	label: string,
	time: 'T00:00:00' | 'T23:59:59',
	zone: string = DEFAULT_TIME_ZONE
) {
	return v.pipe(
		v.optional(v.string(), ''),
		v.trim(),
		v.check(
			(text) => text === '' || isCalendarDate(text),
			(issue) => dateMessage(label, String(issue.input))
		),
		v.transform((text) => (text === '' ? null : zonedDateTime(text, time, zone)))
	);
}

/**
 * Reads an optional date field: null when blank, the Date (at `time` in `zone`) when valid, or the
 * Indonesian message naming the field.
 */
export function readOptionalDate(
	label: string,
	raw: string | undefined,
	time: 'T00:00:00' | 'T23:59:59',
	zone: string = DEFAULT_TIME_ZONE
): { ok: true; date: Date | null } | { ok: false; message: string } {
	const parsed = v.safeParse(optionalDate(label, time, zone), raw);
	return parsed.success
		? { ok: true, date: parsed.output }
		: { ok: false, message: parsed.issues[0].message };
}
