/**
 * Public holidays (hari libur nasional and cuti bersama), the setting the working-days count of
 * the registers skips besides weekends (UU 14/2008 Pasal 22: 10 working days, +7). Kept per year
 * in a setting file (`data/hari-libur.json`, or the file MONEV_HOLIDAYS_FILE names):
 *
 *   { "2021": [{ "date": "2021-08-17", "name": "Hari Kemerdekaan" }] }
 *
 * Pure: parsing and checking the file's text; the server reads the file.
 */
import { isCalendarDate } from '../validation/date';

export interface Holiday {
	date: string;
	name: string;
}

export type HolidaysResult =
	{ ok: true; byYear: Record<string, Holiday[]> } | { ok: false; errors: string[] };

/** Reads the setting's text; every problem names the year and the entry. */
export function parseHolidays(text: string): HolidaysResult {
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch (e) {
		return { ok: false, errors: [`bukan JSON yang sah: ${(e as Error).message}`] };
	}
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
		return { ok: false, errors: ['isi berkas harus objek { "tahun": [ … ] }'] };
	const errors: string[] = [];
	const byYear: Record<string, Holiday[]> = {};
	for (const [year, list] of Object.entries(raw)) {
		if (!/^\d{4}$/.test(year)) {
			errors.push(`kunci "${year}" bukan tahun`);
			continue;
		}
		if (!Array.isArray(list)) {
			errors.push(`${year}: harus daftar hari libur`);
			continue;
		}
		byYear[year] = [];
		list.forEach((item: unknown, i) => {
			const at = `${year} #${i + 1}`;
			const h = item as Partial<Holiday> | null;
			if (typeof h !== 'object' || h === null || typeof h.date !== 'string') {
				errors.push(`${at}: perlu "date" (YYYY-MM-DD) dan "name"`);
				return;
			}
			if (!isCalendarDate(h.date)) errors.push(`${at}: tanggal ${h.date} tidak sah`);
			else if (!h.date.startsWith(`${year}-`)) errors.push(`${at}: ${h.date} bukan tahun ${year}`);
			else if (typeof h.name !== 'string' || h.name.trim() === '')
				errors.push(`${at}: isi nama hari libur ${h.date}`);
			else byYear[year]!.push({ date: h.date, name: h.name.trim() });
		});
	}
	return errors.length > 0 ? { ok: false, errors } : { ok: true, byYear };
}

/** Every listed date of every year, for `workingDaysBetween` (a span may cross a year end). */
export function holidaySet(byYear: Record<string, readonly Holiday[]>): Set<string> {
	return new Set(Object.values(byYear).flatMap((list) => list.map((h) => h.date)));
}
