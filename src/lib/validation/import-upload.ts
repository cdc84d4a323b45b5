/**
 * The /impor upload form: the year the table belongs to, and a file or a pasted table (the
 * sheet name of a workbook is optional). Pure: the server reads the file's bytes after this passes.
 */
import * as v from 'valibot';
import { yearField } from './date';

const YEAR_MESSAGE = 'Tahun harus berupa tahun empat angka, mis. 2022.';
const SOURCE_MESSAGE = 'Pilih berkas (.txt, .csv, .tsv atau .xlsx) atau tempelkan tabelnya.';

/** `file`: whether a non-empty file was chosen (the bytes are not the schema's business). */
export const uploadSchema = v.pipe(
	v.object({
		year: yearField(YEAR_MESSAGE),
		text: v.optional(v.string(), ''),
		sheet: v.pipe(v.optional(v.string(), ''), v.trim()),
		file: v.boolean()
	}),
	v.forward(
		v.partialCheck(
			[['text'], ['file']],
			({ text, file }) => file || text.trim() !== '',
			SOURCE_MESSAGE
		),
		['file']
	)
);
