import { and, eq } from 'drizzle-orm';
import { db, type Conn } from '../db';
import { periods, publishedFiles } from '../db/schema';
import { awardParagraphs, groupOfficialAwards } from '../../insights/report';
import {
	buildOpdPage,
	opdYearPage,
	type CellDetail,
	type OpdHistoryPoint,
	type OpdPage
} from '../../insights/opd-page';
import type { OpdResult } from '../../scoring/types';
import { tablesToXlsx } from './export';
import { readOpdFile } from './opd-file';
import {
	MARK_TEXT,
	matrixTable,
	methodData,
	resultsTable,
	opdFileName,
	type PublicStandings,
	type FileName,
	type PublicMethodData,
	type PublicPageData
} from './published-files';
import { publishedView, publishedYears } from './results';
import { publishedYearViews } from './year-views';
import type { NotRatedView } from './view';
import { splitNotRated } from '../../workflow/not-rated';

export interface Representation {
	body: string;
	etag: string;
}

/**
 * Published files never change under the same ETag, so bodies are kept in memory by ETag (up to
 * a byte budget); only the ETag is looked up per request, and that answer is kept for two seconds.
 * A year published again gets new ETags, so at most two seconds pass before it is served.
 */
const BODY_BUDGET = 64 * 2 ** 20;
const ETAG_TTL_MS = 2000;

interface Cache {
	bodies: Map<string, string>;
	bytes: number;
	etags: Map<string, { etag: string | null; at: number }>;
	/** Parsed JSON files by ETag. */
	parsed: Map<string, unknown>;
	/** Public workbooks by ETag. */
	workbooks: Map<string, Uint8Array>;
}

/** One cache per database handle, so two databases in one process never share answers. */
const caches = new WeakMap<Conn, Cache>();
function cacheOf(conn: Conn): Cache {
	let cache = caches.get(conn);
	if (!cache)
		caches.set(
			conn,
			(cache = {
				bodies: new Map(),
				bytes: 0,
				etags: new Map(),
				parsed: new Map(),
				workbooks: new Map()
			})
		);
	return cache;
}

async function etagOfFile(year: number, name: string, conn: Conn): Promise<string | null> {
	const { etags } = cacheOf(conn);
	const key = `${year}/${name}`;
	const hit = etags.get(key);
	if (hit && Date.now() - hit.at < ETAG_TTL_MS) return hit.etag;
	const [row] = await conn
		.select({ etag: publishedFiles.etag })
		.from(publishedFiles)
		.innerJoin(periods, eq(periods.id, publishedFiles.periodId))
		.where(and(eq(periods.year, year), eq(publishedFiles.name, name)))
		.limit(1);
	const etag = row?.etag ?? null;
	etags.set(key, { etag, at: Date.now() });
	return etag;
}

/** A published file of a year, or null when the year is not published. */
export async function publishedFile(
	year: number,
	name: FileName | `opd/${string}.json`,
	conn: Conn = db()
): Promise<Representation | null> {
	const etag = await etagOfFile(year, name, conn);
	if (!etag) return null;
	const cache = cacheOf(conn);
	let body = cache.bodies.get(etag);
	if (body === undefined) {
		const [row] = await conn
			.select({ body: publishedFiles.body })
			.from(publishedFiles)
			.where(eq(publishedFiles.etag, etag))
			.limit(1);
		if (!row) return null;
		body = row.body;
		if (cache.bytes + body.length > BODY_BUDGET) {
			cache.bodies.clear();
			cache.parsed.clear();
			cache.workbooks.clear();
			cache.bytes = 0;
		}
		cache.bodies.set(etag, body);
		cache.bytes += body.length;
	}
	return { body, etag };
}

const BOM = '\ufeff';

/**
 * A public CSV of a year as served: always with a UTF-8 byte order mark (Excel then reads "√").
 * Files published before the BOM was written get it here, under an ETag of their own, so one
 * ETag always names one body. Null when the year is not published.
 */
export async function publishedCsv(
	year: number,
	name: 'results.csv' | 'matrix.csv',
	conn: Conn = db()
): Promise<Representation | null> {
	const file = await publishedFile(year, name, conn);
	if (!file || file.body.startsWith(BOM)) return file;
	return { body: BOM + file.body, etag: `${file.etag.slice(0, -1)}-bom"` };
}

export interface BinaryRepresentation {
	body: Uint8Array;
	etag: string;
}

/**
 * A public workbook of a year (`results.xlsx`, `matrix.xlsx`): the same rows as the CSV of the
 * same name, written from the published page data and kept in memory under that file's ETag.
 */
export async function publishedXlsx(
	year: number,
	name: 'results.xlsx' | 'matrix.xlsx',
	conn: Conn = db()
): Promise<BinaryRepresentation | null> {
	const source = await publishedFile(year, 'page.json', conn);
	if (!source) return null;
	const etag = `${source.etag.slice(0, -1)}-${name.replace('.', '-')}"`;
	const { workbooks } = cacheOf(conn);
	let body = workbooks.get(etag);
	if (!body) {
		const page = (await publishedPage(year, conn))!;
		const table =
			name === 'results.xlsx' ? resultsTable(page.rows) : matrixTable(page.indicators, page.matrix);
		body = await tablesToXlsx([table]);
		if (workbooks.size >= 32) workbooks.clear();
		workbooks.set(etag, body);
	}
	return { body, etag };
}

/** A published JSON file of a year, parsed once per ETag, or null. */
async function publishedJson<T>(
	year: number,
	name: FileName | `opd/${string}.json`,
	conn: Conn,
	parse: (body: string) => T = (body) => JSON.parse(body) as T
): Promise<T | null> {
	const file = await publishedFile(year, name, conn);
	if (!file) return null;
	const { parsed } = cacheOf(conn);
	let value = parsed.get(file.etag) as T | undefined;
	if (value === undefined) {
		value = parse(file.body);
		parsed.set(file.etag, value);
	}
	return value;
}

/** The public results page's data of a published year, or null. */
export function publishedPage(year: number, conn: Conn = db()): Promise<PublicPageData | null> {
	return publishedJson<PublicPageData>(year, 'page.json', conn);
}

/**
 * The method page's data of a published year, or null. A year published before the method file
 * existed has none: it is worked out from the snapshot then.
 */
export async function publishedMethod(
	year: number,
	conn: Conn = db()
): Promise<PublicMethodData | null> {
	const stored = await publishedJson<PublicMethodData>(year, 'method.json', conn);
	if (stored) return stored;
	const view = await publishedView(year, conn);
	return view ? methodData(view) : null;
}

/**
 * The printable report of a published year (matrix, ranking, award paragraphs), from the public
 * page's data: a year of 25,000 OPDs never has its whole snapshot parsed for it.
 */
export async function publishedReport(year: number, conn: Conn = db()) {
	const page = await publishedPage(year, conn);
	if (!page) return null;
	const names = new Map(page.rows.map((r) => [r.slug, r.opd]));
	const totals = page.rows.map((r) => ({ opd: r.slug, displayTotal: r.percent }));
	const notRatedNames = new Map((page.notRated ?? []).map((o) => [o.slug, o.name]));
	return {
		title: page.title,
		source: page.source,
		decimals: page.decimals,
		table: {
			columns: page.indicators.map((i) => i.label),
			rows: page.matrix.map((m) => ({
				number: m.number,
				name: m.name,
				slug: m.slug,
				marks: [...m.marks].map((c) => MARK_TEXT[c] ?? '')
			}))
		},
		ranking: page.rows,
		awards: awardParagraphs(
			year,
			{ awards: page.awards, opds: totals, rubric: { decimals: page.decimals } },
			names,
			page.officialAwards
		),
		/** Per award group (a period ranked by OPD kind): its awards in a sentence, OPDs left out. */
		awardGroups: (page.awardGroups ?? []).map((g) => ({
			key: g.key,
			label: g.label,
			text: awardParagraphs(
				year,
				{ awards: g.awards, opds: totals, rubric: { decimals: page.decimals } },
				names,
				[]
			).computed,
			notRated: g.notRated.map((slug) => notRatedNames.get(slug) ?? slug),
			notParticipating: (g.notParticipating ?? []).map((slug) => notRatedNames.get(slug) ?? slug)
		})),
		officialSource: page.officialAwards[0]?.source ?? null,
		/** The PPID's award lists, each with its title, source and entries. */
		officialLists: groupOfficialAwards(page.officialAwards),
		notRated: page.notRated ?? [],
		/** The OPDs left out, apart by kind ("tidak dinilai" / "tidak berpartisipasi"). */
		leftOut: splitNotRated(page.notRated ?? [])
	};
}

/**
 * The public page of one OPD in a published year, with its history over every published year,
 * from the small per-OPD files written at publish time (the year's standings give the ranks "if
 * fixed"). A year published before those files existed falls back to the snapshots. Null when
 * the OPD has no published result that year.
 */
export async function publishedOpdPage(
	year: number,
	slug: string,
	details: CellDetail[] = [],
	conn: Conn = db()
): Promise<OpdPage | null> {
	const years = (await publishedYears(conn)).map((y) => y.year);
	if (!years.includes(year)) return null;
	const [standings, methods, own] = await Promise.all([
		publishedJson<PublicStandings>(year, 'standings.json', conn),
		Promise.all(years.map((y) => publishedJson<PublicMethodData>(y, 'method.json', conn))),
		Promise.all(years.map((y) => publishedJson(y, opdFileName(slug), conn, readOpdFile)))
	]);
	if (!standings || methods.some((m) => m === null)) {
		return buildOpdPage(await publishedYearViews(conn), year, slug, details);
	}
	const mine = own[years.indexOf(year)];
	const method = methods[years.indexOf(year)]!;
	if (!mine) return null;
	// Only this OPD's full result is needed; the others count by their totals.
	const opds = standings.totals.map(([opd, displayTotal]) =>
		opd === slug ? mine.result : ({ opd, displayTotal } as OpdResult)
	);
	const history: OpdHistoryPoint[] = years.map((y, i) => {
		const o = own[i]?.result;
		return {
			year: y,
			displayTotal: o?.displayTotal ?? null,
			rank: o?.rank ?? null,
			participants: methods[i]!.participants,
			qualification: o?.qualification ?? null,
			indicatorsMet: o?.indicatorsMet ?? null
		};
	});
	return opdYearPage(
		{
			year,
			title: method.title,
			status: 'published',
			roster: [mine.entry],
			result: { rubric: method.rubric, opds, awards: [] }
		},
		slug,
		history,
		details
	);
}

/**
 * An OPD the team left out of a published year ("tidak dinilai" or "tidak berpartisipasi", its
 * `kind`; absent in years published before the choice), with the reason it was given,
 * or null when the OPD was rated or not in that year's roster. Its public page shows this
 * instead of a score (a year published before the page file existed: from its snapshot).
 */
export async function publishedNotRated(
	year: number,
	slug: string,
	conn: Conn = db()
): Promise<NotRatedView | null> {
	const page = await publishedPage(year, conn);
	const list = page ? (page.notRated ?? []) : ((await publishedView(year, conn))?.notRated ?? []);
	return list.find((o) => o.slug === slug) ?? null;
}

/** The latest published year in which OPD `slug` has a result, or null. */
export async function latestPublishedYearOf(slug: string, conn: Conn = db()) {
	const years = (await publishedYears(conn)).map((y) => y.year).sort((a, b) => b - a);
	for (const year of years) {
		if (await publishedFile(year, opdFileName(slug), conn)) return year;
		// A year published before per-OPD files existed: look in its snapshot.
		if (!(await publishedFile(year, 'standings.json', conn))) {
			const view = await publishedView(year, conn);
			if (view?.result.opds.some((o) => o.opd === slug)) return year;
		}
	}
	return null;
}
