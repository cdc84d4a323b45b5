/**
 * Who may do what: the roles, the capabilities and the matrix between them. Pure and
 * framework-free, so the server guards, the UI (hiding what a role cannot use) and the tests all
 * read the same table. Ownership (an operator acts for its own OPD only) is not decided here: the
 * queries and `requireOwnOpd` enforce it.
 *
 * | capability              | admin | evaluator | operator | pimpinan | petugas | anonymous |
 * | ----------------------- | :---: | :-------: | :------: | :------: | :-----: | :-------: |
 * | users.manage            |   ✓   |           |          |          |         |           |
 * | opds.manage             |   ✓   |           |          |          |         |           |
 * | periods.manage          |   ✓   |           |          |          |         |           |
 * | rubric.manage           |   ✓   |           |          |          |         |           |
 * | cells.assess            |   ✓   |     ✓     |          |          |         |           |
 * | cells.verify            |   ✓   |     ✓     |          |          |         |           |
 * | period.finalize         |   ✓   |     ✓     |          |          |         |           |
 * | period.publish          |   ✓   |     ✓     |          |          |         |           |
 * | self.assess (own OPD)   |   ✓   |           |    ✓     |          |         |           |
 * | appeal.file (own OPD)   |   ✓   |           |    ✓     |          |         |           |
 * | appeal.answer           |   ✓   |     ✓     |          |          |         |           |
 * | results.viewUnpublished |   ✓   |     ✓     |          |    ✓     |         |           |
 * | results.viewPublished   |   ✓   |     ✓     |    ✓     |    ✓     |    ✓    |     ✓     |
 * | dashboard.view          |   ✓   |     ✓     |          |    ✓     |         |           |
 * | opd.viewAny             |   ✓   |     ✓     |          |    ✓     |         |           |
 * | import.run              |   ✓   |     ✓     |          |          |         |           |
 * | export.run              |   ✓   |     ✓     |          |    ✓     |         |           |
 * | audit.view              |   ✓   |     ✓     |          |          |         |           |
 * | assignments.manage      |   ✓   |           |          |          |         |           |
 * | conflicts.declare (own) |   ✓   |     ✓     |          |          |         |           |
 * | registers.manage        |   ✓   |           |          |          |    ✓    |           |
 * | report.compose          |   ✓   |           |          |          |    ✓    |           |
 * | awards.manage           |   ✓   |     ✓     |          |          |         |           |
 * | serviceStats.view       |   ✓   |           |          |    ✓     |    ✓    |           |
 * | disagreements.settle    |   ✓   |     ✓     |          |          |         |           |
 * | evidence.view (cell)    |   ✓   |     ✓     |    ✓     |    ✓     |         |           |
 * | evidence.upload         |   ✓   |     ✓     |    ✓     |          |         |           |
 * | participation.view      |   ✓   |     ✓     |          |    ✓     |         |           |
 * | participation.manage    |   ✓   |     ✓     |          |          |         |           |
 *
 * The evaluator does not get the operator's side (self.assess, appeal.file): an evaluator who
 * could self-assess or appeal would be judging their own submissions. The admin keeps them so
 * that support staff can enter data on an OPD's behalf; every such write is audited. The petugas
 * keeps the PPID's service registers (requests, objections, disputes, visits, survey; they hold
 * applicants' personal data) and composes the Laporan Tahunan (narrative, signatory, budget), and
 * nothing of the monev. The PPID's own award lists (awards.manage)
 * are recorded by the monev team that announces them: admin and evaluator. The service statistics
 * page (aggregates of the registers, no personal data) is for the desk and the leadership.
 * Settling a double-scored period's disagreements (disagreements.settle) is offered to evaluators,
 * but the server lets only the period's lead evaluator (or an admin) do it.
 * Evidence files (evidence.view) are seen by whoever sees the cell: the operator its own OPD's
 * only (workflow/evidence-access.ts decides per file), never the petugas or the public; they are
 * uploaded on the side one may write (evaluator: cells.assess, operator: self.assess).
 * The participation board (who registered, started, submitted, was verified, appealed) is read by
 * the leadership too; deadline extensions per OPD and reminders are the monev team's, as is the
 * period's own deadline.
 */

/** The roles; `server/db/schema.ts` takes the users.role column's values from here. */
export const ROLES = ['admin', 'evaluator', 'operator', 'pimpinan', 'petugas'] as const;
export type Role = (typeof ROLES)[number];

export const CAPABILITIES = [
	'users.manage',
	'opds.manage',
	'periods.manage',
	'rubric.manage',
	'cells.assess',
	'cells.verify',
	'period.finalize',
	'period.publish',
	'self.assess',
	'appeal.file',
	'appeal.answer',
	'results.viewUnpublished',
	'results.viewPublished',
	'dashboard.view',
	'opd.viewAny',
	'import.run',
	'export.run',
	'audit.view',
	'assignments.manage',
	'conflicts.declare',
	'registers.manage',
	'report.compose',
	'awards.manage',
	'serviceStats.view',
	'disagreements.settle',
	'evidence.view',
	'evidence.upload',
	'participation.view',
	'participation.manage'
] as const;
export type Capability = (typeof CAPABILITIES)[number];

const EVALUATOR: readonly Capability[] = [
	'cells.assess',
	'cells.verify',
	'period.finalize',
	'period.publish',
	'appeal.answer',
	'results.viewUnpublished',
	'results.viewPublished',
	'dashboard.view',
	'opd.viewAny',
	'import.run',
	'export.run',
	'audit.view',
	'conflicts.declare',
	'awards.manage',
	'disagreements.settle',
	'evidence.view',
	'evidence.upload',
	'participation.view',
	'participation.manage'
];

const GRANTS: Record<Role, ReadonlySet<Capability>> = {
	admin: new Set(CAPABILITIES),
	evaluator: new Set(EVALUATOR),
	operator: new Set([
		'self.assess',
		'appeal.file',
		'results.viewPublished',
		'evidence.view',
		'evidence.upload'
	]),
	pimpinan: new Set([
		'results.viewUnpublished',
		'results.viewPublished',
		'dashboard.view',
		'opd.viewAny',
		'export.run',
		'serviceStats.view',
		'evidence.view',
		'participation.view'
	]),
	petugas: new Set([
		'registers.manage',
		'report.compose',
		'results.viewPublished',
		'serviceStats.view'
	])
};

/** What an anonymous visitor may do: published results and the open-data API. */
const PUBLIC: ReadonlySet<Capability> = new Set(['results.viewPublished']);

/** Whether `role` (null: an anonymous visitor) has `capability`. */
export function can(role: Role | null, capability: Capability): boolean {
	return (role === null ? PUBLIC : GRANTS[role]).has(capability);
}

export function isRole(value: unknown): value is Role {
	return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export const ROLE_LABELS: Record<Role, string> = {
	admin: 'Administrator',
	evaluator: 'Evaluator (tim monev)',
	operator: 'Operator OPD',
	pimpinan: 'Pimpinan',
	petugas: 'Petugas layanan informasi (PPID)'
};

/** Completes "Anda tidak berhak …" in refusals. */
export const CAPABILITY_LABELS: Record<Capability, string> = {
	'users.manage': 'mengelola pengguna',
	'opds.manage': 'mengelola daftar OPD',
	'periods.manage': 'mengelola periode',
	'rubric.manage': 'mengelola rubrik penilaian',
	'cells.assess': 'menilai indikator',
	'cells.verify': 'memverifikasi penilaian',
	'period.finalize': 'memfinalkan periode',
	'period.publish': 'memublikasikan hasil',
	'self.assess': 'mengisi penilaian mandiri',
	'appeal.file': 'mengajukan sanggahan',
	'appeal.answer': 'menjawab sanggahan',
	'results.viewUnpublished': 'melihat hasil yang belum dipublikasikan',
	'results.viewPublished': 'melihat hasil yang dipublikasikan',
	'dashboard.view': 'membuka dasbor',
	'opd.viewAny': 'melihat data OPD lain',
	'import.run': 'mengimpor data',
	'export.run': 'mengekspor data',
	'audit.view': 'melihat jejak audit',
	'assignments.manage': 'mengatur penugasan penilai',
	'conflicts.declare': 'menyatakan konflik kepentingan',
	'registers.manage': 'mengelola register layanan informasi',
	'report.compose': 'menyusun laporan tahunan PPID',
	'awards.manage': 'mencatat daftar penghargaan PPID',
	'serviceStats.view': 'melihat statistik layanan informasi',
	'disagreements.settle': 'memutuskan selisih nilai dua penilai',
	'evidence.view': 'melihat berkas bukti',
	'evidence.upload': 'mengunggah berkas bukti',
	'participation.view': 'melihat partisipasi OPD',
	'participation.manage': 'memperpanjang batas waktu dan mengirim pengingat ke OPD'
};
