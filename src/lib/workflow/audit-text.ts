/**
 * The audit log in sentences: who did what to which OPD, category, period or user, and what
 * changed, in Indonesian, instead of raw JSON and ids like "cell 3:4:38". Pure: the server
 * resolves the names (OPD, category, user) and passes them in.
 */
import { STATUS_LABELS, type PeriodStatus } from './lifecycle';
import { REGISTER_FORMS, displayValue, isRegisterSlug } from '../registers/forms';
import { MONTHS } from '../registers/vocab';

export interface AuditEventInput {
	action: string;
	entityType: string;
	entityId: string;
	year: number | null;
	before: unknown;
	after: unknown;
}

/** Names the server resolved for the events of one page. */
export interface AuditNames {
	opd(id: number): string | undefined;
	indicator(id: number): string | undefined;
	user(id: number): string | undefined;
}

export interface AuditSentence {
	/** What happened, e.g. "Nilai Dinas Kesehatan · Renja diubah". */
	what: string;
	/** Before → after in words; empty when nothing to compare. */
	changes: string[];
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});

/** A cell value in words: ada, tidak ada, tidak berlaku, belum dinilai, or a level/count. */
export function cellValueText(state: Json): string {
	if (state.notApplicable === 1 || state.notApplicable === true) return 'tidak berlaku';
	const v = state.value;
	if (v === null || v === undefined) return 'belum dinilai';
	if (v === 1) return 'ada';
	if (v === 0) return 'tidak ada';
	return String(v);
}

const shortText = (v: unknown) => {
	const s = v === null || v === undefined || v === '' ? '(kosong)' : String(v);
	return s.length > 80 ? `${s.slice(0, 79)}…` : `"${s}"`;
};

/** What changed in a cell, field by field; "catatan diubah" rather than "1 → 1". */
function cellChanges(before: Json, after: Json): string[] {
	const changes: string[] = [];
	const was = cellValueText(before);
	const now = cellValueText(after);
	if (was !== now) changes.push(`nilai: ${was} → ${now}`);
	const fields: [string, string][] = [
		['evidenceUrl', 'bukti'],
		['note', 'catatan'],
		['reason', 'alasan verifikasi']
	];
	for (const [key, label] of fields) {
		const a = before[key] ?? null;
		const b = after[key] ?? null;
		if (a === b) continue;
		if (a === null) changes.push(`${label} ditambahkan: ${shortText(b)}`);
		else if (b === null) changes.push(`${label} dihapus`);
		else changes.push(`${label} diubah: ${shortText(a)} → ${shortText(b)}`);
	}
	return changes;
}

const DOUBLE_LABELS: Record<string, string> = {
	'cell.agree': 'Dua penilai sepakat:',
	'cell.disagree': 'Dua penilai berselisih:',
	'cell.settle': 'Selisih diputuskan:'
};

/** Both raters' originals, then the value taken and the lead's reason. */
function doubleChanges(before: Json, after: Json): string[] {
	const raters = Array.isArray(after.raters)
		? after.raters
		: Array.isArray(before.raters)
			? before.raters
			: [];
	const changes = raters.map((r) => `penilai ${String(obj(r).rater)}: ${cellValueText(obj(r))}`);
	if ('value' in after) changes.push(`nilai sel: ${cellValueText(after)}`);
	if (typeof after.reason === 'string') changes.push(`alasan: ${shortText(after.reason)}`);
	return changes;
}

function doubleSettingChanges(before: Json, after: Json, names: AuditNames): string[] {
	const yn = (v: unknown) => (v ? 'ya' : 'tidak');
	const lead = (v: unknown) =>
		typeof v === 'number' ? (names.user(v) ?? `#${v}`) : '(hanya admin)';
	const changes: string[] = [];
	if (before.doubleScored !== after.doubleScored)
		changes.push(`dinilai dua penilai: ${yn(before.doubleScored)} → ${yn(after.doubleScored)}`);
	if (before.blindSelf !== after.blindSelf)
		changes.push(
			`tanpa melihat penilaian mandiri: ${yn(before.blindSelf)} → ${yn(after.blindSelf)}`
		);
	if (before.leadEvaluatorId !== after.leadEvaluatorId)
		changes.push(`penilai utama: ${lead(before.leadEvaluatorId)} → ${lead(after.leadEvaluatorId)}`);
	return changes;
}

const statusText = (s: unknown) =>
	typeof s === 'string' && s in STATUS_LABELS ? STATUS_LABELS[s as PeriodStatus] : String(s);

const ACTIONS: Record<string, string> = {
	'appeal.answer': 'Sanggahan dijawab',
	'appeal.file': 'Sanggahan diajukan',
	'awards.entry.add': 'OPD ditambahkan ke daftar penghargaan',
	'awards.groups': 'Kelompok dan tingkat penghargaan diubah',
	'awards.entry.delete': 'OPD dihapus dari daftar penghargaan',
	'awards.entry.update': 'Baris daftar penghargaan diubah',
	'awards.list.create': 'Daftar penghargaan dibuat',
	'awards.list.delete': 'Daftar penghargaan dihapus',
	'awards.list.import': 'Daftar penghargaan diimpor',
	'awards.list.update': 'Daftar penghargaan diubah',
	'evidence.delete': 'Berkas bukti dihapus',
	'evidence.upload': 'Berkas bukti diunggah',
	'opd.aliases': 'Nama lain (alias) OPD diubah',
	'opd.merge': 'OPD digabung',
	'opd.update': 'Data OPD diubah',
	'period.create': 'Periode dibuat',
	'period.double-scoring': 'Pengaturan dua penilai diubah',
	'rater.submit': 'Penilaian penilai dikirim',
	'period.deadline': 'Batas penilaian mandiri diatur',
	'period.import': 'Data diimpor',
	'period.import.revert': 'Impor dibatalkan',
	'period.publish': 'Hasil dipublikasikan',
	'period.unassessed-absent': 'Sel yang belum dinilai dihitung "tidak ada"',
	'period.opd-not-rated': 'OPD dinyatakan tidak dinilai / tidak berpartisipasi',
	'period.opd-rated': 'OPD dinilai kembali',
	'participation.extend': 'Batas penilaian mandiri OPD diperpanjang',
	'participation.extend-remove': 'Perpanjangan batas penilaian mandiri OPD dicabut',
	'participation.remind': 'Pengingat penilaian mandiri dikirim',
	'registers.loadReport': 'Register layanan informasi dimuat dari laporan',
	'registers.request.add': 'Permohonan informasi dicatat',
	'report.loadNarrative': 'Teks laporan tahunan dimuat dari laporan',
	'report.startYear': 'Laporan tahunan dimulai',
	'report.editSection': 'Teks laporan tahunan diubah',
	'report.editMeta': 'Penanda tangan dan anggaran laporan tahunan diubah',
	'registers.visits.set': 'Kunjungan website diubah',
	'registers.import': 'Register diimpor',
	'registers.import.revert': 'Impor register dibatalkan',
	'roster.add': 'OPD ditambahkan ke peserta',
	'roster.remove': 'OPD dikeluarkan dari peserta',
	'rubric.definition': 'Definisi operasional indikator diubah',
	'rubric.structure': 'Struktur rubrik diubah',
	'rubric.update': 'Rubrik diubah',
	'self.submit': 'Penilaian mandiri dikirim',
	'stage.schedule': 'Jadwal tahap diatur',
	'tie.decide': 'Urutan nilai seri diputuskan',
	'user.created': 'Pengguna dibuat',
	'user.disabled': 'Pengguna dinonaktifkan',
	'user.enabled': 'Pengguna diaktifkan',
	'user.password_changed': 'Kata sandi diganti sendiri',
	'user.password_reset': 'Kata sandi direset',
	'user.role_changed': 'Peran pengguna diubah'
};

/** The entity an event is about, in words ("Dinas Kesehatan · Renja", "pengguna budi"). */
function subject(e: AuditEventInput, names: AuditNames): string {
	if (e.entityType === 'cell') {
		const [, opdId, indicatorId] = e.entityId.split(':').map(Number);
		const opd = names.opd(opdId ?? 0) ?? `OPD #${opdId}`;
		const indicator = names.indicator(indicatorId ?? 0) ?? `kategori #${indicatorId}`;
		return `${opd} · ${indicator}`;
	}
	if (e.entityType === 'rater-score') {
		const [, opdId, indicatorId, userId] = e.entityId.split(':').map(Number);
		const opd = names.opd(opdId ?? 0) ?? `OPD #${opdId}`;
		const indicator = names.indicator(indicatorId ?? 0) ?? `kategori #${indicatorId}`;
		return `${opd} · ${indicator} (penilai ${names.user(userId ?? 0) ?? `#${userId}`})`;
	}
	if (e.entityType === 'user') {
		const id = Number(e.entityId);
		return `pengguna ${names.user(id) ?? `#${e.entityId}`}`;
	}
	if (e.entityType === 'period') return `periode ${e.entityId}`;
	if (e.entityType === 'report_year') return `laporan tahunan ${e.entityId}`;
	if (e.entityType === 'report_section') {
		const [year, key] = e.entityId.split('/');
		return `laporan tahunan ${year}, bagian ${key}`;
	}
	if (e.entityType === 'stage') return `tahap "${e.entityId.split(':').slice(1).join(':')}"`;
	if (e.entityType === 'opd') {
		const id = Number(e.entityId);
		return Number.isInteger(id) && names.opd(id) ? `OPD ${names.opd(id)}` : `OPD ${e.entityId}`;
	}
	return `${e.entityType} ${e.entityId}`;
}

/** A period's award grouping in words: "Dinas (dinas, sekretariat); Kecamatan …; 3 Terbaik, 3 Harapan". */
function awardGroupsText(value: unknown): string {
	const config = obj(value);
	if (!Array.isArray(config.groups)) return 'satu podium untuk semua OPD';
	const groups = config.groups.map((g) => {
		const group = obj(g);
		const kinds = Array.isArray(group.kinds) ? group.kinds.join(', ') : '';
		return `${shortText(group.label)} (${kinds})`;
	});
	return `${groups.join('; ')}; ${String(config.best)} Terbaik, ${String(config.runnersUp)} Harapan`;
}

/** An award list's event: the list by title and year, the entry's OPD, position and points. */
function awardSentence(e: AuditEventInput, before: Json, after: Json): AuditSentence {
	const title = String(after.list ?? after.title ?? before.list ?? before.title ?? e.entityId);
	const year = e.year === null ? '' : ` ${e.year}`;
	const entry = (s: Json) =>
		`${String(s.name ?? s.opd)}, posisi ${String(s.position)}` +
		(s.points === null || s.points === undefined ? '' : `, nilai ${String(s.points)}`) +
		(typeof s.note === 'string' ? `, catatan ${shortText(s.note)}` : '');
	const changes: string[] = [];
	if (e.action === 'awards.entry.update') changes.push(`${entry(before)} → ${entry(after)}`);
	else if (e.action === 'awards.entry.add') changes.push(entry(after));
	else if (e.action === 'awards.entry.delete') changes.push(entry(before));
	else if (e.action === 'awards.list.update') {
		if (before.title !== after.title)
			changes.push(`judul: ${shortText(before.title)} → ${shortText(after.title)}`);
		if (before.sourceNote !== after.sourceNote)
			changes.push(`sumber: ${shortText(before.sourceNote)} → ${shortText(after.sourceNote)}`);
	} else if (e.action === 'awards.list.delete' && Array.isArray(before.entries))
		changes.push(`${before.entries.length} OPD ikut dihapus`);
	else if (e.action === 'awards.list.import' && typeof after.entries === 'number')
		changes.push(
			`${after.entries} OPD${Array.isArray(before.entries) ? ' (menggantikan isi sebelumnya)' : ''}`
		);
	return { what: `${ACTIONS[e.action] ?? e.action}: "${title}"${year}`, changes };
}

const REGISTER_VERBS: Record<string, string> = {
	add: 'dicatat',
	update: 'diubah',
	delete: 'dihapus'
};

/**
 * A register row added, changed or deleted ("registers.keberatan.update"): the row in words and
 * each field's change with its label; personal fields are only named (their values are not logged).
 */
function registerSentence(e: AuditEventInput, before: Json, after: Json): AuditSentence | null {
	const [, slug, verb] = e.action.split('.');
	if (!slug || !verb || !isRegisterSlug(slug) || !REGISTER_VERBS[verb]) return null;
	const form = REGISTER_FORMS[slug];
	const year = after.year ?? before.year;
	const what = `${form.noun[0]!.toUpperCase()}${form.noun.slice(1)} #${e.entityId}${year ? ` (register ${year})` : ''} ${REGISTER_VERBS[verb]}`;
	const changes: string[] = [];
	for (const field of form.fields) {
		const inBefore = field.name in before;
		const inAfter = field.name in after;
		if (!inBefore && !inAfter) continue;
		const was = displayValue(field, before[field.name]);
		const now = displayValue(field, after[field.name]);
		if (verb === 'update') changes.push(`${field.label}: ${was} → ${now}`);
		else if (verb === 'delete') changes.push(`${field.label}: ${was}`);
		else if (now !== '—') changes.push(`${field.label}: ${now}`);
	}
	const personal = Array.isArray(after.personalChanged) ? after.personalChanged : [];
	if (personal.length > 0) {
		const labels = personal.map((n) => form.fields.find((f) => f.name === n)?.label ?? String(n));
		changes.push(`data pribadi diubah: ${labels.join(', ')}`);
	}
	if (after.possibleDuplicate === true) changes.push('ditandai mungkin duplikat');
	return { what, changes };
}

function visitsSentence(before: Json, after: Json): string[] {
	const a = Array.isArray(before.visits) ? before.visits : [];
	const b = Array.isArray(after.visits) ? after.visits : [];
	const text = (n: unknown) => (typeof n === 'number' ? n.toLocaleString('id-ID') : '(kosong)');
	return MONTHS.flatMap((m, i) => (a[i] === b[i] ? [] : [`${m}: ${text(a[i])} → ${text(b[i])}`]));
}

const DEFINITION_FIELDS: [string, string][] = [
	['definition', 'definisi'],
	['acceptableEvidence', 'bukti yang diterima'],
	['unacceptableEvidence', 'bukti yang tidak diterima']
];

/** What an indicator says counts was edited: the indicator by key, each field's change. */
function definitionSentence(what: string, before: Json, after: Json): AuditSentence {
	const changes: string[] = [];
	for (const [key, label] of DEFINITION_FIELDS)
		if (before[key] !== after[key])
			changes.push(`${label}: ${shortText(before[key])} → ${shortText(after[key])}`);
	if (before.evidenceRequired !== after.evidenceRequired)
		changes.push(after.evidenceRequired ? 'bukti menjadi wajib' : 'bukti tidak lagi wajib');
	const key = String(after.key ?? before.key ?? '');
	return { what: `${ACTIONS['rubric.definition']} "${key}": ${what}`, changes };
}

/** One audit event as a sentence with its changes in words. */
export function describeAuditEvent(e: AuditEventInput, names: AuditNames): AuditSentence {
	const before = obj(e.before);
	const after = obj(e.after);
	if (e.action.startsWith('registers.')) {
		const sentence = registerSentence(e, before, after);
		if (sentence) return sentence;
		if (e.action === 'registers.visits.set')
			return {
				what: `${ACTIONS[e.action]}: tahun ${e.entityId}`,
				changes: visitsSentence(before, after)
			};
		if (e.action === 'registers.import' || e.action === 'registers.import.revert') {
			const slug = String(after.register ?? '');
			const title = isRegisterSlug(slug) ? REGISTER_FORMS[slug].title.toLowerCase() : 'layanan';
			return {
				what: `${ACTIONS[e.action]}: ${title} ${String(after.year ?? before.year ?? '')}`,
				changes: [
					typeof after.rows === 'number' ? `${after.rows} baris` : '',
					typeof after.file === 'string' ? `berkas ${shortText(after.file)}` : ''
				].filter(Boolean)
			};
		}
	}
	const what = subject(e, names);
	if (e.action === 'cell.set' || e.action === 'cell.self') {
		const label = e.action === 'cell.set' ? 'Nilai' : 'Penilaian mandiri';
		return { what: `${label} ${what}`, changes: cellChanges(before, after) };
	}
	if (e.action === 'rater.set')
		return { what: `Nilai penilai ${what}`, changes: cellChanges(before, after) };
	if (e.action === 'cell.agree' || e.action === 'cell.disagree' || e.action === 'cell.settle')
		return { what: `${DOUBLE_LABELS[e.action]} ${what}`, changes: doubleChanges(before, after) };
	if (e.action === 'period.double-scoring')
		return {
			what: `${ACTIONS[e.action]}: ${what}`,
			changes: doubleSettingChanges(before, after, names)
		};
	if (e.action === 'evidence.upload' || e.action === 'evidence.delete') {
		const file = e.action === 'evidence.upload' ? after : before;
		const side = file.side === 'self' ? 'penilaian mandiri OPD' : 'evaluator';
		const size = typeof file.size === 'number' ? `, ${file.size.toLocaleString('id-ID')} bita` : '';
		return {
			what: `${ACTIONS[e.action]} (${side}): ${what}`,
			changes: [`berkas ${shortText(file.file)}${size}`, `SHA-256 ${String(file.sha256)}`]
		};
	}
	if (e.action === 'period.transition' || e.action === 'period.reopen') {
		const changes = [`status: ${statusText(before.status)} → ${statusText(after.status)}`];
		if (typeof after.reason === 'string') changes.push(`alasan: ${shortText(after.reason)}`);
		return {
			what: `${e.action === 'period.reopen' ? 'Periode dibuka kembali' : 'Status periode diubah'}: ${what}`,
			changes
		};
	}
	if (e.action.startsWith('stage.') && e.action !== 'stage.schedule') {
		const verbs: Record<string, string> = {
			'stage.start': 'dimulai',
			'stage.announce': 'diumumkan hasilnya',
			'stage.close': 'ditutup'
		};
		const changes =
			typeof after.appealEndsAt === 'string' ? [`masa sanggah sampai ${after.appealEndsAt}`] : [];
		return { what: `Tahap ${what.replace(/^tahap /, '')} ${verbs[e.action] ?? e.action}`, changes };
	}
	if (e.action === 'awards.groups')
		return {
			what: `${ACTIONS[e.action]}: ${what}`,
			changes: [`${awardGroupsText(before.awardGroups)} → ${awardGroupsText(after.awardGroups)}`]
		};
	if (e.action.startsWith('awards.')) return awardSentence(e, before, after);
	if (e.action === 'rubric.definition') return definitionSentence(what, before, after);
	if (e.action === 'participation.extend' || e.action === 'participation.extend-remove') {
		const until = (s: Json, none: string) =>
			typeof s.deadlineText === 'string' ? s.deadlineText : none;
		return {
			what: `${ACTIONS[e.action]}: ${what}${e.year === null ? '' : ` (${e.year})`}`,
			changes: [
				`batas: ${until(before, 'batas periode')} → ${until(after, 'batas periode')}`,
				...(typeof after.reason === 'string' ? [`alasan: ${shortText(after.reason)}`] : [])
			]
		};
	}
	if (e.action === 'period.opd-not-rated') {
		// Which way the OPD is left out: events before the choice existed were "tidak dinilai".
		const kind = (s: Json) =>
			typeof s.notRatedKind === 'string' ? s.notRatedKind : 'tidak dinilai';
		const changes: string[] = [];
		if (typeof before.notRatedReason === 'string' && kind(before) !== kind(after))
			changes.push(`sebelumnya: ${kind(before)}`);
		if (typeof after.notRatedReason === 'string' && after.notRatedReason !== '')
			changes.push(`alasan: ${shortText(after.notRatedReason)}`);
		return { what: `OPD dinyatakan ${kind(after)}: ${what}`, changes };
	}
	if (e.action === 'participation.remind') {
		const count = (v: unknown) => (typeof v === 'number' ? v.toLocaleString('id-ID') : '0');
		const changes = [`${count(after.opds)} OPD, ${count(after.notifications)} notifikasi`];
		if (typeof after.skippedRecent === 'number' && after.skippedRecent > 0)
			changes.push(`${count(after.skippedRecent)} OPD dilewati (sudah diingatkan dalam 24 jam)`);
		if (after.forced === true) changes.push('dikirim ulang tanpa menunggu 24 jam');
		return { what: `${ACTIONS[e.action]}: ${what}`, changes };
	}
	if (e.action === 'opd.aliases') {
		const list = (v: unknown) =>
			Array.isArray(v) && v.length ? v.map((a) => shortText(a)).join(', ') : '(tidak ada)';
		return {
			what: `${ACTIONS[e.action]}: ${what}`,
			changes: [`alias: ${list(before.aliases)} → ${list(after.aliases)}`]
		};
	}
	const changes: string[] = [];
	for (const key of ['reason', 'answer', 'role', 'status', 'cells', 'name', 'body']) {
		const a = before[key];
		const b = after[key];
		if (b === undefined || a === b) continue;
		const label: Record<string, string> = {
			reason: 'alasan',
			answer: 'jawaban',
			role: 'peran',
			status: 'status',
			cells: 'sel',
			name: 'nama',
			body: 'teks'
		};
		changes.push(
			a === undefined
				? `${label[key]}: ${shortText(b)}`
				: `${label[key]}: ${shortText(a)} → ${shortText(b)}`
		);
	}
	const action = ACTIONS[e.action] ?? e.action;
	return { what: `${action}: ${what}`, changes };
}
