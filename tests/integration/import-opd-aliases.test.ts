import { readFileSync } from 'node:fs';
import { isActionFailure, isHttpError, type RequestEvent } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseReportTable } from '../../src/lib/import';
import { SYSTEM_ACTORS } from '../../src/lib/server/audit/audit';
import { useDb, type DB } from '../../src/lib/server/db';
import { auditEvents, opdAliases, opds, periods, users } from '../../src/lib/server/db/schema';
import { planImport } from '../../src/lib/server/import/plan';
import { setAliases } from '../../src/lib/server/opds/aliases';
import { updateOpd } from '../../src/lib/server/opds/admin';
import { aliasesById, rosterMatchCandidates } from '../../src/lib/server/opds/master';
import { roster } from '../../src/lib/server/periods/periods';
import { WorkflowError } from '../../src/lib/server/workflow/error';
import { matrixOf } from '../../src/lib/server/workflow/matrix';
import { filterBySearch } from '../../src/lib/insights/matrix-view';
import { snapshotTables } from './helpers/snapshot';
import { createTestDb } from './helpers/test-db';
import { asSessionUser } from './helpers/auth';
import { endRequest, request as newRequest } from './helpers/request';

/**
 * OPD aliases end to end on a real database: seeded customary abbreviations, names written the
 * way PPID tables write them matched by the planner, ambiguity reported with the candidates,
 * aliases edited in the OPD master (admin only, one OPD per alias, audited).
 */

vi.mock('$app/server', () => import('./helpers/request'));
const page = await import('../../src/routes/admin/opd/+page.server');

let db: DB;
let cleanup: () => Promise<void>;
const actor = SYSTEM_ACTORS.cli;
const seed2021 = readFileSync('data/seeds/000_98cb80431292019a.txt', 'utf8');

beforeAll(async () => {
	({ db, cleanup } = await createTestDb('demo'));
	useDb(db);
});
afterAll(async () => {
	endRequest();
	await cleanup();
});

const idOf = async (slug: string) =>
	(await db.select({ id: opds.id }).from(opds).where(eq(opds.slug, slug)))[0]!.id;

/** The 2021 report table with some OPD names written differently. */
function table2021(renames: [string, string][]) {
	let text = seed2021;
	for (const [from, to] of renames) {
		if (!text.includes(from)) throw new Error(`not in the seed: ${from}`);
		text = text.replace(from, to);
	}
	const parsed = parseReportTable(text);
	if (!parsed.ok) throw new Error(parsed.errors[0]?.message);
	return parsed.matrix;
}

/** Posts the aliases form of /admin/opd as a user of the given role. */
async function postAliases(role: 'admin' | 'evaluator', id: number, aliases: string) {
	const [row] = await db.select().from(users).where(eq(users.role, role));
	const event = newRequest('/admin/opd?/aliases', {
		user: asSessionUser(row!),
		form: { id: String(id), aliases }
	});
	return (page.actions.aliases as (e: RequestEvent) => Promise<unknown>)(event);
}

describe('seeded aliases and the planner', () => {
	it('the seed gives the known OPDs their customary abbreviations', async () => {
		const aliases = await aliasesById(null, db);
		expect(aliases.get(await idOf('dinas-pendidikan-dan-kebudayaan'))).toEqual(['Disdikbud']);
		expect(aliases.get(await idOf('sekretariat-dprd'))).toEqual(['Sekwan']);
		expect(aliases.get(await idOf('dinas-komunikasi-dan-informatika'))).toEqual([
			'Dinkominfo',
			'Kominfo'
		]);
	});

	it('a new year written with abbreviations and short forms finds the existing OPDs', async () => {
		const matrix = table2021([
			['Dinas Kesehatan Kota Serang', 'Dinkes'],
			['Sekretariat Daerah Kota Serang', 'Setda'],
			['Kecamatan Walantaka Kota Serang', 'Kec. Walantaka'],
			['Dinas Pendidikan dan Kebudayaan Kota Serang', 'Disdikbud'],
			['Sekretariat DPRD Kota Serang', 'Sekwan'],
			['Kecamatan Taktakan Kota Serang', 'Kecamatan Taktakan Kota'],
			['Badan Penanggulangan Bencana Daerah Kota Serang', 'BPBD'],
			['Kecamatan Curug Kota Serang', 'Kecamatn Curug']
		]);
		const before = await snapshotTables(db);
		const plan = await planImport({ year: 2022, matrix, source: 'x.txt', actor }, db);
		expect(await snapshotTables(db)).toEqual(before);
		expect(plan.errors).toEqual([]);
		expect(plan.rows.filter((r) => r.isNew)).toEqual([]);
		const opdOf = (name: string) => plan.rows.find((r) => r.name === name)?.opd;
		expect(opdOf('Dinkes')).toBe('dinas-kesehatan');
		expect(opdOf('Setda')).toBe('sekretariat-daerah');
		expect(opdOf('Kec. Walantaka')).toBe('kecamatan-walantaka');
		expect(opdOf('Disdikbud')).toBe('dinas-pendidikan-dan-kebudayaan');
		expect(opdOf('Sekwan')).toBe('sekretariat-dprd');
		expect(opdOf('Kecamatan Taktakan Kota')).toBe('kecamatan-taktakan');
		expect(opdOf('BPBD')).toBe('badan-penanggulangan-bencana-daerah');
		expect(opdOf('Kecamatn Curug')).toBe('kecamatan-curug');
	});

	it('an ambiguous name is an error naming the candidates, not a pick and not a new OPD', async () => {
		const matrix = table2021([['Sekretariat Daerah Kota Serang', 'Sekretariat']]);
		const plan = await planImport({ year: 2022, matrix, source: 'x.txt', actor }, db);
		const row = plan.rows.find((r) => r.name === 'Sekretariat')!;
		expect(row).toMatchObject({ opd: null, isNew: false });
		const error = plan.errors.find((e) => e.line === row.line)!;
		expect(error.message).toContain('cocok dengan lebih dari satu OPD');
		expect(error.message).toContain('"Sekretariat Daerah Kota Serang"');
		expect(error.message).toContain('"Sekretariat DPRD Kota Serang"');
	});

	it('an unknown name in an existing year names up to three suggestions', async () => {
		const matrix = table2021([['Dinas Perhubungan Kota Serang', 'Dinas Perhubungan Darat Laut']]);
		const plan = await planImport({ year: 2021, matrix, source: 'x.txt', actor }, db);
		const row = plan.rows.find((r) => r.name === 'Dinas Perhubungan Darat Laut')!;
		const error = plan.errors.find((e) => e.line === row.line)!;
		expect(error.message).toMatch(/tidak terdaftar di periode 2021/);
		expect(error.message).toContain('Mungkin yang dimaksud: "Dinas Perhubungan Kota Serang"');
	});
});

describe('editing aliases in the OPD master', () => {
	it('an alias added by the admin is audited and used by the next import', async () => {
		const dinkes = await idOf('dinas-kesehatan');
		await setAliases(dinkes, 'Dinas Kesehatan dan KB\n  Dinkes  \n\nDinkes Kota', actor, db);
		// "Dinkes" is its short name already; the rest is stored as typed, spaces tidied.
		expect((await aliasesById([dinkes], db)).get(dinkes)).toEqual([
			'Dinas Kesehatan dan KB',
			'Dinkes Kota'
		]);
		const [event] = await db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, 'opd.aliases'));
		expect(event).toMatchObject({
			entityId: 'dinas-kesehatan',
			before: { aliases: [] },
			after: { aliases: ['Dinas Kesehatan dan KB', 'Dinkes Kota'] }
		});
		const matrix = table2021([['Dinas Kesehatan Kota Serang', 'DINAS KESEHATAN & KB']]);
		const plan = await planImport({ year: 2022, matrix, source: 'x.txt', actor }, db);
		expect(plan.rows.find((r) => r.name === 'DINAS KESEHATAN & KB')).toMatchObject({
			opd: 'dinas-kesehatan',
			exact: true
		});
	});

	it('an existing year matches against its roster as read row by row, and sees an alias or a rename at once', async () => {
		const [period] = await db.select().from(periods).where(eq(periods.year, 2021));
		// The candidates as the planner built them before they were read as one JSON value.
		const expected = async () => {
			const entries = await roster(period!.id, db);
			const aliases = await aliasesById(
				entries.map((e) => e.opdId),
				db
			);
			return entries.map((e) => ({
				key: e.slug,
				id: e.opdId,
				names: [...new Set([e.name, e.shortName, e.displayName])],
				aliases: aliases.get(e.opdId) ?? []
			}));
		};
		const dlh = await idOf('dinas-lingkungan-hidup');
		await setAliases(dlh, 'Dinas LH Kota\nDLH Serang', actor, db);
		const before = await rosterMatchCandidates(period!.id, db);
		expect(before.length).toBeGreaterThan(30);
		expect(before.find((c) => c.key === 'dinas-lingkungan-hidup')?.aliases).toEqual([
			'Dinas LH Kota',
			'DLH Serang'
		]);
		expect(before).toEqual(await expected());

		const plan2021 = (name: string) =>
			planImport(
				{
					year: 2021,
					matrix: table2021([['Dinas Perhubungan Kota Serang', name]]),
					source: 'x.txt',
					actor
				},
				db
			).then((plan) => plan.rows.find((r) => r.name === name));
		expect(await plan2021('Dishub Serang Raya')).toMatchObject({ opd: null });
		await setAliases(await idOf('dinas-perhubungan'), 'Dishub Serang Raya', actor, db);
		expect(await plan2021('Dishub Serang Raya')).toMatchObject({
			opd: 'dinas-perhubungan',
			exact: true
		});
		const dishub = await idOf('dinas-perhubungan');
		expect(await plan2021('Dinas Perhubungan dan Transportasi')).not.toMatchObject({
			opd: 'dinas-perhubungan',
			exact: true
		});
		await updateOpd(
			dishub,
			{
				name: 'Dinas Perhubungan dan Transportasi',
				shortName: 'Dishubtrans',
				kind: 'dinas',
				websiteUrl: null
			},
			actor,
			db
		);
		expect(await plan2021('Dinas Perhubungan dan Transportasi')).toMatchObject({
			opd: 'dinas-perhubungan',
			exact: true
		});
		expect(await plan2021('DISHUBTRANS')).toMatchObject({ opd: 'dinas-perhubungan', exact: true });
		expect(await rosterMatchCandidates(period!.id, db)).toEqual(await expected());
	});

	it("the matrix's OPD search (?cari=) finds an OPD by an alias the admin added", async () => {
		const [period] = await db.select().from(periods).where(eq(periods.year, 2021));
		const { rows } = await matrixOf(period!.id, db);
		expect(rows.find((r) => r.slug === 'dinas-kesehatan')?.aliases).toEqual([
			'Dinas Kesehatan dan KB',
			'Dinkes Kota'
		]);
		const found = (search: string) => filterBySearch(rows, search).map((r) => r.slug);
		// "KB" is in no OPD's name in 2021: only the alias answers it.
		expect(found('kesehatan dan kb')).toEqual(['dinas-kesehatan']);
		expect(found('dinkes kota')).toEqual(['dinas-kesehatan']);
		// A seeded customary abbreviation works the same way.
		expect(found('disdikbud')).toEqual([rows.find((r) => r.aliases?.includes('Disdikbud'))!.slug]);
	});

	it("refuses an alias of another OPD, or another OPD's name, naming it; nothing changes", async () => {
		const dinsos = await idOf('dinas-sosial');
		const before = await snapshotTables(db);
		for (const [text, owner] of [
			['Dinsos Baru\nDisdikbud', 'alias Dinas Pendidikan dan Kebudayaan Kota Serang'],
			['dinkes kota', 'alias Dinas Kesehatan Kota Serang'],
			['BPBD', 'nama Badan Penanggulangan Bencana Daerah Kota Serang']
		]) {
			const refused = await setAliases(dinsos, text!, actor, db).catch((e) => e);
			expect(refused).toBeInstanceOf(WorkflowError);
			expect((refused as WorkflowError).status).toBe(409);
			expect((refused as WorkflowError).message).toContain(`sudah dipakai sebagai ${owner}`);
			expect((refused as WorkflowError).message).toContain('Satu alias hanya boleh untuk satu OPD');
		}
		const blank = await setAliases(dinsos, '...', actor, db).catch((e) => e);
		expect((blank as WorkflowError).message).toMatch(/tidak berisi huruf atau angka/);
		expect(await snapshotTables(db)).toEqual(before);
	});

	it('the form action checks the role on the server and sends a refusal back with the text', async () => {
		const dinsos = await idOf('dinas-sosial');
		const denied = await postAliases('evaluator', dinsos, 'Dinsos Lama').catch((e) => e);
		expect(isHttpError(denied) && denied.status).toBe(403);
		expect(await db.select().from(opdAliases).where(eq(opdAliases.opdId, dinsos))).toEqual([]);

		const refused = await postAliases('admin', dinsos, 'Sekwan');
		expect(isActionFailure(refused)).toBe(true);
		if (isActionFailure(refused)) {
			expect(refused.status).toBe(409);
			expect(refused.data).toMatchObject({
				message: expect.stringContaining('Sekwan'),
				aliasesFor: dinsos,
				aliases: 'Sekwan'
			});
		}
		expect(await postAliases('admin', dinsos, 'Dinsos Lama')).toEqual({ done: 'Alias disimpan.' });
		expect((await aliasesById([dinsos], db)).get(dinsos)).toEqual(['Dinsos Lama']);
	});
});
