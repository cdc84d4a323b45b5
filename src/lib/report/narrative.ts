/**
 * Reads the narrative of a Laporan Tahunan PPID (the seed reports, text extracted from PDF) —
 * Bagian I, II, VI and VII — into composer sections, with the signatory of the kata pengantar
 * and the budget of 2.4. Bagian III–V (the registers) are read by `registers/seed-report.ts`.
 *
 * Section bodies are plain text: paragraphs separated by a blank line, numbered list items one per
 * line ("1. …"); tabular sections (regulasi, sarana) hold one row per line, cells tab-separated.
 * The source's own wording is kept; a paragraph the PDF split across a page break is joined. The
 * award lines of 1.3 are left out of the text: the report prints the award lists from data there.
 */

/** The composer's narrative sections, in report order. */
export const SECTION_KEYS = [
	'kata_pengantar',
	'latar_belakang',
	'regulasi',
	'arah_prioritas',
	'kegiatan_utama',
	'program_inovasi',
	'sekretariat',
	'sarana',
	'sdm',
	'sistem_informasi',
	'pelayanan',
	'kendala_internal',
	'kendala_eksternal',
	'rekomendasi'
] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

/** Where each section sits in the report and its heading. */
export const SECTION_TITLES: Record<SectionKey, string> = {
	kata_pengantar: 'Kata Pengantar',
	latar_belakang: '1.1 Latar Belakang',
	regulasi: '1.2 Regulasi atau Peraturan',
	arah_prioritas: '1.3 Arah Prioritas Pelayanan',
	kegiatan_utama: 'Kegiatan utama',
	program_inovasi: 'Program dan inovasi',
	sekretariat: '2.1 Sekretariat Layanan',
	sarana: 'Sarana dan prasarana layanan',
	sdm: '2.2 Sumber Daya (SDM) PPID',
	sistem_informasi: '2.3 Informasi Publik pada Sistem Informasi PPID',
	pelayanan: '3.1 Pelayanan Informasi Publik',
	kendala_internal: '6.1 Kendala Internal',
	kendala_eksternal: '6.2 Kendala Eksternal',
	rekomendasi: '7.1 Rekomendasi Tindak Lanjut'
};

/** Sections whose body is a table: one row per line, cells separated by a tab. */
export const TABLE_SECTIONS: Partial<Record<SectionKey, string[]>> = {
	regulasi: ['Peraturan', 'Tentang', 'Tahun terbit'],
	sarana: ['Jenis sarana dan prasarana', 'Ketersediaan']
};

export interface Signatory {
	name: string;
	nip: string;
	/** The signing office, e.g. "PPID Utama Kota Serang". */
	title: string;
	place: string;
	/** ISO date (YYYY-MM-DD). */
	date: string;
}

export interface Budget {
	/** Rupiah. */
	amount: number;
	/** Where it comes from, as written ("APBD Pemerintah Kota Serang"). */
	fundingSource: string;
	/** The amount in words as the source wrote it, or null. */
	statedWords: string | null;
}

export interface NarrativeReport {
	year: number;
	sections: Record<SectionKey, string>;
	signatory: Signatory;
	budget: Budget;
	/** What a reader should know (e.g. an amount and its words that disagree); nothing changed. */
	notes: string[];
}

export type NarrativeResult = { ok: true; report: NarrativeReport } | { ok: false; error: string };

const MONTHS = [
	'januari',
	'februari',
	'maret',
	'april',
	'mei',
	'juni',
	'juli',
	'agustus',
	'september',
	'oktober',
	'november',
	'desember'
];

/** A line without the Markdown/HTML emphasis the PDF extraction left around it. */
function clean(line: string): string {
	return line
		.replace(/<\/?b>/gi, '')
		.replace(/\*\*/g, '')
		.replace(/\*([^*\s][^*]*)\*/g, '$1')
		.replace(/^#+\s*/, '')
		.replace(/\s+$/, '')
		.replace(/^\s+/, '');
}

/** "7 Januari 2021" → "2021-01-07", or null. */
export function indonesianDate(text: string): string | null {
	const m = /^(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})$/.exec(text.trim());
	if (!m) return null;
	const month = MONTHS.indexOf(m[2]!.toLowerCase());
	if (month < 0) return null;
	return `${m[3]}-${String(month + 1).padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
}

/** "2021-01-07" → "7 Januari 2021". */
export function formatIndonesianDate(iso: string): string {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
	if (!m) return iso;
	const month = MONTHS[Number(m[2]) - 1] ?? '';
	return `${Number(m[3])} ${month.charAt(0).toUpperCase()}${month.slice(1)} ${m[1]}`;
}

/** 75904000 → "Rp 75.904.000". */
export function rupiah(amount: number): string {
	return `Rp ${amount.toLocaleString('id-ID', { maximumFractionDigits: 0 })}`;
}

const ONES = [
	'',
	'satu',
	'dua',
	'tiga',
	'empat',
	'lima',
	'enam',
	'tujuh',
	'delapan',
	'sembilan',
	'sepuluh',
	'sebelas'
];

/** A number in Indonesian words ("terbilang"): 51904000 → "lima puluh satu juta sembilan ratus empat ribu". */
export function terbilang(n: number): string {
	n = Math.floor(Math.abs(n));
	if (n < 12) return ONES[n] || 'nol';
	if (n < 20) return `${ONES[n - 10]} belas`;
	if (n < 100) return `${ONES[Math.floor(n / 10)]} puluh ${terbilang(n % 10)}`.replace(/ nol$/, '');
	const big: [number, string][] = [
		[1e12, 'triliun'],
		[1e9, 'miliar'],
		[1e6, 'juta'],
		[1000, 'ribu'],
		[100, 'ratus']
	];
	for (const [unit, word] of big) {
		if (n >= unit) {
			const head = Math.floor(n / unit);
			const rest = n % unit;
			const lead =
				head === 1 && (unit === 1000 || unit === 100) ? `se${word}` : `${terbilang(head)} ${word}`;
			return rest === 0 ? lead : `${lead} ${terbilang(rest)}`;
		}
	}
	return '';
}

/**
 * Paragraphs of a block of lines: blank lines separate them; a paragraph the PDF broke at a page
 * (a long prose line ending without punctuation, followed by more prose) is joined with the next.
 */
function paragraphs(lines: string[]): string[] {
	const blocks: string[][] = [];
	let current: string[] = [];
	for (const line of lines) {
		if (line === '') {
			if (current.length > 0) blocks.push(current);
			current = [];
		} else current.push(line);
	}
	if (current.length > 0) blocks.push(current);
	const out: string[][] = [];
	for (const block of blocks) {
		const prev = out.at(-1);
		const last = prev?.at(-1);
		if (
			prev &&
			last !== undefined &&
			last.length > 80 &&
			!/[.:;!?,]$/.test(last) &&
			!/^\d+\.\s/.test(last) &&
			!/^\d+\.\s/.test(block[0]!)
		) {
			prev[prev.length - 1] = `${last} ${block[0]}`;
			prev.push(...block.slice(1));
		} else out.push([...block]);
	}
	return out.map((b) => b.join('\n'));
}

const text = (lines: string[]) => paragraphs(lines).join('\n\n');

class Lines {
	constructor(readonly all: string[]) {}

	/** Index of the first line at or after `from` matching `re`; throws naming what is missing. */
	find(re: RegExp, what: string, from = 0): number {
		for (let i = from; i < this.all.length; i++) if (re.test(this.all[i]!)) return i;
		throw new Error(`bagian "${what}" tidak ditemukan`);
	}

	slice(from: number, to: number): string[] {
		return this.all.slice(from, to);
	}
}

/** Table rows (numbered, tab-separated) between two lines, without the number column. */
function tableRows(lines: string[], columns: number): string {
	return lines
		.filter((l) => /^\d+\t/.test(l))
		.map((l) =>
			l
				.split('\t')
				.slice(1, 1 + columns)
				.map((c) => c.trim())
				.join('\t')
		)
		.join('\n');
}

/** "Satpol PP Kota Serang, OPD terbaik I dengan nilai 250": an award line of 1.3. */
const AWARD_LINE = /^\d+\.\s+.+,\s*OPD terbaik\b/i;

function parse(source: string): NarrativeReport {
	const L = new Lines(source.split(/\r?\n/).map(clean));
	const notes: string[] = [];

	// Kata pengantar: up to "Serang, 7 Januari 2021", then the office, the name and the NIP.
	const kp = L.find(/^KATA PENGANTAR$/i, 'Kata Pengantar');
	const signedAt = L.find(
		/^[A-Z][a-z]+,\s+\d{1,2}\s+[A-Za-z]+\s+\d{4}$/,
		'tanggal tanda tangan',
		kp
	);
	const [place, when] = L.all[signedAt]!.split(/,\s+/) as [string, string];
	const date = indonesianDate(when);
	if (!date) throw new Error(`tanggal "${when}" tidak terbaca`);
	const after = L.slice(signedAt + 1, signedAt + 12).filter((l) => l !== '');
	const nipAt = after.findIndex((l) => /^NIP\.?\s/i.test(l));
	if (nipAt < 2) throw new Error('nama dan NIP penanda tangan tidak ditemukan');
	const signatory: Signatory = {
		title: after[0]!.replace(/,$/, ''),
		name: after[nipAt - 1]!,
		nip: after[nipAt]!.replace(/^NIP\.?\s*/i, ''),
		place,
		date
	};
	const yearMatch = L.slice(0, kp).find((l) => /^\d{4}$/.test(l));
	if (!yearMatch) throw new Error('tahun laporan tidak ditemukan');
	const year = Number(yearMatch);

	const i11 = L.find(/^1\.1\s+Latar Belakang/i, '1.1 Latar Belakang', kp);
	const i12 = L.find(/^1\.2\s+Regulasi/i, '1.2 Regulasi', i11);
	const i13 = L.find(/^1\.3\s+Arah Prioritas/i, '1.3 Arah Prioritas', i12);
	const iII = L.find(/^BAGIAN II$/i, 'Bagian II', i13);
	const i21 = L.find(/^2\.1\s+Sekretariat Layanan/i, '2.1 Sekretariat Layanan', iII);
	const iSarana = L.find(/^NO\tJENIS SARANA/i, 'tabel sarana prasarana', i21);
	const iGambar = L.find(/^GAMBAR 2\.1$/i, 'Gambar 2.1', iSarana);
	const i22 = L.find(/^2\.2\s+SUMBER DAYA/i, '2.2 Sumber Daya', iGambar);
	const i23 = L.find(/^2\.3\s+INFORMASI PUBLIK/i, '2.3 Informasi Publik', i22);
	const iAdapun = L.find(/^Adapun jumlah informasi/i, 'pengantar tabel 2.3', i23);
	const i24 = L.find(/^2\.4\s+Besaran Anggaran/i, '2.4 Besaran Anggaran', iAdapun);
	const iIII = L.find(/^BAGIAN III$/i, 'Bagian III', i24);
	const i31 = L.find(/^3\.1\s+Pelayanan Informasi Publik/i, '3.1 Pelayanan', iIII);
	const iTabel31 = L.find(/^TABEL 3\.1$/i, 'Tabel 3.1', i31);
	const i61 = L.find(/^6\.1\s+Kendala Internal/i, '6.1 Kendala Internal', iTabel31);
	const i62 = L.find(/^6\.2\s+Kendala Eksternal/i, '6.2 Kendala Eksternal', i61);
	const iVII = L.find(/^BAGIAN VII$/i, 'Bagian VII', i62);
	const i71 = L.find(/^7\.1\s+Rekomendasi/i, '7.1 Rekomendasi', iVII);

	// 1.3: the intro and the first numbered list are the priorities; then the main activities
	// (without the award lines); from the paragraph on "program … inovasi" on, the programs.
	const p13 = paragraphs(L.slice(i13 + 1, iII));
	const listEnd = p13.findIndex((p) => /^\d+\.\s/.test(p));
	if (listEnd < 0) throw new Error('daftar arah prioritas tidak ditemukan');
	const programAt = p13.findIndex((p, i) => i > listEnd && /program.{0,30}inovasi/i.test(p));
	if (programAt < 0) throw new Error('paragraf program inovasi tidak ditemukan');
	const activities = p13
		.slice(listEnd + 1, programAt)
		.map((p) =>
			p
				.split('\n')
				.filter((l) => !AWARD_LINE.test(l))
				.join('\n')
		)
		.filter((p) => p !== '');

	const sections: Record<SectionKey, string> = {
		kata_pengantar: text(L.slice(kp + 1, signedAt)),
		latar_belakang: text(L.slice(i11 + 1, i12)),
		regulasi: tableRows(L.slice(i12 + 1, i13), 3),
		arah_prioritas: p13.slice(0, listEnd + 1).join('\n\n'),
		kegiatan_utama: activities.join('\n\n'),
		program_inovasi: p13.slice(programAt).join('\n\n'),
		sekretariat: text(L.slice(i21 + 1, iSarana)),
		sarana: tableRows(L.slice(iSarana + 1, iGambar), 2),
		sdm: text(L.slice(i22 + 1, i23)),
		sistem_informasi: text(L.slice(i23 + 1, iAdapun + 1)),
		pelayanan: text(L.slice(i31 + 1, iTabel31)),
		kendala_internal: text(L.slice(i61 + 1, i62)),
		kendala_eksternal: text(L.slice(i62 + 1, iVII)),
		rekomendasi: text(L.all.slice(i71 + 1))
	};
	for (const key of SECTION_KEYS)
		if (sections[key].trim() === '') throw new Error(`bagian "${SECTION_TITLES[key]}" kosong`);

	// 2.4: "… bersumber dari dana APBD Pemerintah Kota Serang sebesar Rp. 75.904.000,-".
	const budgetText = text(L.slice(i24 + 1, iIII)).replace(/\n/g, ' ');
	const bm =
		/bersumber dari (?:dana )?(.+?) sebesar Rp\.?\s*([\d.]+)(?:,-)?\s*(?:\(([^)]+)\))?/i.exec(
			budgetText
		);
	if (!bm) throw new Error('besaran anggaran (2.4) tidak terbaca');
	const budget: Budget = {
		amount: Number(bm[2]!.replace(/\./g, '')),
		fundingSource: bm[1]!.trim(),
		statedWords: bm[3]?.trim() ?? null
	};
	if (budget.statedWords) {
		const expected = `${terbilang(budget.amount)} rupiah`;
		if (budget.statedWords.toLowerCase() !== expected)
			notes.push(
				`Anggaran 2.4: angka ${rupiah(budget.amount)} (${expected}) tidak sama dengan terbilang "${budget.statedWords}" di sumber.`
			);
	}
	return { year, sections, signatory, budget, notes };
}

/** Parses a report's narrative; a missing heading fails with what is missing. */
export function parseNarrative(source: string): NarrativeResult {
	try {
		return { ok: true, report: parse(source) };
	} catch (e) {
		return { ok: false, error: e instanceof Error ? e.message : String(e) };
	}
}

/** A body split for display: paragraphs, each either prose lines or a numbered list. */
export type Block = { kind: 'text'; lines: string[] } | { kind: 'list'; items: string[] };

export function blocks(body: string): Block[] {
	return body
		.split(/\n\s*\n/)
		.map((p) => p.split('\n').filter((l) => l.trim() !== ''))
		.filter((lines) => lines.length > 0)
		.map((lines) =>
			lines.every((l) => /^\d+\.\s/.test(l))
				? { kind: 'list', items: lines.map((l) => l.replace(/^\d+\.\s+/, '')) }
				: { kind: 'text', lines }
		);
}

/** A tabular body's rows (cells split by tabs). */
export function tableBody(body: string): string[][] {
	return body
		.split('\n')
		.filter((l) => l.trim() !== '')
		.map((l) => l.split('\t').map((c) => c.trim()));
}

/** A tabular body as the composer's textarea shows it: cells separated by " | " (tabs are hard to type). */
export const tableToEditable = (body: string) => body.replace(/\t/g, ' | ');

/** The textarea's " | "-separated rows back to the stored tab-separated body. */
export const editableToTable = (text: string) =>
	text
		.split('\n')
		.map((l) =>
			l
				.split('|')
				.map((c) => c.trim())
				.join('\t')
		)
		.filter((l) => l.replace(/\t/g, '') !== '')
		.join('\n');
