import { describe, expect, it } from 'vitest';
import { describeAuditEvent, type AuditEventInput, type AuditNames } from './audit-text';

const names: AuditNames = {
	opd: (id) => ({ 4: 'Dinas Kesehatan' })[id],
	indicator: (id) => ({ 38: 'Renja 2022' })[id],
	user: (id) => ({ 7: 'budi' })[id]
};
const event = (e: Partial<AuditEventInput>): AuditEventInput => ({
	action: 'cell.set',
	entityType: 'cell',
	entityId: '3:4:38',
	year: 2022,
	before: null,
	after: null,
	...e
});
const cell = (value: number | null, extra: Record<string, unknown> = {}) => ({
	value,
	notApplicable: 0,
	evidenceUrl: null,
	note: null,
	reason: null,
	version: 1,
	...extra
});

describe('describeAuditEvent', () => {
	it.each([
		['a first tick', null, cell(1), ['nilai: belum dinilai → ada']],
		['ada → tidak ada', cell(1), cell(0), ['nilai: ada → tidak ada']],
		[
			'not applicable',
			cell(0),
			cell(null, { notApplicable: 1 }),
			['nilai: tidak ada → tidak berlaku']
		],
		[
			'a note changed only',
			cell(1, { note: 'lama' }),
			cell(1, { note: 'baru' }),
			['catatan diubah: "lama" → "baru"']
		],
		[
			'evidence added',
			cell(1),
			cell(1, { evidenceUrl: 'https://dinkes.serangkota.go.id/renja' }),
			['bukti ditambahkan: "https://dinkes.serangkota.go.id/renja"']
		],
		['nothing changed but the version', cell(1), cell(1, { version: 2 }), []]
	])('a cell: %s', (_, before, after, changes) => {
		const s = describeAuditEvent(event({ before, after }), names);
		expect(s.what).toBe('Nilai Dinas Kesehatan · Renja 2022');
		expect(s.changes).toEqual(changes);
	});

	it('a Laporan Tahunan section edit names the year and section, with the text before and after', () => {
		const s = describeAuditEvent(
			event({
				action: 'report.editSection',
				entityType: 'report_section',
				entityId: '2022/rekomendasi',
				before: { body: 'lama' },
				after: { body: 'baru' }
			}),
			names
		);
		expect(s).toEqual({
			what: 'Teks laporan tahunan diubah: laporan tahunan 2022, bagian rekomendasi',
			changes: ['teks: "lama" → "baru"']
		});
	});

	it('names the self-assessment and unknown ids without raw ids', () => {
		const s = describeAuditEvent(
			event({ action: 'cell.self', entityId: '3:9:99', after: cell(1) }),
			names
		);
		expect(s.what).toBe('Penilaian mandiri OPD #9 · kategori #99');
	});

	it('an evidence file by name, size and hash, never its content', () => {
		const file = { fileId: 5, file: 'sk-ppid.pdf', sha256: 'ab'.repeat(32), size: 12345 };
		const up = describeAuditEvent(
			event({ action: 'evidence.upload', after: { ...file, side: 'self' } }),
			names
		);
		expect(up).toEqual({
			what: 'Berkas bukti diunggah (penilaian mandiri OPD): Dinas Kesehatan · Renja 2022',
			changes: ['berkas "sk-ppid.pdf", 12.345 bita', `SHA-256 ${'ab'.repeat(32)}`]
		});
		const gone = describeAuditEvent(
			event({ action: 'evidence.delete', before: { ...file, side: 'verified' } }),
			names
		);
		expect(gone.what).toBe('Berkas bukti dihapus (evaluator): Dinas Kesehatan · Renja 2022');
		expect(gone.changes).toContain('berkas "sk-ppid.pdf", 12.345 bita');
	});

	it('a period move says the statuses in words, with the reason', () => {
		const s = describeAuditEvent(
			event({
				action: 'period.reopen',
				entityType: 'period',
				entityId: '2022',
				before: { status: 'published' },
				after: { status: 'evaluation', reason: 'Sanggahan Dinkes dikabulkan' }
			}),
			names
		);
		expect(s.what).toBe('Periode dibuka kembali: periode 2022');
		expect(s.changes).toEqual([
			'status: Dipublikasikan → Evaluasi',
			'alasan: "Sanggahan Dinkes dikabulkan"'
		]);
	});

	it('deadline extensions per OPD and reminders, with dates, reasons and counts', () => {
		const extend = describeAuditEvent(
			event({
				action: 'participation.extend',
				entityType: 'opd',
				entityId: '4',
				before: null,
				after: { deadlineText: '17 Maret 2026', reason: 'Server OPD rusak seminggu' }
			}),
			names
		);
		expect(extend).toEqual({
			what: 'Batas penilaian mandiri OPD diperpanjang: OPD Dinas Kesehatan (2022)',
			changes: ['batas: batas periode → 17 Maret 2026', 'alasan: "Server OPD rusak seminggu"']
		});
		const removed = describeAuditEvent(
			event({
				action: 'participation.extend-remove',
				entityType: 'opd',
				entityId: '4',
				before: { deadlineText: '17 Maret 2026', reason: 'x' },
				after: { deadlineText: null, reason: 'Keliru OPD' }
			}),
			names
		);
		expect(removed.changes[0]).toBe('batas: 17 Maret 2026 → batas periode');
		const remind = describeAuditEvent(
			event({
				action: 'participation.remind',
				entityType: 'period',
				entityId: '2022',
				after: { opds: 12, notifications: 15, skippedRecent: 3, forced: false }
			}),
			names
		);
		expect(remind).toEqual({
			what: 'Pengingat penilaian mandiri dikirim: periode 2022',
			changes: ['12 OPD, 15 notifikasi', '3 OPD dilewati (sudah diingatkan dalam 24 jam)']
		});
	});

	it('users and stages by name', () => {
		expect(
			describeAuditEvent(
				event({
					action: 'user.role_changed',
					entityType: 'user',
					entityId: '7',
					before: { role: 'operator' },
					after: { role: 'evaluator' }
				}),
				names
			)
		).toEqual({
			what: 'Peran pengguna diubah: pengguna budi',
			changes: ['peran: "operator" → "evaluator"']
		});
		expect(
			describeAuditEvent(
				event({
					action: 'stage.start',
					entityType: 'stage',
					entityId: '3:visitasi',
					after: { status: 'active' }
				}),
				names
			).what
		).toBe('Tahap "visitasi" dimulai');
	});

	it('award lists by title and year, entries by OPD, position and points', () => {
		const entry = { list: 'OPD terbaik', opd: 'satpol-pp', name: 'Satpol PP', note: null };
		const add = event({
			action: 'awards.entry.add',
			entityType: 'awardList',
			entityId: '5',
			year: 2021,
			after: { ...entry, position: 1, points: 250 }
		});
		expect(describeAuditEvent(add, names)).toEqual({
			what: 'OPD ditambahkan ke daftar penghargaan: "OPD terbaik" 2021',
			changes: ['Satpol PP, posisi 1, nilai 250']
		});
		const update = event({
			...add,
			action: 'awards.entry.update',
			before: { ...entry, position: 1, points: 250 },
			after: { ...entry, position: 2, points: null }
		});
		expect(describeAuditEvent(update, names).changes).toEqual([
			'Satpol PP, posisi 1, nilai 250 → Satpol PP, posisi 2'
		]);
		const renamed = event({
			action: 'awards.list.update',
			entityType: 'awardList',
			entityId: '5',
			before: { title: 'OPD terbaik', sourceNote: '' },
			after: { title: 'OPD terbaik monev website', sourceNote: '' }
		});
		expect(describeAuditEvent(renamed, names)).toEqual({
			what: 'Daftar penghargaan diubah: "OPD terbaik monev website" 2022',
			changes: ['judul: "OPD terbaik" → "OPD terbaik monev website"']
		});
	});

	it('award groups of a period: the grouping and tiers before and after', () => {
		const groups = {
			groups: [
				{ key: 'dinas', label: 'Dinas', kinds: ['dinas', 'sekretariat'] },
				{ key: 'kecamatan', label: 'Kecamatan', kinds: ['kecamatan'] }
			],
			best: 3,
			runnersUp: 2
		};
		const set = event({
			action: 'awards.groups',
			entityType: 'period',
			entityId: '2022',
			before: { awardGroups: null },
			after: { awardGroups: groups }
		});
		expect(describeAuditEvent(set, names)).toEqual({
			what: 'Kelompok dan tingkat penghargaan diubah: periode 2022',
			changes: [
				'satu podium untuk semua OPD → "Dinas" (dinas, sekretariat); "Kecamatan" (kecamatan); 3 Terbaik, 2 Harapan'
			]
		});
	});

	it('register rows in words: labels, values in Indonesian, personal fields only named', () => {
		const update = describeAuditEvent(
			event({
				action: 'registers.permohonan.update',
				entityType: 'service_request',
				entityId: '12',
				before: { year: 2021, decision: 'diterima' },
				after: {
					year: 2021,
					decision: 'ditolak',
					personalChanged: ['applicantName']
				}
			}),
			names
		);
		expect(update).toEqual({
			what: 'Permohonan #12 (register 2021) diubah',
			changes: ['Keputusan: Diterima → Ditolak', 'data pribadi diubah: Nama pemohon']
		});
		const add = describeAuditEvent(
			event({
				action: 'registers.keberatan.add',
				entityType: 'service_objection',
				entityId: '3',
				after: { year: 2020, reason: 'c', toDispute: true, possibleDuplicate: false }
			}),
			names
		);
		expect(add.what).toBe('Keberatan #3 (register 2020) dicatat');
		expect(add.changes).toEqual([
			'Alasan keberatan (Pasal 35 ayat 1): Permintaan informasi tidak ditanggapi',
			'Berlanjut ke sengketa: ya'
		]);
		const visits = describeAuditEvent(
			event({
				action: 'registers.visits.set',
				entityType: 'website_visits',
				entityId: '2021',
				before: { visits: [100, null, ...Array(10).fill(null)] },
				after: { visits: [120, null, ...Array(10).fill(null)] }
			}),
			names
		);
		expect(visits).toEqual({
			what: 'Kunjungan website diubah: tahun 2021',
			changes: ['Januari: 100 → 120']
		});
	});

	it('what an indicator says counts: the key, each field changed, the evidence flag', () => {
		const s = describeAuditEvent(
			event({
				action: 'rubric.definition',
				entityType: 'period',
				entityId: '2022',
				before: { key: 'renja', definition: '', acceptableEvidence: '', evidenceRequired: false },
				after: {
					key: 'renja',
					definition: 'Dokumen Renja tahun berjalan',
					acceptableEvidence: '',
					evidenceRequired: true
				}
			}),
			names
		);
		expect(s).toEqual({
			what: 'Definisi operasional indikator diubah "renja": periode 2022',
			changes: ['definisi: "(kosong)" → "Dokumen Renja tahun berjalan"', 'bukti menjadi wajib']
		});
	});
});

describe('double scoring in sentences', () => {
	it('a settlement names both raters, the value taken and the reason', () => {
		const s = describeAuditEvent(
			event({
				action: 'cell.settle',
				before: {
					raters: [
						{ rater: 'Ani', value: 1, notApplicable: false },
						{ rater: 'Budi', value: 0, notApplicable: false }
					]
				},
				after: { value: 1, notApplicable: false, reason: 'Dokumen ada di laman PPID' }
			}),
			names
		);
		expect(s.what).toBe('Selisih diputuskan: Dinas Kesehatan · Renja 2022');
		expect(s.changes).toEqual([
			'penilai Ani: ada',
			'penilai Budi: tidak ada',
			'nilai sel: ada',
			'alasan: "Dokumen ada di laman PPID"'
		]);
	});

	it("a rater's own value names the rater", () => {
		const s = describeAuditEvent(
			event({
				action: 'rater.set',
				entityType: 'rater-score',
				entityId: '3:4:38:7',
				before: null,
				after: cell(0)
			}),
			names
		);
		expect(s.what).toBe('Nilai penilai Dinas Kesehatan · Renja 2022 (penilai budi)');
		expect(s.changes).toEqual(['nilai: belum dinilai → tidak ada']);
	});

	it('the period setting in words', () => {
		const s = describeAuditEvent(
			event({
				action: 'period.double-scoring',
				entityType: 'period',
				entityId: '2022',
				before: { doubleScored: false, blindSelf: false, leadEvaluatorId: null },
				after: { doubleScored: true, blindSelf: true, leadEvaluatorId: 7 }
			}),
			names
		);
		expect(s.what).toBe('Pengaturan dua penilai diubah: periode 2022');
		expect(s.changes).toEqual([
			'dinilai dua penilai: tidak → ya',
			'tanpa melihat penilaian mandiri: tidak → ya',
			'penilai utama: (hanya admin) → budi'
		]);
	});
});

describe('an OPD left out, in a sentence naming which way', () => {
	const leftOut = (before: unknown, after: unknown) =>
		describeAuditEvent(
			event({
				action: 'period.opd-not-rated',
				entityType: 'opd',
				entityId: 'dinkes',
				before,
				after
			}),
			names
		);

	it('names "tidak berpartisipasi" and leaves out an empty reason', () => {
		expect(
			leftOut(
				{ opd: 'Dinkes', notRatedReason: null },
				{ opd: 'Dinkes', notRatedReason: '', notRatedKind: 'tidak berpartisipasi' }
			)
		).toEqual({ what: 'OPD dinyatakan tidak berpartisipasi: OPD dinkes', changes: [] });
	});

	it('names "tidak dinilai" (also for events before the choice) and a change of kind', () => {
		expect(leftOut(null, { opd: 'Dinkes', notRatedReason: 'situs mati' })).toEqual({
			what: 'OPD dinyatakan tidak dinilai: OPD dinkes',
			changes: ['alasan: "situs mati"']
		});
		expect(
			leftOut(
				{ notRatedReason: '', notRatedKind: 'tidak berpartisipasi' },
				{ notRatedReason: 'situs mati', notRatedKind: 'tidak dinilai' }
			).changes
		).toEqual(['sebelumnya: tidak berpartisipasi', 'alasan: "situs mati"']);
	});
});
