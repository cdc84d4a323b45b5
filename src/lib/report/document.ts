/**
 * The Laporan Tahunan PPID as a document model: Bagian I–VII built from the year's composer text
 * (narrative, signatory, budget) and its facts (registers, the DIP matrix of 2.3, the award lists).
 * Pure: the printable page, the HTML file and the .docx all render these blocks, so the three
 * outputs cannot drift apart.
 */
import { LABELS } from '../registers/vocab';
import { serviceStats } from '../registers/stats';
import type { YearRegisters } from '../registers/types';
import {
	blocks as bodyBlocks,
	formatIndonesianDate,
	rupiah,
	SECTION_TITLES,
	tableBody,
	terbilang,
	type SectionKey,
	type Signatory
} from './narrative';

export type DocBlock =
	| { t: 'cover'; lines: string[] }
	| { t: 'h1'; lines: string[] }
	| { t: 'h2'; text: string }
	| { t: 'p'; text: string; small?: boolean }
	| { t: 'ol'; items: string[] }
	| { t: 'table'; caption: string[]; head: string[]; rows: string[][]; wide?: boolean }
	| { t: 'signature'; placeDate: string; title: string; name: string; nip: string }
	| { t: 'pagebreak' };

export interface ReportDocument {
	title: string;
	blocks: DocBlock[];
}

export interface AwardListEntry {
	position: number;
	opdName: string;
	points: number | null;
}

/** One award list of the year ("OPD terbaik monev website"), as the PPID published it. */
export interface AwardList {
	title: string;
	source: string | null;
	entries: AwardListEntry[];
}

export interface ReportMatrix {
	columns: string[];
	rows: { number: number; name: string; marks: string[] }[];
}

export interface ReportInput {
	year: number;
	organization: string;
	sections: Partial<Record<SectionKey, string>>;
	signatory: Signatory;
	budget: { amount: number | null; fundingSource: string };
	registers: YearRegisters | null;
	/** Totals the source text states beside its tables (kept, never corrected). */
	stated: { disputes: number | null; objectionsToDispute: number | null };
	matrix: ReportMatrix | null;
	awards: AwardList[];
	/**
	 * Whether applicants' names, addresses and respondents' e-mails are printed (UU 27/2022): off
	 * unless asked for; the report is often published as is.
	 */
	personalData: boolean;
}

const MONTH_NAMES = [
	'Januari',
	'Februari',
	'Maret',
	'April',
	'Mei',
	'Juni',
	'Juli',
	'Agustus',
	'September',
	'Oktober',
	'November',
	'Desember'
];

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

const count = (n: number) => `${n} (${terbilang(n) || 'nol'})`;
const number = (n: number) => n.toLocaleString('id-ID');

/** "2021-07-29" → "29/07/2021". */
function shortDate(iso: string | null): string {
	const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
	return m ? `${m[3]}/${m[2]}/${m[1]}` : (iso ?? '');
}

function narrative(body: string | undefined, out: DocBlock[], year: number): void {
	if (!body || body.trim() === '') {
		out.push({ t: 'p', text: `(Bagian ini belum diisi untuk tahun ${year}.)` });
		return;
	}
	for (const b of bodyBlocks(body))
		out.push(b.kind === 'list' ? { t: 'ol', items: b.items } : { t: 'p', text: b.lines.join(' ') });
}

function numbered(rows: string[][]): string[][] {
	return rows.map((r, i) => [String(i + 1), ...r]);
}

/** Builds the whole report, Bagian I–VII. */
export function buildReport(input: ReportInput): ReportDocument {
	const { year, sections: s } = input;
	const org = input.organization;
	const ORG = org.toUpperCase();
	const out: DocBlock[] = [];
	const section = (key: SectionKey) => {
		out.push({ t: 'h2', text: SECTION_TITLES[key] });
		narrative(s[key], out, year);
	};

	out.push({
		t: 'cover',
		lines: [
			'LAPORAN TAHUNAN',
			'PEJABAT PENGELOLA INFORMASI DAN DOKUMENTASI (PPID)',
			ORG,
			String(year)
		]
	});
	out.push({ t: 'pagebreak' });

	// Kata pengantar and its signatory.
	out.push({ t: 'h1', lines: ['KATA PENGANTAR'] });
	narrative(s.kata_pengantar, out, year);
	const sig = input.signatory;
	out.push({
		t: 'signature',
		placeDate: [sig.place, sig.date ? formatIndonesianDate(sig.date) : '']
			.filter(Boolean)
			.join(', '),
		title: sig.title,
		name: sig.name,
		nip: sig.nip
	});
	out.push({ t: 'pagebreak' });

	// Bagian I.
	out.push({ t: 'h1', lines: ['BAGIAN I', 'GAMBARAN UMUM DAN KEBIJAKAN LAYANAN INFORMASI'] });
	section('latar_belakang');
	out.push({ t: 'h2', text: SECTION_TITLES.regulasi });
	out.push({
		t: 'table',
		caption: ['TABEL 1.1', 'LANDASAN REGULASI'],
		head: ['NO', 'PERATURAN', 'TENTANG', 'TAHUN TERBIT'],
		rows: numbered(tableBody(s.regulasi ?? ''))
	});
	section('arah_prioritas');
	narrative(s.kegiatan_utama, out, year);
	for (const list of input.awards) {
		out.push({
			t: 'table',
			caption: [list.title.toUpperCase()],
			head: ['PERINGKAT', 'OPD', 'NILAI'],
			rows: list.entries.map((e) => [
				ROMAN[e.position - 1] ?? String(e.position),
				e.opdName,
				e.points === null ? '–' : number(e.points)
			])
		});
		if (list.source) out.push({ t: 'p', text: `Sumber: ${list.source}.`, small: true });
	}
	narrative(s.program_inovasi, out, year);
	out.push({ t: 'pagebreak' });

	// Bagian II.
	out.push({ t: 'h1', lines: ['BAGIAN II', 'GAMBARAN UMUM PELAKSANAAN PELAYANAN INFORMASI'] });
	section('sekretariat');
	out.push({
		t: 'table',
		caption: ['TABEL 2.1', 'SARANA DAN PRASARANA LAYANAN INFORMASI'],
		head: ['NO', 'JENIS SARANA DAN PRASARANA', 'KETERSEDIAAN'],
		rows: numbered(tableBody(s.sarana ?? ''))
	});
	section('sdm');
	section('sistem_informasi');
	if (input.matrix) {
		out.push({
			t: 'table',
			caption: ['DAFTAR INFORMASI ORGANISASI PERANGKAT DAERAH (OPD)', `DI LINGKUNGAN ${ORG}`],
			head: ['NO', 'NAMA OPD', ...input.matrix.columns],
			rows: input.matrix.rows.map((r) => [String(r.number), r.name, ...r.marks]),
			wide: true
		});
	} else out.push({ t: 'p', text: `Hasil monev DIP tahun ${year} belum diterbitkan.` });
	out.push({ t: 'h2', text: '2.4 Besaran Anggaran' });
	const { amount, fundingSource } = input.budget;
	out.push({
		t: 'p',
		text:
			amount === null
				? `Besaran anggaran tahun ${year} belum diisi.`
				: `Jumlah anggaran untuk melaksanakan kegiatan PPID ${org} Tahun ${year} bersumber dari ${
						fundingSource ? `dana ${fundingSource}` : 'anggaran daerah'
					} sebesar ${rupiah(amount)} (${terbilang(amount)} rupiah).`
	});
	out.push({ t: 'pagebreak' });

	// Bagian III–V: the registers.
	const reg = input.registers;
	out.push({ t: 'h1', lines: ['BAGIAN III', 'LAYANAN PERMOHONAN INFORMASI PUBLIK'] });
	section('pelayanan');
	if (!reg) out.push({ t: 'p', text: `Register layanan tahun ${year} belum berisi data.` });
	else {
		const stats = serviceStats(reg);
		const visits = reg.websiteVisits;
		const visitTotal = visits.reduce<number>((a, v) => a + (v ?? 0), 0);
		out.push({
			t: 'table',
			caption: ['TABEL 3.1', 'REKAPITULASI JUMLAH KUNJUNGAN WEBSITE'],
			head: ['NO', 'BULAN', 'JUMLAH KUNJUNGAN WEBSITE'],
			rows: [
				...MONTH_NAMES.map((m, i) => [
					String(i + 1),
					m,
					visits[i] === null || visits[i] === undefined ? '–' : String(visits[i])
				]),
				['', 'Jumlah', String(visitTotal)]
			]
		});
		const recap = reg.requests.filter((r) => r.kind === 'recap');
		if (recap.length > 0)
			out.push({
				t: 'table',
				caption: ['TABEL 3.2', `LAPORAN PERMOHONAN INFORMASI ${ORG} TAHUN ${year}`],
				head: [
					'BULAN',
					'JUMLAH PEMOHON',
					'PEMOHON INFORMASI',
					'SARANA PERMOHONAN',
					'INFORMASI YANG DIMINTA',
					'KEPUTUSAN',
					'ALASAN PENOLAKAN'
				],
				rows: recap.map((r) => [
					MONTH_NAMES[r.month - 1] ?? '',
					count(r.count),
					LABELS.applicantType[r.applicantType],
					r.note ?? LABELS.channel[r.channel],
					r.information,
					LABELS.decision[r.decision],
					r.refusalText ?? (r.refusalReason ? LABELS.refusalReason[r.refusalReason] : '')
				])
			});
		const entries = reg.requests.filter((r) => r.kind === 'entry');
		if (entries.length > 0) {
			const pd = input.personalData;
			out.push({
				t: 'table',
				caption: ['TABEL 3.3', `REKAPITULASI PERMOHONAN INFORMASI PER PERMOHONAN TAHUN ${year}`],
				head: [
					'NO',
					'TANGGAL',
					...(pd ? ['NAMA PEMOHON', 'ALAMAT'] : []),
					'KATEGORI PEMOHON',
					'SARANA',
					'RINCIAN PERMOHONAN',
					'KEPUTUSAN',
					'TINDAK LANJUT'
				],
				rows: entries.map((r, i) => [
					String(i + 1),
					shortDate(r.receivedOn),
					...(pd ? [r.applicantName ?? '', r.applicantAddress ?? ''] : []),
					LABELS.applicantType[r.applicantType],
					LABELS.channel[r.channel],
					r.information,
					LABELS.decision[r.decision],
					r.note ?? ''
				])
			});
			const dupes = entries.flatMap((r, i) => (r.possibleDuplicate ? [i + 1] : []));
			if (dupes.length > 0)
				out.push({
					t: 'p',
					small: true,
					text: `Permohonan no. ${dupes.join(', ')} bertanggal dan berpemohon sama dengan permohonan sebelumnya: ditandai mungkin duplikat dan tetap dihitung, sebagaimana tercatat.`
				});
			if (!pd)
				out.push({
					t: 'p',
					small: true,
					text: 'Nama dan alamat pemohon tidak dicetak (data pribadi, UU 27/2022).'
				});
		}
		const r = stats.requests;
		out.push({
			t: 'table',
			caption: ['TABEL 3.4', 'RINGKASAN PERMOHONAN INFORMASI'],
			head: ['URAIAN', 'JUMLAH'],
			rows: [
				['Jumlah permohonan', String(r.total)],
				...Object.entries(r.byDecision).map(([k, v]) => [
					`Keputusan: ${LABELS.decision[k as keyof typeof LABELS.decision]}`,
					String(v)
				]),
				...Object.entries(r.refusalReasons)
					.filter(([, v]) => v > 0)
					.map(([k, v]) => [
						`Alasan penolakan: ${LABELS.refusalReason[k as keyof typeof LABELS.refusalReason]}`,
						String(v)
					]),
				...Object.entries(r.responseDays).map(([k, v]) => [
					`Waktu penyelesaian: ${LABELS.responseBucket[k as keyof typeof LABELS.responseBucket]}`,
					String(v)
				])
			]
		});
	}
	out.push({ t: 'pagebreak' });

	out.push({
		t: 'h1',
		lines: ['BAGIAN IV', 'LAPORAN SENGKETA INFORMASI', 'DI KOMISI INFORMASI']
	});
	out.push({ t: 'h2', text: '4.1 Laporan Sengketa Informasi' });
	const disputes = reg?.disputes ?? [];
	out.push({
		t: 'p',
		text: `Sepanjang tahun ${year} PPID ${org} menangani ${disputes.length} perkara sengketa informasi di Komisi Informasi${disputes.length > 0 ? ' dengan rincian sebagai berikut :' : '.'}`
	});
	if (input.stated.disputes !== null && input.stated.disputes !== disputes.length)
		out.push({
			t: 'p',
			small: true,
			text: `Teks laporan sumber menyebut ${input.stated.disputes} perkara; tabel berisi ${disputes.length}.`
		});
	if (disputes.length > 0)
		out.push({
			t: 'table',
			caption: ['TABEL 4.1', 'LAPORAN SENGKETA INFORMASI'],
			head: [
				'NO',
				'PEMOHON SENGKETA',
				'ALASAN SENGKETA',
				'OPD TERKAIT',
				'HASIL PUTUSAN',
				'KETERANGAN'
			],
			rows: numbered(
				disputes.map((d) => [
					d.applicantName ?? LABELS.applicantType[d.applicantType],
					d.reason,
					d.opd ?? '',
					d.outcomeText || LABELS.disputeOutcome[d.outcome],
					d.note ?? ''
				])
			)
		});
	out.push({ t: 'pagebreak' });

	out.push({ t: 'h1', lines: ['BAGIAN V', 'LAPORAN KEBERATAN INFORMASI PUBLIK'] });
	const objections = reg?.objections ?? [];
	const objectionTotal = objections.reduce((a, o) => a + o.count, 0);
	if (objections.length > 0)
		out.push({
			t: 'table',
			caption: ['TABEL 5.1', `LAPORAN KEBERATAN INFORMASI PUBLIK ${ORG} TAHUN ${year}`],
			head: [
				'BULAN',
				'JUMLAH KEBERATAN',
				'PEMOHON KEBERATAN',
				'ALASAN KEBERATAN',
				'JAWABAN KEBERATAN'
			],
			rows: [
				...objections.map((o) => [
					MONTH_NAMES[o.month - 1] ?? '',
					count(o.count),
					LABELS.applicantType[o.applicantType],
					o.reasonText,
					o.answer ?? ''
				]),
				['Jumlah', String(objectionTotal), '', '', '']
			]
		});
	const statedObjections = reg?.objectionsStatedTotal ?? null;
	const toDispute = input.stated.objectionsToDispute;
	out.push({
		t: 'p',
		text: `Keberatan informasi publik yang diterima ${org} tahun ${year}: ${objectionTotal} keberatan${
			toDispute !== null
				? `, ${toDispute} di antaranya berlanjut ke sengketa di Komisi Informasi`
				: ''
		}.`
	});
	if (statedObjections !== null && statedObjections !== objectionTotal)
		out.push({
			t: 'p',
			text: `Catatan: teks laporan sumber menyebut ${statedObjections} keberatan, sedangkan tabel berjumlah ${objectionTotal} (selisih ${Math.abs(objectionTotal - statedObjections)}). Kedua angka dipertahankan sebagaimana tercatat.`
		});
	const survey = reg?.survey ?? [];
	if (survey.length > 0) {
		const pd = input.personalData;
		out.push({
			t: 'table',
			caption: ['TABEL 5.2', `REKAPITULASI SURVEI KEPUASAN TAHUN ${year}`],
			head: [
				'NO',
				'TANGGAL',
				...(pd ? ['ALAMAT EMAIL'] : []),
				'PEKERJAAN',
				'TINGKAT KEPUASAN',
				'CATATAN'
			],
			rows: survey.map((v, i) => [
				String(i + 1),
				shortDate(v.respondedOn),
				...(pd ? [v.email ?? ''] : []),
				v.occupation ?? '',
				LABELS.surveyLevel[v.level],
				v.comment ?? ''
			])
		});
	}
	out.push({ t: 'pagebreak' });

	out.push({
		t: 'h1',
		lines: ['BAGIAN VI', 'KENDALA PELAYANAN INFORMASI PUBLIK', `DI ${ORG}`]
	});
	section('kendala_internal');
	section('kendala_eksternal');
	out.push({ t: 'pagebreak' });

	out.push({ t: 'h1', lines: ['BAGIAN VII', 'REKOMENDASI DAN RENCANA TINDAK LANJUT'] });
	section('rekomendasi');

	return { title: `Laporan Tahunan PPID ${org} ${year}`, blocks: out };
}

const esc = (s: string) =>
	s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The print CSS shared by the page and the HTML file: A4, tables that repeat their headers. */
export const PRINT_CSS = `
@page { size: A4; margin: 20mm 18mm; }
.laporan { font-family: 'Times New Roman', serif; font-size: 12pt; line-height: 1.5; color: #000; max-width: 170mm; margin: 0 auto; }
.laporan h1 { text-align: center; font-size: 14pt; margin: 0 0 1em; }
.laporan h2 { font-size: 12pt; margin: 1.2em 0 0.5em; }
.laporan p { text-align: justify; margin: 0 0 0.6em; }
.laporan p.small { font-size: 10pt; }
.laporan .cover { text-align: center; font-weight: bold; font-size: 16pt; padding-top: 60mm; }
.laporan .cover p { text-align: center; margin: 0 0 1.2em; }
.laporan table { border-collapse: collapse; width: 100%; margin: 0 0 1em; font-size: 10pt; }
.laporan table.wide { font-size: 7pt; table-layout: fixed; }
.laporan table.wide th { font-size: 6.5pt; overflow-wrap: anywhere; hyphens: auto; }
.laporan table.wide th:nth-child(1) { width: 6mm; }
.laporan table.wide th:nth-child(2) { width: 36mm; }
.laporan table.wide td:nth-child(n+3) { text-align: center; }
.laporan th, .laporan td { border: 1px solid #000; padding: 2px 4px; vertical-align: top; }
.laporan thead { display: table-header-group; }
.laporan tr { break-inside: avoid; }
.laporan caption { font-weight: bold; caption-side: top; padding-bottom: 4px; }
.laporan .signature { margin: 2em 0 0 50%; }
.laporan .signature .name { font-weight: bold; text-decoration: underline; margin-top: 4em; }
.laporan .pagebreak { break-after: page; }
`;

/** The report as a standalone HTML file (the CLI's `--format html`). */
export function renderHtml(doc: ReportDocument): string {
	const body = doc.blocks
		.map((b) => {
			switch (b.t) {
				case 'cover':
					return `<div class="cover">${b.lines.map((l) => `<p>${esc(l)}</p>`).join('')}</div>`;
				case 'h1':
					return `<h1>${b.lines.map(esc).join('<br>')}</h1>`;
				case 'h2':
					return `<h2>${esc(b.text)}</h2>`;
				case 'p':
					return `<p${b.small ? ' class="small"' : ''}>${esc(b.text)}</p>`;
				case 'ol':
					return `<ol>${b.items.map((i) => `<li>${esc(i)}</li>`).join('')}</ol>`;
				case 'table':
					return `<table${b.wide ? ' class="wide"' : ''}><caption>${b.caption.map(esc).join('<br>')}</caption><thead><tr>${b.head
						.map((h) => `<th>${esc(h)}</th>`)
						.join('')}</tr></thead><tbody>${b.rows
						.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
						.join('')}</tbody></table>`;
				case 'signature':
					return `<div class="signature"><p>${esc(b.placeDate)}</p><p>${esc(b.title)}</p><p class="name">${esc(b.name)}</p><p>NIP. ${esc(b.nip)}</p></div>`;
				case 'pagebreak':
					return '<div class="pagebreak"></div>';
			}
		})
		.join('\n');
	return `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>${esc(doc.title)}</title>
<style>${PRINT_CSS}</style></head>
<body><main class="laporan">
${body}
</main></body></html>
`;
}
