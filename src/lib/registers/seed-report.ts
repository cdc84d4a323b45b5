/**
 * Reads Bagian III–V of a Laporan Tahunan PPID (the seed reports, text extracted from PDF with
 * tab-separated tables) into register records: website visits per month, the desk's monthly
 * request recap, the online request register, disputes, objections and the satisfaction survey.
 *
 * The source is kept as it is: a total the text states beside a table that adds up differently is
 * returned as is (never "corrected"), a repeated entry is flagged and kept, wrapped table rows are
 * joined cell by cell. Unknown wording fails with the line number rather than being guessed.
 */
import type {
	DisputeRecord,
	ObjectionRecord,
	RequestRecord,
	SurveyRecord,
	YearRegisters
} from './types';
import {
	monthNumber,
	type ApplicantType,
	type Channel,
	type Decision,
	type DisputeOutcome,
	type ObjectionReason,
	type RefusalReason,
	type SurveyLevel
} from './vocab';

export interface ReportIssue {
	/** 1-based line in the file. */
	line: number;
	message: string;
}

export interface ParsedServiceReport extends YearRegisters {
	year: number;
	/** Disputes the text says were handled ("menyelesaikan 5 perkara"), or null. */
	disputesStatedTotal: number | null;
	/** Objections the text says went on to a dispute, or null. */
	objectionsStatedToDispute: number | null;
	/** Things a reader should know (possible duplicates, totals that disagree); nothing changed. */
	notes: ReportIssue[];
}

export type ServiceReportResult =
	{ ok: true; report: ParsedServiceReport } | { ok: false; errors: ReportIssue[] };

class ReportError extends Error {
	constructor(
		readonly line: number,
		message: string
	) {
		super(message);
	}
}

/** A line without the Markdown/HTML emphasis the PDF extraction left around headings. */
function clean(line: string): string {
	return line
		.replace(/<\/?b>/gi, '')
		.replace(/\*\*/g, '')
		.replace(/^#+\s*/, '')
		.replace(/\s+$/, '');
}

const cells = (line: string) => line.split('\t').map((c) => c.trim());

/** "45 (Empat Puluh Lima)" → 45. */
function leadingCount(text: string, line: number): number {
	const m = /^(\d+)/.exec(text.trim());
	if (!m) throw new ReportError(line, `jumlah "${text}" bukan angka`);
	return Number(m[1]);
}

/** US-style `M/D/YYYY` as the online register prints it → ISO `YYYY-MM-DD`. */
export function usDate(text: string, line: number): string {
	const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
	if (!m) throw new ReportError(line, `tanggal "${text}" tidak berformat bulan/tanggal/tahun`);
	const [month, day, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const date = new Date(Date.UTC(year, month - 1, day));
	if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
		throw new ReportError(line, `tanggal "${text}" tidak ada di kalender`);
	return `${m[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function applicantTypeOf(text: string, line: number): ApplicantType {
	const t = text.toLowerCase();
	const lembaga = /lembaga|kelompok/.test(t);
	const individu = /individu|perorangan|perseorangan/.test(t);
	if (lembaga && individu) return 'campuran';
	if (/badan hukum/.test(t)) return 'badan_hukum';
	if (lembaga) return 'kelompok';
	if (individu) return 'perorangan';
	throw new ReportError(line, `jenis pemohon "${text}" tidak dikenal`);
}

export function channelOf(text: string, line: number): Channel {
	const t = text.toLowerCase();
	if (/desk|meja/.test(t)) return 'desk';
	if (/e-?mail/.test(t)) return 'email';
	if (/online|sip|website/.test(t)) return 'online';
	if (/surat/.test(t)) return 'surat';
	if (/telepon|telp/.test(t)) return 'telepon';
	throw new ReportError(line, `sarana permohonan "${text}" tidak dikenal`);
}

export function decisionOf(text: string, line: number): Decision {
	const t = text.toLowerCase();
	if (/diterima sebagian/.test(t)) return 'diterima_sebagian';
	if (/tidak dijawab/.test(t)) return 'tidak_dijawab';
	if (/ditolak/.test(t)) return 'ditolak';
	if (/di\s*arahkan/.test(t)) return 'diarahkan';
	if (/diterima|sudah diberikan|diberikan/.test(t)) return 'diterima';
	throw new ReportError(line, `keputusan "${text}" tidak dikenal`);
}

export function refusalReasonOf(text: string): RefusalReason {
	const t = text.toLowerCase();
	if (/dikecualikan/.test(t)) return 'dikecualikan';
	if (/tidak dikuasai/.test(t)) return 'tidak_dikuasai';
	if (/belum didokumentasikan/.test(t)) return 'belum_didokumentasikan';
	if (/identitas/.test(t)) return 'identitas_tidak_jelas';
	if (/itikad baik/.test(t)) return 'tidak_beritikad_baik';
	return 'lainnya';
}

/** Pasal 35 ayat (1): the letter whose wording the source's reason matches, or null. */
export function objectionReasonOf(text: string): ObjectionReason | null {
	const t = text.toLowerCase();
	if (/dikecualikan|pengecualian/.test(t)) return 'a';
	if (/berkala/.test(t)) return 'b';
	if (/tidak ditanggapi/.test(t)) return 'c';
	if (/tidak sesuai|tidak sebagaimana/.test(t)) return 'd';
	if (/tidak dipenuhi/.test(t)) return 'e';
	if (/biaya/.test(t)) return 'f';
	if (/melebihi waktu|terlambat/.test(t)) return 'g';
	return null;
}

export function disputeOutcomeOf(text: string, line: number): DisputeOutcome {
	const t = text.toLowerCase();
	if (/cabut/.test(t)) return 'dicabut';
	if (/mediasi/.test(t)) return 'mediasi_berhasil';
	if (/gugur/.test(t)) return 'gugur';
	if (/sebagian/.test(t)) return 'putusan_dikabulkan_sebagian';
	if (/ditolak/.test(t)) return 'putusan_ditolak';
	if (/diterima|dikabulkan/.test(t)) return 'putusan_dikabulkan';
	if (/proses/.test(t)) return 'dalam_proses';
	throw new ReportError(line, `hasil putusan "${text}" tidak dikenal`);
}

export function surveyLevelOf(text: string, line: number): SurveyLevel {
	const t = text.toLowerCase().trim();
	if (/^sangat puas/.test(t)) return 'sangat_puas';
	if (/^cukup puas/.test(t)) return 'cukup_puas';
	if (/^kurang puas/.test(t)) return 'kurang_puas';
	if (/^tidak puas/.test(t)) return 'tidak_puas';
	if (/^puas/.test(t)) return 'puas';
	throw new ReportError(line, `tingkat kepuasan "${text}" tidak dikenal`);
}

interface Line {
	n: number;
	text: string;
}

/** The index of the first line (from `from`) that matches, or -1. */
function find(lines: Line[], re: RegExp, from = 0): number {
	for (let i = from; i < lines.length; i++) if (re.test(lines[i]!.text)) return i;
	return -1;
}

function need(lines: Line[], re: RegExp, what: string, from = 0): number {
	const i = find(lines, re, from);
	if (i < 0) throw new ReportError(lines[from]?.n ?? 1, `tabel ${what} tidak ditemukan`);
	return i;
}

/**
 * The rows of a table under the header at `header`: lines accepted by `isRow` start a row, a line
 * starting with a tab continues the previous one (a row the PDF wrapped), blank lines are skipped,
 * and any other line ends the table.
 */
function tableRows(lines: Line[], header: number, isRow: (t: string) => boolean) {
	const rows: { n: number; cells: string[] }[] = [];
	for (let i = header + 1; i < lines.length; i++) {
		const { n, text } = lines[i]!;
		if (text.trim() === '') continue;
		if (isRow(text)) rows.push({ n, cells: cells(text) });
		else if (text.startsWith('\t') && rows.length > 0) {
			const last = rows[rows.length - 1]!;
			cells(text).forEach((c, j) => {
				if (c) last.cells[j] = last.cells[j] ? `${last.cells[j]} ${c}` : c;
			});
		} else break;
	}
	return rows;
}

const isMonthRow = (t: string) => monthNumber(t.split('\t')[0] ?? '') !== null;
const isNumberedRow = (t: string) => /^\d+\.?\t/.test(t);

function visits(lines: Line[]): number[] {
	const h = need(lines, /^NO\tBULAN\tJUMLAH KUNJUNGAN WEBSITE/i, 'kunjungan website');
	const out: (number | null)[] = Array<number | null>(12).fill(null);
	for (const row of tableRows(lines, h, isNumberedRow)) {
		const month = monthNumber(row.cells[1] ?? '');
		if (!month) throw new ReportError(row.n, `bulan "${row.cells[1]}" tidak dikenal`);
		const value = Number((row.cells[2] ?? '').replace(/\./g, ''));
		if (!Number.isInteger(value) || value < 0)
			throw new ReportError(row.n, `jumlah kunjungan "${row.cells[2]}" bukan angka`);
		out[month - 1] = value;
	}
	const missing = out.findIndex((v) => v === null);
	if (missing >= 0)
		throw new ReportError(lines[h]!.n, `kunjungan bulan ke-${missing + 1} tidak ada`);
	return out as number[];
}

function emptyRequest(): Omit<RequestRecord, 'kind' | 'month' | 'count'> {
	return {
		receivedOn: null,
		applicantName: null,
		applicantAddress: null,
		applicantContact: null,
		applicantType: 'perorangan',
		channel: 'desk',
		information: '',
		opd: null,
		decision: 'diterima',
		refusalReason: null,
		refusalText: null,
		answeredOn: null,
		workingDays: null,
		note: null,
		possibleDuplicate: false
	};
}

/** BULAN, JUMLAH PEMOHON, PEMOHON INFORMASI, SARANA, INFORMASI, KEPUTUSAN, ALASAN PENOLAKAN. */
function deskRecap(lines: Line[]): RequestRecord[] {
	const h = need(lines, /^BULAN\tJUMLAH PEMOHON\t/i, 'rekap permohonan');
	return tableRows(lines, h, isMonthRow).map(({ n, cells: c }) => {
		const [month, count, type, channel, info, decision, reason] = c;
		const refusal = reason?.trim() ? reason.trim() : null;
		return {
			...emptyRequest(),
			kind: 'recap',
			month: monthNumber(month!)!,
			count: leadingCount(count ?? '', n),
			applicantType: applicantTypeOf(type ?? '', n),
			channel: channelOf(channel ?? '', n),
			information: info ?? '',
			decision: decisionOf(decision ?? '', n),
			refusalReason: refusal ? refusalReasonOf(refusal) : null,
			refusalText: refusal,
			note: /pembantu/i.test(channel ?? '') ? (channel ?? null) : null
		};
	});
}

/** NO, TANGGAL, NAMA, ALAMAT, KATEGORI, RINCIAN (information), TINDAK LANJUT. */
function onlineRegister(lines: Line[], notes: ReportIssue[]): RequestRecord[] {
	const h = find(lines, /^NO\tTANGGAL\tNAMA PEMOHON/i);
	if (h < 0) return [];
	const seen = new Map<string, string>();
	return tableRows(lines, h, isNumberedRow).map(({ n, cells: c }) => {
		const [no, date, name, address, type, info, followUp] = c;
		const receivedOn = usDate(date ?? '', n);
		const key = `${receivedOn}|${(name ?? '').toLowerCase().replace(/\s+/g, ' ')}`;
		const earlier = seen.get(key);
		const number = (no ?? '').replace(/\.$/, '');
		if (earlier)
			notes.push({
				line: n,
				message: `permohonan online no. ${number} mungkin duplikat no. ${earlier} (tanggal dan pemohon sama); tetap disimpan`
			});
		else seen.set(key, number);
		return {
			...emptyRequest(),
			kind: 'entry',
			month: Number(receivedOn.slice(5, 7)),
			count: 1,
			receivedOn,
			applicantName: name || null,
			applicantAddress: address || null,
			applicantType: applicantTypeOf(type ?? '', n),
			channel: 'online',
			information: info ?? '',
			decision: decisionOf(followUp ?? '', n),
			note: followUp || null,
			possibleDuplicate: earlier !== undefined
		};
	});
}

/** NO, PEMOHON SENGKETA, ALASAN, OPD TERKAIT, HASIL PUTUSAN, KETERANGAN. */
function disputes(lines: Line[]): DisputeRecord[] {
	const h = need(lines, /^NO\tPEMOHON SENGKETA/i, 'sengketa');
	return tableRows(lines, h, isNumberedRow).map(({ n, cells: c }) => {
		const [, applicant, reason, opd, outcome, note] = c;
		return {
			applicantName: applicant || null,
			applicantType: applicantTypeOf(applicant ?? '', n),
			reason: reason ?? '',
			opd: opd || null,
			outcome: disputeOutcomeOf(outcome ?? '', n),
			outcomeText: outcome ?? '',
			note: note || null
		};
	});
}

/** BULAN, JUMLAH KEBERATAN, PEMOHON, ALASAN, JAWABAN. */
function objections(lines: Line[]): ObjectionRecord[] {
	const h = need(lines, /^BULAN\tJUMLAH KE?BERATAN/i, 'keberatan');
	return tableRows(lines, h, isMonthRow).map(({ n, cells: c }) => {
		const [month, count, type, reason, answer] = c;
		return {
			kind: 'recap',
			month: monthNumber(month!)!,
			count: leadingCount(count ?? '', n),
			receivedOn: null,
			applicantName: null,
			applicantType: applicantTypeOf(type ?? '', n),
			reason: objectionReasonOf(reason ?? ''),
			reasonText: reason ?? '',
			answer: answer || null,
			workingDays: null,
			toDispute: false
		};
	});
}

/** NO, TANGGAL, ALAMAT EMAIL, PEKERJAAN, TINGKAT KEPUASAN. */
function survey(lines: Line[]): SurveyRecord[] {
	const h = find(lines, /^NO\tTANGGAL\tALAMAT EMAIL/i);
	if (h < 0) return [];
	return tableRows(lines, h, isNumberedRow).map(({ n, cells: c }) => {
		const [, date, email, occupation, level] = c;
		return {
			respondedOn: usDate(date ?? '', n),
			email: email || null,
			occupation: occupation || null,
			level: surveyLevelOf(level ?? '', n),
			comment: level || null
		};
	});
}

/** Parses Bagian III–V of one annual report; errors name the line. */
export function parseServiceReport(text: string): ServiceReportResult {
	const lines: Line[] = text.split(/\r?\n/).map((t, i) => ({ n: i + 1, text: clean(t) }));
	try {
		const yearLine = need(lines, /^LAPORAN PERMOHONAN INFORMASI .*TAHUN (\d{4})/i, 'rekap');
		const year = Number(/TAHUN (\d{4})/i.exec(lines[yearLine]!.text)![1]);
		const notes: ReportIssue[] = [];
		const requests = [...deskRecap(lines), ...onlineRegister(lines, notes)];
		const objectionRows = objections(lines);
		const STATED = /diterima oleh.*?(\d+)\s+keberatan.*?(\d+)\s+diantara/i;
		const statedAt = find(lines, STATED);
		const stated = statedAt < 0 ? null : STATED.exec(lines[statedAt]!.text);
		const objectionsStatedTotal = stated ? Number(stated[1]) : null;
		const sum = objectionRows.reduce((s, r) => s + r.count, 0);
		if (objectionsStatedTotal !== null && objectionsStatedTotal !== sum)
			notes.push({
				line: lines[statedAt]!.n,
				message: `tabel keberatan berjumlah ${sum}, teks laporan menyebut ${objectionsStatedTotal}; keduanya disimpan`
			});
		const all = lines.map((l) => l.text).join('\n');
		const disputesStated = /menyelesaikan\s+(\d+)\s+perkara/i.exec(all);
		return {
			ok: true,
			report: {
				year,
				websiteVisits: visits(lines),
				requests,
				objections: objectionRows,
				objectionsStatedTotal,
				objectionsStatedToDispute: stated ? Number(stated[2]) : null,
				disputes: disputes(lines),
				disputesStatedTotal: disputesStated ? Number(disputesStated[1]) : null,
				survey: survey(lines),
				notes
			}
		};
	} catch (e) {
		if (e instanceof ReportError)
			return { ok: false, errors: [{ line: e.line, message: e.message }] };
		throw e;
	}
}
