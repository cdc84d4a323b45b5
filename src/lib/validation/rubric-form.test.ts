import { describe, expect, it } from 'vitest';
import { indicatorKey } from '../import/indicator-keys';
import { parseRubricForm } from './rubric-form';

describe('parseRubricForm', () => {
	it('reads rows, skips removed and empty new rows, orders by the order field', () => {
		const parsed = parseRubricForm({
			rows: '4',
			id_0: '10',
			key_0: 'renja',
			label_0: 'Renja 2022',
			aspect_0: 'dip',
			kind_0: 'check',
			weight_0: '1',
			order_0: '2',
			id_1: '11',
			key_1: 'lkpj',
			label_1: 'LKPJ',
			aspect_1: 'dip',
			kind_1: 'check',
			remove_1: 'on',
			label_2: 'Kualitas website',
			aspect_2: 'dip',
			kind_2: 'scale',
			weight_2: '5',
			maxLevel_2: '2',
			levelLabels_2: 'buruk | cukup | baik',
			order_2: '1',
			label_3: ''
		});
		expect(parsed).toEqual({
			ok: true,
			indicators: [
				{
					id: null,
					key: 'kualitas-website',
					label: 'Kualitas website',
					aspect: 'dip',
					kind: 'scale',
					weight: 5,
					maxLevel: 2,
					levelLabels: ['buruk', 'cukup', 'baik'],
					order: 1
				},
				{
					id: 10,
					key: 'renja',
					label: 'Renja 2022',
					aspect: 'dip',
					kind: 'check',
					weight: 1,
					order: 2
				}
			]
		});
	});

	it('keeps a count weight equal to its cap', () => {
		const parsed = parseRubricForm({
			rows: '1',
			label_0: 'Berita',
			aspect_0: 'dip',
			kind_0: 'count',
			pointsPerUnit_0: '0,5',
			cap_0: '10'
		});
		expect(parsed.ok && parsed.indicators[0]).toMatchObject({
			pointsPerUnit: 0.5,
			cap: 10,
			weight: 10
		});
	});

	it.each([
		[{ rows: '1', id_0: '3', label_0: '', kind_0: 'check' }, /label wajib/],
		[{ rows: '1', label_0: 'X', kind_0: 'check', weight_0: 'abc' }, /weight harus angka/],
		[{ rows: '1', label_0: 'X', key_0: 'Bad Key', kind_0: 'check' }, /kunci/]
	])('refuses %j', (values, message) => {
		const parsed = parseRubricForm(values);
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.errors.join(' ')).toMatch(message);
	});

	// A new indicator gets the key the import gives the same label, so a category added or
	// relabelled in the editor stays comparable with the imported years.
	it.each([
		['Renja 2021', 'renja'],
		['Renja 2022', 'renja'],
		['Pengadaan Barang & Jasa', 'pengadaan-barang-dan-jasa'],
		['Struktur Organisasi & Nama Pejabat', 'struktur-organisasi-dan-nama-pejabat'],
		['RKPD 2021-2026', 'rkpd'],
		['Daftar Informasi yang Dikecualikan', 'daftar-informasi-yang-dikecualikan'],
		['Kualitas Layanan Publik (Survei Kepuasan)', 'kualitas-layanan-publik-survei-kepuasan']
	])('makes the key of a new %j as the import does: %j', (label, key) => {
		const parsed = parseRubricForm({ rows: '1', label_0: label, aspect_0: 'dip', kind_0: 'check' });
		expect(parsed.ok && parsed.indicators[0]?.key).toBe(key);
		expect(indicatorKey(label)).toBe(key);
	});
});
