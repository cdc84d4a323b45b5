import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { fieldErrors } from './form';
import { uploadSchema } from './import-upload';

const errorsOf = (input: unknown) => {
	const read = v.safeParse(uploadSchema, input);
	return read.success ? {} : fieldErrors(read.issues);
};

describe('uploadSchema', () => {
	it('reads a year and a pasted table or a file', () => {
		expect(v.parse(uploadSchema, { year: ' 2022 ', text: 'a\tb', file: false })).toEqual({
			year: 2022,
			text: 'a\tb',
			sheet: '',
			file: false
		});
		expect(v.parse(uploadSchema, { year: '2100', sheet: ' Lampiran ', file: true })).toEqual({
			year: 2100,
			text: '',
			sheet: 'Lampiran',
			file: true
		});
	});

	it.each(['', '22', '1999', '2101', '2022x'])('refuses the year %j', (year) => {
		expect(errorsOf({ year, text: 'x', file: false })).toEqual({
			year: 'Tahun harus berupa tahun empat angka, mis. 2022.'
		});
	});

	it('asks for a file or a table, beside a bad year', () => {
		expect(errorsOf({ year: 'x', text: '  \n', file: false })).toEqual({
			year: 'Tahun harus berupa tahun empat angka, mis. 2022.',
			file: 'Pilih berkas (.txt, .csv, .tsv atau .xlsx) atau tempelkan tabelnya.'
		});
	});
});
