/**
 * `npm run soak [-- --quick] [-- --no-build]`: reliability under load, on record. The built app
 * serves a temporary database file on loopback while, together, 20 evaluators save cells over
 * HTTP, readers fetch the public API, `/api/v1/health` is sampled, a year is published and two
 * years are imported through /impor. The server is killed (`kill -9`) in the middle of an import
 * commit and restarted on the same file; the writers retry, the import is run again. At the end
 * the database is read: every acknowledged save must be there with its value, the killed import
 * all or nothing, the file intact. Progress goes to stderr; the last line of stdout is one JSON
 * object. Exits non-zero on a lost write, a damaged file or a half-written import.
 */
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createClient, type Client } from '@libsql/client';
import { eq } from 'drizzle-orm';
import { SYSTEM_ACTORS } from '../src/lib/server/audit/audit';
import { create } from '../src/lib/server/accounts/users';
import { openDb } from '../src/lib/server/db';
import { prepareDb } from '../src/lib/server/db/migrate';
import { assessments, periods } from '../src/lib/server/db/schema';
import { importMatrix } from '../src/lib/server/import/matrix';
import { getByYear } from '../src/lib/server/periods/periods';
import { publish } from '../src/lib/server/results/results';
import { MARK } from '../src/lib/import/ticks';
import type { ParsedMatrix } from '../src/lib/import';
import { bigCsv } from './bench/big-csv';
import { startServer, type Server } from './bench/server';
import { BENCH_PASSWORD, signInAs } from './bench/session';
import { prng, syntheticYear } from './bench/synthetic';

const { values: flags } = parseArgs({
	options: {
		quick: { type: 'boolean', default: false },
		'no-build': { type: 'boolean', default: false }
	}
});
const quick = flags.quick;

const CONFIG = quick
	? {
			opds: 200,
			indicators: 20,
			importRows: 1500,
			smallRows: 50,
			minBeforeMs: 8_000,
			afterMs: 3_000
		}
	: {
			opds: 500,
			indicators: 20,
			importRows: 4000,
			smallRows: 200,
			minBeforeMs: 45_000,
			afterMs: 45_000
		};
const WRITERS = 20;
/** The whole load phase is cut here whatever happens (the build and the setup come before). */
const LOAD_BUDGET_MS = quick ? 120_000 : 420_000;
const BIG_COLUMNS = 13; // bigCsv's categories

const YEAR = { published: 2021, work: 2022, toPublish: 2023, smallImport: 2024, bigImport: 2025 };

/** The progress lines, also kept for bench/SOAK.md. */
const progress: string[] = [];
const log = (...parts: unknown[]) => {
	progress.push(parts.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(' '));
	console.error('[soak]', ...parts);
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const percentile = (xs: number[], p: number) => {
	const sorted = [...xs].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

// ─── HTTP as the browser's enhanced forms speak it ────────────────────────────────────────────

/** devalue's flat format (what SvelteKit actions answer with), for plain data. */
function undevalue(text: string): unknown {
	const flat = JSON.parse(text) as unknown;
	if (typeof flat === 'number') return special(flat);
	const values = flat as unknown[];
	const done = new Map<number, unknown>();
	function special(i: number) {
		return {
			[-1]: undefined,
			[-2]: undefined,
			[-3]: NaN,
			[-4]: Infinity,
			[-5]: -Infinity,
			[-6]: -0
		}[i];
	}
	function hydrate(i: number): unknown {
		if (i < 0) return special(i);
		if (done.has(i)) return done.get(i);
		const v = values[i];
		if (v === null || typeof v !== 'object') {
			done.set(i, v);
			return v;
		}
		if (Array.isArray(v)) {
			if (typeof v[0] === 'string') {
				// A tagged value (Date, Map, …): the soak reads none of them.
				const tagged = v[0] === 'Date' ? new Date(v[1] as string) : v;
				done.set(i, tagged);
				return tagged;
			}
			const out: unknown[] = [];
			done.set(i, out);
			for (const x of v) out.push(hydrate(x as number));
			return out;
		}
		const out: Record<string, unknown> = {};
		done.set(i, out);
		for (const [k, x] of Object.entries(v)) out[k] = hydrate(x as number);
		return out;
	}
	return hydrate(0);
}

interface Counters {
	errors5xx: number;
	/** Refused or cut connections: the server was down or was killed mid-request. */
	connectionErrors: number;
	/** 5xx answers, by path, for the report. */
	errorPaths: Record<string, number>;
	/** Answers to a form post that were not an action's JSON, by path, status and body. */
	unreadable: Record<string, number>;
}
const counters: Counters = { errors5xx: 0, connectionErrors: 0, errorPaths: {}, unreadable: {} };

type ActionResult =
	| { kind: 'success' | 'failure'; status: number; data: Record<string, unknown> }
	| { kind: 'error'; status: number; message: string }
	| { kind: 'down' };

/** Server state shared by every client: its address, and whether it is (deliberately) down. */
const target = { url: '', down: false };

function note5xx(path: string, status: number) {
	if (status < 500) return;
	counters.errors5xx++;
	const key = `${path.replace(/\?.*/, '')} ${status}`;
	counters.errorPaths[key] = (counters.errorPaths[key] ?? 0) + 1;
}

/** Posts a form to a SvelteKit action as `use:enhance` does. */
async function action(path: string, cookie: string, body: FormData | URLSearchParams) {
	let res: Response;
	try {
		res = await fetch(`${target.url}${path}`, {
			method: 'POST',
			headers: {
				origin: target.url,
				cookie: `session=${cookie}`,
				'x-sveltekit-action': 'true',
				accept: 'application/json'
			},
			body
		});
	} catch {
		counters.connectionErrors++;
		return { kind: 'down' } as const;
	}
	const text = await res.text().catch(() => null);
	if (text === null) {
		counters.connectionErrors++;
		return { kind: 'down' } as const;
	}
	note5xx(path, res.status);
	let json: { type: string; status?: number; data?: string; error?: { message?: string } };
	try {
		json = JSON.parse(text) as typeof json;
	} catch {
		// Not an action's answer at all (an empty or cut body): the client cannot tell what happened.
		const key = `${path.replace(/\?.*/, '')} ${res.status} ${JSON.stringify(text.slice(0, 80))}`;
		counters.unreadable[key] = (counters.unreadable[key] ?? 0) + 1;
		return { kind: 'down' } as const;
	}
	if (json.type === 'success' || json.type === 'failure')
		return {
			kind: json.type,
			status: json.status ?? res.status,
			data: (json.data ? undevalue(json.data) : {}) as Record<string, unknown>
		} as const;
	const status = json.status ?? res.status;
	if (res.status < 500) note5xx(path, status);
	return { kind: 'error', status, message: json.error?.message ?? json.type } as const;
}

async function get(path: string): Promise<{ status: number; ms: number } | null> {
	const t = performance.now();
	try {
		const res = await fetch(`${target.url}${path}`);
		await res.arrayBuffer();
		note5xx(path, res.status);
		return { status: res.status, ms: performance.now() - t };
	} catch {
		counters.connectionErrors++;
		return null;
	}
}

// ─── Cell writers ─────────────────────────────────────────────────────────────────────────────

interface CellState {
	opdId: number;
	indicatorId: number;
	/** -1: not applicable. */
	value: number;
	version: number;
}

interface Ack {
	opdId: number;
	indicatorId: number;
	value: number;
	version: number;
}

const writerStats = {
	acks: [] as Ack[],
	latencies: [] as number[],
	/** Saves cut by the kill that had landed (learnt from the conflict answer on retry). */
	inDoubtLanded: 0,
	/** Saves cut by the kill that had not landed (the retry saved them). */
	inDoubtRetried: 0,
	/** Conflicts no writer can explain: someone else wrote a writer's own cell. */
	unexplainedConflicts: 0,
	/** Other refusals (4xx), by message. */
	refused: {} as Record<string, number>
};

const encodeValue = (v: number) => (v === -1 ? 'na' : String(v));

async function writer(w: number, cookie: string, cells: CellState[], until: () => boolean) {
	const random = prng(1000 + w);
	const path = `/penilaian/${YEAR.work}?/set`;
	for (let i = 0; i < 100_000 && !until(); i++) {
		const cell = cells[Math.floor(random() * cells.length)]!;
		const next = [0, 1, -1][Math.floor(random() * 3)]!;
		const expected = cell.version;
		let inDoubt = false;
		// One save, retried until the server answers it (bounded: the load budget ends it).
		for (let attempt = 0; attempt < 10_000; attempt++) {
			const body = new URLSearchParams({
				opdId: String(cell.opdId),
				indicatorId: String(cell.indicatorId),
				value: encodeValue(next),
				version: String(expected)
			});
			const t = performance.now();
			const result: ActionResult = await action(path, cookie, body);
			if (result.kind === 'down' || (result.kind === 'error' && result.status >= 500)) {
				// The request may have reached the database before the connection was cut.
				if (result.kind === 'down') inDoubt = true;
				if (Date.now() > hardDeadline) return;
				await sleep(100);
				continue;
			}
			if (result.kind === 'success') {
				const saved = result.data.saved as { value: number; version: number };
				writerStats.latencies.push(performance.now() - t);
				if (inDoubt) writerStats.inDoubtRetried++;
				cell.value = saved.value;
				cell.version = saved.version;
				writerStats.acks.push({ ...cell });
				break;
			}
			if (result.kind === 'failure' && result.status === 409 && result.data.conflict) {
				const current = result.data.conflict as { value: number; version: number };
				if (inDoubt && current.version === expected + 1 && current.value === next) {
					// The cut request had been saved: the server's answer says so, now acknowledged.
					writerStats.inDoubtLanded++;
					cell.value = current.value;
					cell.version = current.version;
					writerStats.acks.push({ ...cell });
				} else {
					writerStats.unexplainedConflicts++;
					cell.value = current.value;
					cell.version = current.version;
				}
				break;
			}
			const message = `${result.kind} ${result.status}: ${
				result.kind === 'error' ? result.message : String(result.data.message ?? '')
			}`;
			writerStats.refused[message] = (writerStats.refused[message] ?? 0) + 1;
			break;
		}
	}
}

// ─── Readers and the health sampler ──────────────────────────────────────────────────────────

const readerStats = {
	requests: 0,
	non2xx: {} as Record<string, number>,
	latencies: [] as number[]
};
const healthLatencies: number[] = [];
let publishedSecond = false;

async function reader(r: number, until: () => boolean) {
	const paths = [
		`/api/v1/periods/${YEAR.published}/results`,
		`/api/v1/periods/${YEAR.published}/results.csv`,
		'/api/v1/periods'
	];
	for (let i = 0; i < 100_000 && !until(); i++) {
		const path =
			publishedSecond && i % 4 === 3
				? `/api/v1/periods/${YEAR.toPublish}/results`
				: paths[(i + r) % paths.length]!;
		const res = await get(path);
		if (!res) {
			await sleep(100);
			continue;
		}
		readerStats.requests++;
		readerStats.latencies.push(res.ms);
		if (res.status !== 200) {
			const key = `${path} ${res.status}`;
			readerStats.non2xx[key] = (readerStats.non2xx[key] ?? 0) + 1;
		}
		await sleep(10);
	}
}

/**
 * One health request every 50 ms on a fixed schedule, not waiting for the previous answer: a
 * server that stalls for 5 s shows 100 slow samples, not one (no coordinated omission). Requests
 * still unanswered when the server is killed are connection errors, not samples.
 */
async function healthSampler(until: () => boolean) {
	const inFlight = new Set<Promise<void>>();
	for (let i = 0; i < 100_000 && !until(); i++) {
		if (!target.down && inFlight.size < 1000) {
			const sample: Promise<void> = get('/api/v1/health').then((res) => {
				if (res?.status === 200) healthLatencies.push(res.ms);
				inFlight.delete(sample);
			});
			inFlight.add(sample);
		}
		await sleep(50);
	}
	await Promise.all(inFlight);
}

// ─── Import and publish, as a user does them ─────────────────────────────────────────────────

/** A report table as CSV in the app's tick marks. */
function csvOf(matrix: ParsedMatrix): string {
	const lines = [['No', 'OPD', ...matrix.headers].join(',')];
	for (const row of matrix.rows)
		lines.push(
			[
				String(row.number),
				row.name,
				...row.cells.map((c) =>
					c.notApplicable ? MARK.notApplicable : c.value === 1 ? MARK.present : MARK.absent
				)
			].join(',')
		);
	return lines.join('\r\n') + '\r\n';
}

interface Preview {
	year: number;
	token: string;
	digest: string;
	needsAbsentAck: boolean;
	counts: { rows: number; cells: number; errors: number };
}

async function previewImport(cookie: string, year: number, csv: string): Promise<Preview> {
	const t = performance.now();
	const preview = await previewOnce(cookie, year, csv);
	log(
		`import ${year}: preview of ${preview.counts.rows} rows in ${round(performance.now() - t)} ms`
	);
	return preview;
}

async function previewOnce(cookie: string, year: number, csv: string): Promise<Preview> {
	for (let attempt = 0; attempt < 50; attempt++) {
		const body = new FormData();
		body.set('year', String(year));
		body.set('file', new File([csv], `soak-${year}.csv`, { type: 'text/csv' }));
		const result = await action('/impor?/preview', cookie, body);
		if (result.kind === 'success') {
			const preview = result.data.preview as Preview;
			if (preview.counts.errors) throw new Error(`import preview ${year}: errors in the file`);
			return preview;
		}
		if (result.kind === 'down') {
			await sleep(200);
			continue;
		}
		throw new Error(`import preview ${year} refused: ${JSON.stringify(result).slice(0, 400)}`);
	}
	throw new Error(`import preview ${year}: server unreachable`);
}

/** Confirms a preview; a preview refreshed by the server (data changed meanwhile) is confirmed again. */
async function commitImport(cookie: string, preview: Preview) {
	const t = performance.now();
	const result = await commitOnce(cookie, preview);
	log(`import ${preview.year}: confirm answered in ${round(performance.now() - t)} ms`);
	return result;
}

async function commitOnce(cookie: string, preview: Preview) {
	let current = preview;
	for (let attempt = 0; attempt < 3; attempt++) {
		const body = new FormData();
		body.set('token', current.token);
		body.set('digest', current.digest);
		if (current.needsAbsentAck) body.set('ackAbsent', 'yes');
		const result = await action('/impor?/commit', cookie, body);
		if (result.kind === 'success' && result.data.committed)
			return result.data.committed as { year: number; cellsWritten: number; opdsCreated: number };
		if (result.kind === 'failure' && result.data.preview) {
			log(
				`import ${current.year}: the server showed the preview again: ${String(result.data.message)}`
			);
			current = result.data.preview as Preview;
			continue;
		}
		return result;
	}
	throw new Error('import commit: the preview kept changing');
}

async function publishOverHttp(cookie: string, year: number) {
	const body = new URLSearchParams({ to: 'published', confirm: 'ya' });
	const result = await action(`/penilaian/${year}?/transition`, cookie, body);
	if (result.kind !== 'success' || result.data.moved !== 'published')
		throw new Error(`publish ${year} refused: ${JSON.stringify(result).slice(0, 400)}`);
}

// ─── The kill ─────────────────────────────────────────────────────────────────────────────────

/**
 * Whether some connection holds the database's write lock right now: a write transaction tried
 * with no busy timeout fails at once if so. Cell saves hold it for a millisecond or two; an
 * import commit for its whole transaction.
 */
async function writeLockHeld(probe: Client): Promise<boolean> {
	try {
		const tx = await probe.transaction('write');
		await tx.rollback();
		return false;
	} catch (e) {
		if (/SQLITE_BUSY|database is locked/i.test(String((e as Error)?.message ?? e))) return true;
		throw e;
	}
}

/**
 * Sends the import's confirm and kills the server (SIGKILL) once its write transaction has held
 * the lock for a while: in the middle of the commit. Reports whether the answer came first.
 */
async function commitAndKill(server: Server, dbPath: string, cookie: string, preview: Preview) {
	const probe = createClient({ url: `file:${dbPath}`, timeout: 0 });
	let answered = false;
	const commit = commitImport(cookie, preview).then((r) => {
		answered = true;
		return r;
	});
	const started = performance.now();
	let held = 0;
	let lockSeenMs = 0;
	try {
		while (!answered && performance.now() - started < 120_000) {
			held = (await writeLockHeld(probe)) ? held + 1 : 0;
			// About 100 ms of continuous lock: far longer than any cell save's group commit.
			if (held === 1) lockSeenMs = performance.now();
			if (held >= 8) break;
			await sleep(12);
		}
	} finally {
		probe.close();
	}
	const killedAfterLockMs = round(performance.now() - lockSeenMs);
	const killedMidCommit = !answered;
	if (killedMidCommit) {
		target.down = true;
		process.kill(server.pid, 'SIGKILL');
		log(`kill -9 ${server.pid}, ${killedAfterLockMs} ms into the import's write transaction`);
	} else {
		log('the import answered before the kill: not killed mid-commit');
	}
	const result = await commit;
	return { killedMidCommit, killedAfterLockMs, answer: result };
}

// ─── Checks on the database file ─────────────────────────────────────────────────────────────

async function bigImportState(client: Client, rows: number) {
	const one = async (sql: string, args: (number | string)[] = []) =>
		Number((await client.execute({ sql, args })).rows[0]?.[0] ?? 0);
	const periodId = await one('SELECT id FROM periods WHERE year = ?', [YEAR.bigImport]);
	const opdsCreated = await one(
		"SELECT count(*) FROM opds WHERE name LIKE 'Kelurahan Uji Coba Nomor %'"
	);
	const roster = periodId
		? await one('SELECT count(*) FROM period_opds WHERE period_id = ?', [periodId])
		: 0;
	const cells = periodId
		? await one('SELECT count(*) FROM assessments WHERE period_id = ?', [periodId])
		: 0;
	const none = !periodId && opdsCreated === 0;
	const all = !!periodId && opdsCreated === rows && roster === rows && cells === rows * BIG_COLUMNS;
	return { present: !!periodId, opdsCreated, roster, cells, none, all };
}

async function verifySaves(client: Client, workPeriodId: number) {
	const audit = await client.execute({
		sql: `SELECT entity_id, json_extract(after, '$.version') AS version,
		        json_extract(after, '$.value') AS value, json_extract(after, '$.notApplicable') AS na
		      FROM audit_events WHERE action = 'cell.set' AND period_id = ?`,
		args: [workPeriodId]
	});
	const audited = new Map<string, number>();
	for (const r of audit.rows)
		audited.set(
			`${r.entity_id}@${r.version}`,
			Number(r.na) ? -1 : r.value === null ? -2 : Number(r.value)
		);
	const current = await client.execute({
		sql: 'SELECT opd_id, indicator_id, value, not_applicable, version FROM assessments WHERE period_id = ?',
		args: [workPeriodId]
	});
	const cellNow = new Map<string, { value: number; version: number }>();
	for (const r of current.rows)
		cellNow.set(`${r.opd_id}:${r.indicator_id}`, {
			value: Number(r.not_applicable) ? -1 : r.value === null ? -2 : Number(r.value),
			version: Number(r.version)
		});
	const last = new Map<string, Ack>();
	for (const a of writerStats.acks) last.set(`${a.opdId}:${a.indicatorId}`, a);
	let found = 0;
	const lost: Ack[] = [];
	for (const a of writerStats.acks) {
		const key = `${a.opdId}:${a.indicatorId}`;
		const inAudit = audited.get(`${workPeriodId}:${key}@${a.version}`) === a.value;
		const isLast = last.get(key) === a;
		const now = cellNow.get(key);
		const inCell = !isLast || (now?.value === a.value && now.version === a.version);
		if (inAudit && inCell) found++;
		else lost.push(a);
	}
	return { found, lost };
}

// ─── The run ──────────────────────────────────────────────────────────────────────────────────

let hardDeadline = Number.POSITIVE_INFINITY;

async function main() {
	const dir = mkdtempSync(join(tmpdir(), 'monev-soak-'));
	const dbPath = join(dir, 'soak.db');
	const url = `file:${dbPath}`;
	const runStarted = performance.now();
	let server: Server | undefined;
	try {
		if (!flags['no-build']) {
			log('building…');
			execSync('npx vite build', { stdio: ['ignore', 'ignore', 'inherit'] });
		}

		// Setup, in process: a published year (read), a year under evaluation (written), a final
		// year (published during the soak), an admin who imports and publishes, 20 evaluators who write.
		const setup = openDb(url);
		await prepareDb(setup);
		const scale = {
			name: 'city' as const,
			opds: CONFIG.opds,
			indicators: CONFIG.indicators,
			years: 1
		};
		for (const [i, year] of [YEAR.published, YEAR.work, YEAR.toPublish].entries()) {
			const outcome = await importMatrix(
				{ year, matrix: syntheticYear(scale, i), actor: SYSTEM_ACTORS.cli, source: 'soak' },
				setup
			);
			if (!outcome.ok) throw new Error(outcome.errors[0]?.message);
		}
		await publish((await getByYear(YEAR.published, setup))!.id, SYSTEM_ACTORS.cli, setup);
		await setup.update(periods).set({ status: 'evaluation' }).where(eq(periods.year, YEAR.work));
		await setup.update(periods).set({ status: 'final' }).where(eq(periods.year, YEAR.toPublish));
		const workPeriodId = (await getByYear(YEAR.work, setup))!.id;
		const users = [
			'soak-lead',
			...Array.from({ length: WRITERS }, (_, w) => `soak-writer-${w + 1}`)
		];
		for (const username of users)
			await create(
				{
					username,
					password: BENCH_PASSWORD,
					displayName: username,
					// Only an admin may create a year by import; the writers are evaluators.
					role: username === 'soak-lead' ? 'admin' : 'evaluator'
				},
				SYSTEM_ACTORS.cli,
				setup
			);
		const cells = await setup
			.select({
				opdId: assessments.opdId,
				indicatorId: assessments.indicatorId,
				value: assessments.value,
				notApplicable: assessments.notApplicable,
				version: assessments.version
			})
			.from(assessments)
			.where(eq(assessments.periodId, workPeriodId));
		setup.$client.close();
		// Each writer on its own OPDs' cells, as evaluators split the work.
		const opdIds = [...new Set(cells.map((c) => c.opdId))].sort((a, b) => a - b);
		const owner = new Map(opdIds.map((id, i) => [id, i % WRITERS]));
		const own: CellState[][] = Array.from({ length: WRITERS }, () => []);
		for (const c of cells)
			own[owner.get(c.opdId)!]!.push({
				opdId: c.opdId,
				indicatorId: c.indicatorId,
				value: c.notApplicable ? -1 : (c.value ?? -2),
				version: c.version
			});
		log(`setup: ${cells.length} cells under evaluation, ${users.length} accounts`);

		server = await startServer(url);
		target.url = server.url;
		// One after another: the login throttle counts concurrent attempts from one address.
		const cookies: string[] = [];
		for (const u of users) cookies.push((await signInAs(target.url, u)).value);
		const [lead, ...writerCookies] = cookies;

		const loadStarted = performance.now();
		hardDeadline = Date.now() + LOAD_BUDGET_MS;
		let stopping = false;
		const until = () => stopping || Date.now() > hardDeadline;
		const background = [
			...writerCookies.map((c, w) => writer(w, c, own[w]!, until)),
			reader(0, until),
			reader(1, until),
			healthSampler(until)
		];
		log(`load: ${WRITERS} writers, 2 readers, health sampler on ${target.url}`);

		// A publish and a small import, together, while the writers write.
		await sleep(2_000);
		const smallCsv = csvOf(syntheticYear({ ...scale, opds: CONFIG.smallRows }, 3, 4242));
		const t0 = performance.now();
		const [, small] = await Promise.all([
			publishOverHttp(lead!, YEAR.toPublish).then(() => {
				publishedSecond = true;
				log(`published ${YEAR.toPublish} over HTTP in ${round(performance.now() - t0)} ms`);
			}),
			(async () => commitImport(lead!, await previewImport(lead!, YEAR.smallImport, smallCsv)))()
		]);
		if (!('cellsWritten' in small) || small.cellsWritten !== CONFIG.smallRows * CONFIG.indicators)
			throw new Error(`small import failed: ${JSON.stringify(small).slice(0, 300)}`);
		log(
			`imported ${YEAR.smallImport} (${small.cellsWritten} cells) in ${round(performance.now() - t0)} ms`
		);

		// The big import: previewed, then killed in the middle of its commit.
		const bigText = bigCsv(CONFIG.importRows);
		const bigPreview = await previewImport(lead!, YEAR.bigImport, bigText);
		log(
			`previewed ${YEAR.bigImport}: ${bigPreview.counts.rows} rows, ${bigPreview.counts.cells} cells`
		);
		const wait = CONFIG.minBeforeMs - (performance.now() - loadStarted);
		if (wait > 0) await sleep(wait);
		const killed = await commitAndKill(server, dbPath, lead!, bigPreview);
		const downAt = performance.now();
		await server.stop(); // reaps the killed process (or stops one that answered first)

		const inspect = createClient({ url });
		const afterKill = await bigImportState(inspect, CONFIG.importRows);
		inspect.close();
		log('after the kill:', afterKill);

		server = await startServer(url, server.port);
		target.down = false;
		const downtimeMs = round(performance.now() - downAt);
		log(`restarted on the same file in ${downtimeMs} ms; writers resume`);

		// The user uploads again (the preview died with the server) and confirms.
		const tRe = performance.now();
		const rerun = await commitImport(lead!, await previewImport(lead!, YEAR.bigImport, bigText));
		log(
			`import ${YEAR.bigImport} again: ${JSON.stringify(rerun).slice(0, 200)} in ${round(performance.now() - tRe)} ms`
		);
		await sleep(CONFIG.afterMs);
		stopping = true;
		await Promise.all(background);
		const loadMs = performance.now() - loadStarted;
		await server.stop();
		server = undefined;

		// The verdict, from the file.
		const check = createClient({ url });
		const integrity = await check.execute('PRAGMA integrity_check');
		const integrityOk = integrity.rows.length === 1 && integrity.rows[0]?.[0] === 'ok';
		const finalImport = await bigImportState(check, CONFIG.importRows);
		const saves = await verifySaves(check, workPeriodId);
		check.close();
		const rerunOk =
			typeof rerun === 'object' && 'cellsWritten' in rerun
				? afterKill.all || rerun.cellsWritten === CONFIG.importRows * BIG_COLUMNS
				: false;
		const importAtomic = (afterKill.none || afterKill.all) && rerunOk && finalImport.all;
		for (const a of saves.lost.slice(0, 10)) log('LOST', a);

		const figures = {
			savesAcknowledged: writerStats.acks.length,
			savesFound: saves.found,
			lostWrites: saves.lost.length,
			integrityOk,
			healthP99Ms: round(percentile(healthLatencies, 99)),
			errors5xx: counters.errors5xx,
			importAtomic,
			killedMidCommit: killed.killedMidCommit,
			killedImportLeft: afterKill.none ? 'nothing' : afterKill.all ? 'everything' : 'PART',
			downtimeMs,
			healthP50Ms: round(percentile(healthLatencies, 50)),
			healthMaxMs: round(Math.max(0, ...healthLatencies)),
			healthSamples: healthLatencies.length,
			saveP50Ms: round(percentile(writerStats.latencies, 50)),
			saveP99Ms: round(percentile(writerStats.latencies, 99)),
			savesInDoubtLanded: writerStats.inDoubtLanded,
			savesInDoubtRetried: writerStats.inDoubtRetried,
			unexplainedConflicts: writerStats.unexplainedConflicts,
			refused: Object.values(writerStats.refused).reduce((a, b) => a + b, 0),
			reads: readerStats.requests,
			readP99Ms: round(percentile(readerStats.latencies, 99)),
			readsNon2xx: Object.values(readerStats.non2xx).reduce((a, b) => a + b, 0),
			connectionErrors: counters.connectionErrors,
			unreadableAnswers: Object.values(counters.unreadable).reduce((a, b) => a + b, 0),
			killedAfterLockMs: killed.killedAfterLockMs,
			loadSeconds: round(loadMs / 1000),
			machineLoad1m: round(loadavg()[0] ?? 0),
			totalSeconds: round((performance.now() - runStarted) / 1000)
		};
		if (Object.keys(counters.errorPaths).length) log('5xx:', counters.errorPaths);
		if (Object.keys(writerStats.refused).length) log('refused saves:', writerStats.refused);
		if (Object.keys(counters.unreadable).length) log('unreadable answers:', counters.unreadable);
		if (Object.keys(readerStats.non2xx).length) log('non-2xx reads:', readerStats.non2xx);
		if (!quick) writeSoakMd(figures);
		console.log(JSON.stringify(figures));
		if (figures.lostWrites > 0 || !integrityOk || !importAtomic) process.exitCode = 1;
	} finally {
		await server?.stop().catch(() => undefined);
		rmSync(dir, { recursive: true, force: true });
	}
}

function writeSoakMd(figures: Record<string, unknown>) {
	const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${round(totalmem() / 2 ** 30, 1)} GiB, Node ${process.version}`;
	const lines = [
		'# Soak run',
		'',
		`Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine} by \`npm run soak\``,
		`(full run: ${CONFIG.opds} OPDs × ${CONFIG.indicators} indicators under evaluation, ${WRITERS} cell writers,`,
		`2 public API readers, health sampled every 50 ms, a publish and a ${CONFIG.smallRows}-row import together, then`,
		`a ${CONFIG.importRows}-row import of a new year killed with SIGKILL mid-commit, restart, the import again).`,
		'',
		`Load average at the end of the run: ${loadavg()
			.map((x) => round(x))
			.join(', ')} (other jobs shared the machine): the latency figures measure the`,
		'contention as much as the app; the correctness figures (lost writes, integrity, atomicity) do not depend on it.',
		'',
		'| figure | value |',
		'| --- | --- |',
		...Object.entries(figures).map(([k, v]) => `| \`${k}\` | ${String(v)} |`),
		'',
		'Progress (stderr of the run):',
		'',
		'```',
		...progress,
		'```',
		'',
		'Last line of the run:',
		'',
		'```json',
		JSON.stringify(figures),
		'```',
		''
	];
	writeFileSync('bench/SOAK.md', lines.join('\n'));
	log('wrote bench/SOAK.md');
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
