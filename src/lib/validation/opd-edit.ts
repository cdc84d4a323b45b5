/**
 * The OPD master's edit form: name, short name, kind and website. Pure; the server's `updateOpd`
 * reads every edit through it, whoever calls it.
 */
import * as v from 'valibot';
import { OPD_KINDS } from '../insights/filters';
import { TEXT_LIMITS, withinLimit } from './text-limits';

export const opdEditSchema = v.object({
	name: v.pipe(
		v.string(),
		v.trim(),
		v.minLength(3, 'Nama OPD minimal 3 karakter.'),
		withinLimit('Nama OPD', TEXT_LIMITS.name)
	),
	shortName: v.pipe(
		v.string(),
		v.trim(),
		v.nonEmpty('Nama singkat wajib diisi.'),
		withinLimit('Nama singkat', TEXT_LIMITS.name)
	),
	kind: v.picklist(OPD_KINDS, 'Jenis OPD tidak dikenal.'),
	websiteUrl: v.pipe(
		v.nullable(v.string(), ''),
		v.trim(),
		withinLimit('Alamat situs', TEXT_LIMITS.url),
		v.check(
			(url) => url === '' || /^https?:\/\/\S+$/i.test(url),
			'Alamat situs harus diawali http:// atau https://.'
		),
		v.transform((url) => url || null)
	)
});

export type OpdEditInput = v.InferInput<typeof opdEditSchema>;
