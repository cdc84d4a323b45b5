import { and, eq } from 'drizzle-orm';
import { db, type Conn } from './db';
import { periods, publishedFiles } from './db/schema';
import type { FileName, PublicPageData } from './published-files';

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
	pages: Map<string, PublicPageData>;
}

/** One cache per database handle, so two databases in one process never share answers. */
const caches = new WeakMap<Conn, Cache>();
function cacheOf(conn: Conn): Cache {
	let cache = caches.get(conn);
	if (!cache)
		caches.set(conn, (cache = { bodies: new Map(), bytes: 0, etags: new Map(), pages: new Map() }));
	return cache;
}

async function etagOfFile(year: number, name: FileName, conn: Conn): Promise<string | null> {
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
	name: FileName,
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
			cache.pages.clear();
			cache.bytes = 0;
		}
		cache.bodies.set(etag, body);
		cache.bytes += body.length;
	}
	return { body, etag };
}

/** The public results page's data of a published year, or null. */
export async function publishedPage(
	year: number,
	conn: Conn = db()
): Promise<PublicPageData | null> {
	const file = await publishedFile(year, 'page.json', conn);
	if (!file) return null;
	const { pages } = cacheOf(conn);
	let page = pages.get(file.etag);
	if (!page) {
		page = JSON.parse(file.body) as PublicPageData;
		pages.set(file.etag, page);
	}
	return page;
}
