import { spawn } from 'node:child_process';
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { checkLinksCommand } from '../../scripts/cli/links';
import type { DB } from '../../src/lib/server/db';
import {
	assessments,
	auditEvents,
	indicators,
	linkChecks,
	opds,
	periods
} from '../../src/lib/server/db/schema';
import {
	DEFAULT_LINK_CHECK,
	type LinkCheckOptions
} from '../../src/lib/server/evidence/link-check';
import { deadLinksByIndicator } from '../../src/lib/server/evidence/links';
import { monevArgs } from './helpers/cli';
import { OK_SHA256, startLinkServer } from './helpers/link-server';
import { createTestDb } from './helpers/test-db';

let server: Awaited<ReturnType<typeof startLinkServer>>;
let db: DB;
let url: string;
let cleanup: () => Promise<void>;
const options: LinkCheckOptions = {
	...DEFAULT_LINK_CHECK,
	timeoutMs: 500,
	maxBytes: 64 * 1024,
	allowPrivate: true
};

beforeAll(async () => {
	server = await startLinkServer(3_000);
});
afterAll(async () => server.close());
beforeEach(async () => {
	({ db, url, cleanup } = await createTestDb('demo'));
});
afterEach(async () => cleanup());

/** Puts evidence on three cells of 2021 and returns their (opd slug, indicator key). */
async function withEvidence() {
	const [period] = await db.select().from(periods).where(eq(periods.year, 2021));
	const cells = await db
		.select({
			id: assessments.id,
			opdId: assessments.opdId,
			indicatorId: assessments.indicatorId,
			slug: opds.slug,
			key: indicators.key
		})
		.from(assessments)
		.innerJoin(opds, eq(opds.id, assessments.opdId))
		.innerJoin(indicators, eq(indicators.id, assessments.indicatorId))
		.where(eq(assessments.periodId, period!.id))
		.limit(3);
	const [a, b, c] = cells as [(typeof cells)[0], (typeof cells)[0], (typeof cells)[0]];
	await db.update(assessments).set({ evidenceUrl: null, selfEvidenceUrl: null });
	await db
		.update(assessments)
		.set({ evidenceUrl: `${server.base}/ok\n${server.base}/missing` })
		.where(eq(assessments.id, a.id));
	await db
		.update(assessments)
		.set({ selfEvidenceUrl: `${server.base}/chain/2` })
		.where(eq(assessments.id, b.id));
	await db
		.update(assessments)
		.set({ evidenceUrl: `${server.base}/slow`, selfEvidenceUrl: 'ftp://127.0.0.1/dip.pdf' })
		.where(eq(assessments.id, c.id));
	return { period: period!, a, b, c };
}

interface JsonLink {
	url: string;
	opd: string;
	indicator: string;
	status: number | null;
	ok: boolean;
	finalUrl: string | null;
	checkedAt: string;
	title: string | null;
	sha256: string | null;
}

it('check-links --format json checks every evidence link, stores the results and audits the run', async () => {
	const { period, a, b, c } = await withEvidence();
	let stdout = '';
	const code = await checkLinksCommand(['--year', '2021', '--format', 'json'], db, options, (t) => {
		stdout += t;
	});
	expect(code).toBe(0);
	const out = JSON.parse(stdout) as { links: JsonLink[] };
	expect(out.links).toHaveLength(5);
	for (const link of out.links) {
		for (const key of ['url', 'opd', 'indicator', 'status', 'ok', 'finalUrl', 'checkedAt'])
			expect(link).toHaveProperty(key);
		expect(new Date(link.checkedAt).toISOString()).toBe(link.checkedAt);
	}
	const by = (url: string) => out.links.find((l) => l.url === url)!;
	expect(by(`${server.base}/ok`)).toMatchObject({
		opd: a.slug,
		indicator: a.key,
		status: 200,
		ok: true,
		finalUrl: `${server.base}/ok`,
		title: 'Daftar Informasi & Publik',
		sha256: OK_SHA256
	});
	expect(by(`${server.base}/missing`)).toMatchObject({ opd: a.slug, status: 404, ok: false });
	expect(by(`${server.base}/chain/2`)).toMatchObject({
		opd: b.slug,
		indicator: b.key,
		status: 200,
		ok: true,
		finalUrl: `${server.base}/ok`
	});
	expect(by(`${server.base}/slow`)).toMatchObject({ opd: c.slug, status: null, ok: false });
	expect(by('ftp://127.0.0.1/dip.pdf')).toMatchObject({ status: null, ok: false, finalUrl: null });

	// stored per period
	const stored = await db.select().from(linkChecks).where(eq(linkChecks.periodId, period.id));
	expect(stored).toHaveLength(5);
	expect(stored.filter((r) => !r.ok)).toHaveLength(3);
	const dead = await deadLinksByIndicator(period.id, a.opdId, db);
	expect(dead[a.indicatorId]).toEqual([
		{ url: `${server.base}/missing`, status: 404, error: null }
	]);
	const [event] = await db
		.select()
		.from(auditEvents)
		.where(and(eq(auditEvents.action, 'links.checked'), eq(auditEvents.periodId, period.id)));
	expect(event).toMatchObject({ actor: 'cli', after: { links: 5, ok: 2, dead: 3, urls: 5 } });

	// a second run replaces the first: a link fixed meanwhile is no longer dead
	await db
		.update(assessments)
		.set({ evidenceUrl: `${server.base}/ok` })
		.where(eq(assessments.id, a.id));
	stdout = '';
	expect(
		await checkLinksCommand(
			['--year', '2021', '--format', 'json'],
			db,
			options,
			(t) => (stdout += t)
		)
	).toBe(0);
	expect((JSON.parse(stdout) as { links: JsonLink[] }).links).toHaveLength(4);
	expect((await deadLinksByIndicator(period.id, a.opdId, db))[a.indicatorId]).toBeUndefined();
});

it('prints a readable table by default and refuses an unknown year or format', async () => {
	await withEvidence();
	let stdout = '';
	expect(await checkLinksCommand(['--year', '2021'], db, options, (t) => (stdout += t))).toBe(0);
	const lines = stdout.trim().split('\n');
	expect(lines[0]).toMatch(/^STATUS\s+OPD\s+INDIKATOR\s+URL/);
	expect(lines).toHaveLength(6);
	expect(stdout).toMatch(/MATI 404/);
	expect(stdout).toMatch(/ok 200/);
	stdout = '';
	expect(await checkLinksCommand(['--year', '1999'], db, options, (t) => (stdout += t))).toBe(1);
	expect(await checkLinksCommand(['--year', '2021', '--format', 'xml'], db, options)).toBe(2);
	expect(stdout).toBe('');
	expect(await db.select().from(linkChecks).where(eq(linkChecks.ok, true))).toHaveLength(2);
});

it('npm run monev -- check-links --format json works as a separate process (stdout: JSON only)', async () => {
	const { a } = await withEvidence();
	// async spawn: the link server lives in this process and must keep answering
	const child = spawn(
		process.execPath,
		monevArgs('check-links', '--year', '2021', '--format', 'json'),
		{
			env: {
				...process.env,
				DATABASE_URL: url,
				MONEV_LINKCHECK_ALLOW_PRIVATE: '1',
				MONEV_LINKCHECK_TIMEOUT_MS: '500'
			}
		}
	);
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
	child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
	const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
	expect(code, stderr).toBe(0);
	expect(stderr).toMatch(/5 tautan diperiksa/);
	const out = JSON.parse(stdout) as { links: JsonLink[] };
	expect(out.links).toHaveLength(5);
	expect(out.links.find((l) => l.url === `${server.base}/missing`)).toMatchObject({
		opd: a.slug,
		indicator: a.key,
		status: 404,
		ok: false
	});
}, 60_000);
