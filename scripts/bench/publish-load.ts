/**
 * What other users feel while a nation-scale year is published: an admin publishes it through
 * the real /admin/periode form while `/api/v1/health` is sampled every 50 ms, with the server's
 * own event-loop delay over the same span, after opening the period page as the admin does.
 * Run once with the publish on the main thread (MONEV_PUBLISH_THREAD=0, the way it ran before)
 * and once in its worker thread.
 */
import { eq } from 'drizzle-orm';
import type { DB } from '../../src/lib/server/db';
import { periods } from '../../src/lib/server/db/schema';
import { action, loop, sampleHealth, startMeasuredServer } from './import-load';
import { signInAs } from './session';
import { percentile, round } from './stats';

export interface PublishLoad {
	publishMs: number;
	healthP99Ms: number;
	healthMaxMs: number;
	healthSamples: number;
	eventLoopP99Ms: number | null;
	eventLoopMaxMs: number | null;
}

/** Opens /admin/periode as the admin does before publishing, and reads it for a second. */
export async function openPeriodsPage(url: string, cookie: string): Promise<void> {
	const page = await fetch(`${url}/admin/periode`, { headers: { cookie: `session=${cookie}` } });
	if (!page.ok) throw new Error(`/admin/periode answered ${page.status}`);
	await new Promise((r) => setTimeout(r, 1000));
}

/** Publishes `year` (set back to final first) over HTTP on a fresh server, health sampled. */
export async function publishUnderLoad(
	databaseUrl: string,
	db: DB,
	year: number,
	inThread: boolean
): Promise<PublishLoad> {
	await db.update(periods).set({ status: 'final' }).where(eq(periods.year, year));
	const server = await startMeasuredServer(
		databaseUrl,
		20_000 + Math.floor(Math.random() * 20_000),
		'.',
		inThread ? {} : { MONEV_PUBLISH_THREAD: '0' }
	);
	try {
		const cookie = (await signInAs(server.url, 'bench-admin')).value;
		// The admin opens the period page (its publish thread starts then) and reads it a second.
		await openPeriodsPage(server.url, cookie);
		await loop(server.url, true);
		const body = new FormData();
		body.set('year', String(year));
		body.set('to', 'published');
		body.set('confirm', 'ya');
		const t = performance.now();
		const work = action(server.url, '/admin/periode?/transition', cookie, body).then((r) => {
			if (!r.data.moved) throw new Error(`publish refused: ${JSON.stringify(r).slice(0, 300)}`);
			return performance.now() - t;
		});
		const [latencies, publishMs] = await Promise.all([sampleHealth(server.url, work), work]);
		const delay = await loop(server.url);
		return {
			publishMs: round(publishMs),
			healthP99Ms: round(percentile(latencies, 99)),
			healthMaxMs: round(Math.max(0, ...latencies)),
			healthSamples: latencies.length,
			eventLoopP99Ms: delay?.p99Ms ?? null,
			eventLoopMaxMs: delay?.maxMs ?? null
		};
	} finally {
		await server.stop();
	}
}

export interface CityPublish {
	/** In its thread: the first publish after a server start, no page opened before. */
	coldMs: number;
	/** In its thread, after the period page was opened (its thread started ahead of need). */
	warmMs: number;
	/** In its thread again: the thread kept after the previous publish. */
	keptMs: number;
	/** On the main thread (MONEV_PUBLISH_THREAD=0): the floor, two publishes. */
	inPlaceMs: number[];
}

/** Publishes `year` once through the /admin/periode form (set back to final first). */
export async function publishOnce(
	url: string,
	db: DB,
	year: number,
	cookie: string
): Promise<number> {
	await db.update(periods).set({ status: 'final' }).where(eq(periods.year, year));
	const body = new FormData();
	body.set('year', String(year));
	body.set('to', 'published');
	body.set('confirm', 'ya');
	const t = performance.now();
	const r = await action(url, '/admin/periode?/transition', cookie, body);
	if (!r.data.moved) throw new Error(`publish refused: ${JSON.stringify(r).slice(0, 300)}`);
	return round(performance.now() - t);
}

/**
 * What an admin waits for when publishing a city year over HTTP: a thread started on the request,
 * one started when the period page was opened, one kept after a publish, and in place.
 */
export async function publishCity(databaseUrl: string, db: DB, year: number): Promise<CityPublish> {
	const port = () => 20_000 + Math.floor(Math.random() * 20_000);
	const first = await startMeasuredServer(databaseUrl, port());
	let cold: number, warm: number, kept: number;
	try {
		cold = await publishOnce(first.url, db, year, (await signInAs(first.url, 'bench-admin')).value);
	} finally {
		await first.stop();
	}
	// A new server, no thread yet: open the page as the admin does, read it for a second, send.
	const server = await startMeasuredServer(databaseUrl, port());
	try {
		const cookie = (await signInAs(server.url, 'bench-admin')).value;
		// The page offers "Publikasikan" for a final year only: the year is final when it opens.
		await db.update(periods).set({ status: 'final' }).where(eq(periods.year, year));
		await openPeriodsPage(server.url, cookie);
		warm = await publishOnce(server.url, db, year, cookie);
		kept = await publishOnce(server.url, db, year, cookie);
	} finally {
		await server.stop();
	}
	const inPlace = await startMeasuredServer(databaseUrl, port(), '.', {
		MONEV_PUBLISH_THREAD: '0'
	});
	try {
		const cookie = (await signInAs(inPlace.url, 'bench-admin')).value;
		const inPlaceMs = [
			await publishOnce(inPlace.url, db, year, cookie),
			await publishOnce(inPlace.url, db, year, cookie)
		];
		return { coldMs: cold, warmMs: warm, keptMs: kept, inPlaceMs };
	} finally {
		await inPlace.stop();
	}
}
