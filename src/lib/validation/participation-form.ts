/**
 * The participation board's forms: a deadline extension for one OPD (date, reason; or taking it
 * back) and reminders (all OPDs not yet submitted, or the ticked ones; forced or not). One schema
 * per form, read from FormData values with `parseForm`.
 */
import * as v from 'valibot';
import { calendarDate } from './date';
import { TEXT_LIMITS } from './text-limits';

const id = (message: string) =>
	v.pipe(v.string(message), v.trim(), v.regex(/^[1-9][0-9]{0,9}$/, message), v.transform(Number));

const reason = v.pipe(
	v.optional(v.string(), ''),
	v.trim(),
	v.minLength(5, 'Tuliskan alasan perpanjangan (minimal 5 karakter).'),
	v.maxLength(TEXT_LIMITS.text, `Alasan paling banyak ${TEXT_LIMITS.text} karakter.`)
);

/** Gives an OPD its own later deadline: the last day (inclusive) and why. */
export const extensionSchema = v.object({
	opdId: id('Pilih OPD dari daftar.'),
	until: calendarDate('Batas baru'),
	reason
});

/** Takes an OPD's extension back; the reason goes into the audit log. */
export const extensionRemoveSchema = v.object({
	opdId: id('Pilih OPD dari daftar.'),
	reason
});

/** "Kirim pengingat": `scope` all (every OPD not yet submitted) or the ticked `opdIds`. */
export const reminderSchema = v.object({
	scope: v.picklist(['all', 'selected'], 'Pilih siapa yang diingatkan.'),
	opdIds: v.array(id('OPD yang dicentang tidak dikenal.')),
	force: v.optional(v.literal('1'))
});
