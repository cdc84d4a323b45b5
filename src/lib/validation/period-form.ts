/** The periods page's copy form: the year copied from and the new year. Pure. */
import * as v from 'valibot';
import { MAX_YEAR, MIN_YEAR, yearField } from './date';

const year = yearField(
	`Tahun harus bilangan bulat antara ${MIN_YEAR} dan ${MAX_YEAR}.`,
	'Isi tahun asal dan tahun baru.'
);

export const periodCopySchema = v.object({ from: year, to: year });
