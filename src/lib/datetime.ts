/**
 * The one way the app writes dates and times: "2 Desember 2026" and "2 Desember 2026 pukul 16.46
 * WIB", in the time zone of the setting MONEV_TIMEZONE (default Asia/Jakarta). Pure, no framework.
 *
 * The words are put together here from numbers (not by the runtime's `toLocaleString`), so the
 * server's render and the browser's after hydration read the same whatever ICU data each has, and
 * the zone is passed in (the server reads the setting; pages get it from the root layout's data),
 * never taken from the machine or the browser.
 */

/** The zone when MONEV_TIMEZONE is not set: the PPIDs this app serves work in WIB. */
export const DEFAULT_TIME_ZONE = 'Asia/Jakarta';

const MONTHS = [
	'Januari',
	'Februari',
	'Maret',
	'April',
	'Mei',
	'Juni',
	'Juli',
	'Agustus',
	'September',
	'Oktober',
	'November',
	'Desember'
];

/** Indonesia's own names of its zones; any other zone is written as its offset ("UTC+9"). */
const ZONE_NAMES: Record<string, string> = {
	'Asia/Jakarta': 'WIB',
	'Asia/Pontianak': 'WIB',
	'Asia/Makassar': 'WITA',
	'Asia/Jayapura': 'WIT'
};

/** Whether `zone` is an IANA time zone the runtime knows ("Asia/Jakarta", "UTC"). */
export function isTimeZone(zone: string): boolean {
	if (zone.trim() === '') return false;
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}

const formatters = new Map<string, Intl.DateTimeFormat>();

interface WallClock {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	/** Minutes the zone is ahead of UTC at that instant. */
	offset: number;
}

/** The calendar date and clock time of an instant in a zone (numbers only: no locale words). */
function wallClock(at: Date, zone: string): WallClock {
	let format = formatters.get(zone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-US', {
			timeZone: zone,
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
			hourCycle: 'h23'
		});
		formatters.set(zone, format);
	}
	const part = (type: Intl.DateTimeFormatPartTypes) =>
		Number(format.formatToParts(at).find((p) => p.type === type)?.value ?? 0);
	const [year, month, day, hour, minute, second] = (
		['year', 'month', 'day', 'hour', 'minute', 'second'] as const
	).map(part) as [number, number, number, number, number, number];
	const asUtc = Date.UTC(year, month - 1, day, hour % 24, minute, second);
	const offset = Math.round((asUtc - (at.getTime() - at.getMilliseconds())) / 60_000);
	return { year, month, day, hour: hour % 24, minute, offset };
}

function toDate(at: Date | string | number): Date | null {
	const date = at instanceof Date ? at : new Date(at);
	return Number.isNaN(date.getTime()) ? null : date;
}

const two = (n: number) => String(n).padStart(2, '0');

/** "WIB", "WITA", "WIT", or the offset at that instant ("UTC", "UTC+9", "UTC-03.30"). */
export function zoneLabel(zone: string, at: Date = new Date()): string {
	const named = ZONE_NAMES[zone];
	if (named) return named;
	const { offset } = wallClock(at, zone);
	if (offset === 0) return 'UTC';
	const abs = Math.abs(offset);
	const hours = Math.floor(abs / 60);
	const minutes = abs % 60;
	return `UTC${offset < 0 ? '-' : '+'}${minutes ? `${two(hours)}.${two(minutes)}` : hours}`;
}

/** The calendar date of an instant in `zone`: "2 Desember 2026". An invalid date gives "–". */
export function formatDate(at: Date | string | number, zone: string = DEFAULT_TIME_ZONE): string {
	const date = toDate(at);
	if (!date) return '–';
	const c = wallClock(date, zone);
	return `${c.day} ${MONTHS[c.month - 1]} ${c.year}`;
}

/**
 * The date and time of an instant in `zone`, with the zone's name: "2 Desember 2026 pukul 16.46
 * WIB". An invalid date gives "–".
 */
export function formatDateTime(
	at: Date | string | number,
	zone: string = DEFAULT_TIME_ZONE
): string {
	const date = toDate(at);
	if (!date) return '–';
	const c = wallClock(date, zone);
	return `${c.day} ${MONTHS[c.month - 1]} ${c.year} pukul ${two(c.hour)}.${two(c.minute)} ${zoneLabel(zone, date)}`;
}

/** The calendar date of an instant in `zone` as an `<input type="date">` value ("2026-12-03"). */
export function toDateInputValue(at: Date | null, zone: string = DEFAULT_TIME_ZONE): string {
	if (!at || Number.isNaN(at.getTime())) return '';
	const c = wallClock(at, zone);
	return `${String(c.year).padStart(4, '0')}-${two(c.month)}-${two(c.day)}`;
}

/**
 * The instant a calendar date ("2026-12-03") shows `time` on the clocks of `zone`: the start
 * ('T00:00:00') or the last second ('T23:59:59') of that day there. The text must be a real date
 * (checked by the caller: see validation/date.ts).
 */
export function zonedInstant(
	date: string,
	time: 'T00:00:00' | 'T23:59:59',
	zone: string = DEFAULT_TIME_ZONE
): Date {
	const asUtc = new Date(`${date}${time}Z`).getTime();
	// The zone's offset at the wanted wall time: guess with the offset at that instant in UTC,
	// then correct once (enough across a summer-time change, which moves the offset once).
	let at = asUtc - wallClock(new Date(asUtc), zone).offset * 60_000;
	at = asUtc - wallClock(new Date(at), zone).offset * 60_000;
	return new Date(at);
}
