import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { opdEditSchema } from './opd-edit';

const base = { name: 'Dinas Kominfo', shortName: 'Kominfo', kind: 'dinas', websiteUrl: null };
const firstMessage = (edit: object) => {
	const read = v.safeParse(opdEditSchema, { ...base, ...edit });
	return read.success ? null : read.issues[0].message;
};

describe('opdEditSchema', () => {
	it('trims and reads a blank website as none', () => {
		expect(
			v.parse(opdEditSchema, { ...base, name: ' Dinas X ', websiteUrl: ' https://x.go.id ' })
		).toEqual({ ...base, name: 'Dinas X', websiteUrl: 'https://x.go.id' });
		expect(v.parse(opdEditSchema, { ...base, websiteUrl: '  ' }).websiteUrl).toBeNull();
	});

	it.each([
		[{ name: ' ab ' }, 'Nama OPD minimal 3 karakter.'],
		[{ name: 'N'.repeat(201) }, 'Nama OPD terlalu panjang: 201 karakter, paling banyak 200.'],
		[{ shortName: '  ' }, 'Nama singkat wajib diisi.'],
		[{ kind: 'kantor' }, 'Jenis OPD tidak dikenal.'],
		[{ websiteUrl: 'x.go.id' }, 'Alamat situs harus diawali http:// atau https://.'],
		[
			{ websiteUrl: 'https://x.go.id/' + 'a'.repeat(2040) },
			'Alamat situs terlalu panjang: 2.056 karakter, paling banyak 2.048.'
		]
	])('refuses %j', (edit, message) => {
		expect(firstMessage(edit)).toBe(message);
	});
});
