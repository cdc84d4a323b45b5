import { describe, expect, it } from 'vitest';
import { readWith } from './form';
import { periodCopySchema } from './period-form';

describe('periodCopySchema', () => {
	it.each([
		[
			{ from: '2021', to: ' 2022 ' },
			{ ok: true, value: { from: 2021, to: 2022 } }
		],
		[{ from: '2021' }, { ok: false, message: 'Isi tahun asal dan tahun baru.' }],
		[
			{ from: '', to: '2022' },
			{ ok: false, message: 'Isi tahun asal dan tahun baru.' }
		],
		[
			{ from: '2021', to: '1999' },
			{ ok: false, message: 'Tahun harus bilangan bulat antara 2000 dan 2100.' }
		],
		[
			{ from: '2021', to: '2022.5' },
			{ ok: false, message: 'Tahun harus bilangan bulat antara 2000 dan 2100.' }
		]
	])('%j → %j', (input, expected) => {
		expect(readWith(periodCopySchema, input)).toEqual(expected);
	});
});
