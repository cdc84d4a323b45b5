/**
 * The public-holiday setting read from its file (MONEV_HOLIDAYS_FILE, default
 * `data/hari-libur.json`): read on every use, so an edit applies without a restart. A missing
 * file means no holidays (weekends only); a broken one throws naming the problem, never silently
 * counting holidays as working days.
 */
import { readFileSync } from 'node:fs';
import { holidaySet, parseHolidays, type Holiday } from '../../registers/holidays';

export function holidaysFile(env: NodeJS.ProcessEnv = process.env): string {
	return env.MONEV_HOLIDAYS_FILE?.trim() || 'data/hari-libur.json';
}

/** The setting by year; {} when the file does not exist. */
export function readHolidays(file: string = holidaysFile()): Record<string, Holiday[]> {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
		throw e;
	}
	const parsed = parseHolidays(text);
	if (!parsed.ok) throw new Error(`${file}: ${parsed.errors.join('; ')}`);
	return parsed.byYear;
}

/** Every listed date, what the working-days count skips. */
export function holidayDates(file: string = holidaysFile()): Set<string> {
	return holidaySet(readHolidays(file));
}
