import { describe, expect, it } from 'vitest';
import { DEFAULT_BANDS } from '../scoring/rubric';
import {
	parseStructureForm,
	readStructureFields,
	structureFields,
	withKipStageFields
} from './structure-form';

const base = {
	stageRows: '3',
	stageKey_0: 'saq',
	stageLabel_0: 'Penilaian mandiri (SAQ)',
	stageShare_0: '70',
	stageMinToProceed_0: '60',
	stageOrder_0: '1',
	stageKey_1: 'visitasi',
	stageLabel_1: 'Visitasi',
	stageShare_1: '30',
	stageMinToProceed_1: '',
	stageOrder_1: '2',
	// the empty row offered for a new stage
	stageKey_2: '',
	stageLabel_2: '',
	stageShare_2: '',
	stageMinToProceed_2: '',
	stageOrder_2: '3',
	aspectRows: '3',
	aspectKey_0: 'jenis',
	aspectLabel_0: 'Jenis informasi',
	aspectStage_0: 'saq',
	aspectShare_0: '',
	aspectKey_1: '',
	aspectLabel_1: 'Hasil kunjungan',
	aspectStage_1: 'visitasi',
	aspectShare_1: '',
	aspectKey_2: '',
	aspectLabel_2: '',
	aspectStage_2: 'saq',
	aspectShare_2: ''
};

function errorsOf(values: Record<string, string>): string[] {
	const parsed = parseStructureForm(values);
	expect(parsed.ok).toBe(false);
	return parsed.ok ? [] : parsed.errors;
}

describe('parseStructureForm', () => {
	it('reads stages and aspects, skips empty new rows, makes new keys from labels', () => {
		const parsed = parseStructureForm(base);
		expect(parsed).toMatchObject({
			ok: true,
			structure: {
				stages: [
					{ key: 'saq', label: 'Penilaian mandiri (SAQ)', share: 70, minToProceed: 60, order: 1 },
					{ key: 'visitasi', label: 'Visitasi', share: 30, order: 2 }
				],
				aspects: [
					{ key: 'jenis', label: 'Jenis informasi', stage: 'saq', share: null },
					{ key: 'hasil-kunjungan', label: 'Hasil kunjungan', stage: 'visitasi', share: null }
				]
			}
		});
		// No minimum means none, not 0; no band rows means the bands stay as they are.
		expect(parsed.ok && parsed.structure.stages[1]).not.toHaveProperty('minToProceed');
		expect(parsed.ok && parsed.structure).not.toHaveProperty('bands');
	});

	it.each([
		['Sarana & Prasarana', 'sarana-dan-prasarana'],
		['Digitalisasi 2025', 'digitalisasi']
	])('makes the key of a new aspect %j with the one key function: %j', (label, key) => {
		const parsed = parseStructureForm({ ...base, aspectLabel_2: label });
		expect(parsed.ok && parsed.structure.aspects.map((a) => a.key)).toContain(key);
	});

	it('orders stages by the order field, renumbers them and drops removed rows', () => {
		const parsed = parseStructureForm({
			...base,
			stageOrder_0: '5',
			stageShare_0: '33,5',
			stageRemove_1: 'on',
			stageKey_2: 'uji-publik',
			stageLabel_2: 'Uji publik',
			stageShare_2: '25',
			aspectRemove_0: 'on'
		});
		expect(parsed.ok && parsed.structure.stages.map((s) => [s.key, s.share, s.order])).toEqual([
			['uji-publik', 25, 1],
			['saq', 33.5, 2]
		]);
		expect(parsed.ok && parsed.structure.aspects.map((a) => a.key)).toEqual(['hasil-kunjungan']);
	});

	it('reads weighted aspects and bands', () => {
		const parsed = parseStructureForm({
			...base,
			aspectShare_0: '100',
			aspectShare_1: '100',
			bandRows: '3',
			bandLabel_0: 'Informatif',
			bandMin_0: '90',
			bandLabel_1: 'Tidak Informatif',
			bandMin_1: '0',
			bandLabel_2: '',
			bandMin_2: ''
		});
		expect(parsed.ok && parsed.structure.aspects.map((a) => a.share)).toEqual([100, 100]);
		expect(parsed.ok && parsed.structure.bands).toEqual([
			{ label: 'Informatif', min: 90 },
			{ label: 'Tidak Informatif', min: 0 }
		]);
	});

	it.each([
		[
			{ stageShare_0: 'tujuh puluh' },
			'Tahap baris 1 (Penilaian mandiri (SAQ)): bobot harus angka.'
		],
		[{ stageShare_1: '' }, 'Tahap baris 2 (Visitasi): bobot wajib diisi.'],
		[
			{ stageMinToProceed_0: '120' },
			'Tahap baris 1 (Penilaian mandiri (SAQ)): nilai minimum tidak boleh lebih dari 100.'
		],
		[
			{ stageKey_1: 'Visit Asi' },
			'Tahap baris 2 (Visitasi): kunci hanya huruf kecil, angka dan tanda hubung.'
		],
		[{ stageLabel_1: '' }, 'Tahap baris 2: nama tahap wajib diisi.'],
		[{ aspectShare_1: '-5' }, 'Aspek baris 2 (Hasil kunjungan): bobot tidak boleh kurang dari 0.'],
		[{ aspectStage_1: '' }, 'Aspek baris 2 (Hasil kunjungan): pilih tahapnya.'],
		[
			{ bandRows: '1', bandLabel_0: 'Informatif', bandMin_0: 'x' },
			'Kualifikasi baris 1 (Informatif): batas bawah harus angka.'
		]
	])('refuses %j naming the row', (change, message) => {
		expect(errorsOf({ ...base, ...change })).toEqual([message]);
	});

	it('reports every bad row, one message per field', () => {
		const errors = errorsOf({
			...base,
			stageShare_0: 'x',
			stageMinToProceed_0: 'y',
			stageShare_1: '200'
		});
		expect(errors).toEqual([
			'Tahap baris 1 (Penilaian mandiri (SAQ)): bobot harus angka.',
			'Tahap baris 1 (Penilaian mandiri (SAQ)): nilai minimum harus angka.',
			'Tahap baris 2 (Visitasi): bobot tidak boleh lebih dari 100.'
		]);
	});

	it('gives the rows back as typed, for showing a refused form again', () => {
		const parsed = parseStructureForm({ ...base, stageShare_0: 'x' });
		expect(parsed.fields.stages[0]).toEqual({
			key: 'saq',
			label: 'Penilaian mandiri (SAQ)',
			share: 'x',
			minToProceed: '60',
			order: '1'
		});
		expect(parsed.fields.aspects).toHaveLength(2);
	});
});

describe('structureFields', () => {
	it('round-trips a saved structure through the form', () => {
		const saved = {
			stages: [
				{ key: 'visitasi', label: 'Visitasi', share: 30, order: 2 },
				{ key: 'saq', label: 'SAQ', share: 70, minToProceed: 60, order: 1 }
			],
			aspects: [
				{ key: 'jenis', label: 'Jenis', stage: 'saq', share: 100 },
				{ key: 'kunjungan', label: 'Kunjungan', stage: 'visitasi', share: null }
			],
			bands: DEFAULT_BANDS
		};
		const fields = structureFields(saved);
		const values: Record<string, string> = {
			stageRows: String(fields.stages.length),
			aspectRows: String(fields.aspects.length),
			bandRows: String(fields.bands.length)
		};
		fields.stages.forEach((s, n) => {
			values[`stageKey_${n}`] = s.key;
			values[`stageLabel_${n}`] = s.label;
			values[`stageShare_${n}`] = s.share;
			values[`stageMinToProceed_${n}`] = s.minToProceed;
			values[`stageOrder_${n}`] = s.order;
		});
		fields.aspects.forEach((a, n) => {
			values[`aspectKey_${n}`] = a.key;
			values[`aspectLabel_${n}`] = a.label;
			values[`aspectStage_${n}`] = a.stage;
			values[`aspectShare_${n}`] = a.share;
		});
		fields.bands.forEach((b, n) => {
			values[`bandLabel_${n}`] = b.label;
			values[`bandMin_${n}`] = b.min;
		});
		expect(readStructureFields(values)).toEqual(fields);
		const parsed = parseStructureForm(values);
		expect(parsed.ok && parsed.structure).toEqual({
			stages: [saved.stages[1], saved.stages[0]],
			aspects: saved.aspects,
			bands: DEFAULT_BANDS
		});
	});
});

describe('withKipStageFields', () => {
	it('puts the four KIP stages in the form and moves other aspects to the first', () => {
		const fields = withKipStageFields(readStructureFields(base));
		expect(fields.stages.map((s) => [s.key, s.label, s.share, s.minToProceed, s.order])).toEqual([
			['monitoring-website', 'Monitoring website', '20', '', '1'],
			['saq', 'Penilaian mandiri (SAQ)', '30', '60', '2'],
			['visitasi', 'Visitasi', '25', '80', '3'],
			['uji-publik', 'Uji publik', '25', '', '4']
		]);
		expect(fields.aspects.map((a) => [a.key, a.stage])).toEqual([
			['jenis', 'saq'],
			['hasil-kunjungan', 'visitasi']
		]);
		const flat = withKipStageFields(
			readStructureFields({
				aspectRows: '1',
				aspectKey_0: 'dip',
				aspectLabel_0: 'DIP',
				aspectStage_0: 'utama'
			})
		);
		expect(flat.aspects[0]?.stage).toBe('monitoring-website');
	});
});
