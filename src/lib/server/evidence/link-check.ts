/**
 * Checks evidence links with Node's fetch: only http(s), a few at a time, a timeout per URL,
 * redirects followed by hand (a limit, loops detected), the body read up to a size cap and hashed
 * (SHA-256: proof of what was there), the <title> of an HTML page kept.
 *
 * Private targets: a server-side fetch of a user-typed URL could reach the intranet (SSRF), so
 * each hop's host is resolved and refused when any address is loopback/private/link-local, unless
 * `allowPrivate` (MONEV_LINKCHECK_ALLOW_PRIVATE=1; the tests use it for 127.0.0.1). The check of the
 * resolved address and fetch's own resolution are separate, so DNS rebinding is not covered.
 */
import { createHash } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { htmlTitle, isPrivateAddress, urlRefusal } from '../../validation/link-check';

export interface LinkCheckOptions {
	/** URLs fetched at the same time. */
	concurrency: number;
	/** Milliseconds for one URL, redirects and body read included. */
	timeoutMs: number;
	/** Redirects followed before giving up. */
	maxRedirects: number;
	/** Bytes of a body read before the read stops (the hash covers what was read). */
	maxBytes: number;
	/** Allow loopback and private-network targets (tests, intranet installations). */
	allowPrivate: boolean;
}

export const DEFAULT_LINK_CHECK: LinkCheckOptions = {
	concurrency: 4,
	timeoutMs: 10_000,
	maxRedirects: 5,
	maxBytes: 2 * 1024 * 1024,
	allowPrivate: false
};

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
	const raw = env[name];
	if (raw === undefined || raw.trim() === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 1)
		throw new Error(`${name} must be a whole number above 0 (got ${JSON.stringify(raw)})`);
	return value;
}

/**
 * The settings: MONEV_LINKCHECK_TIMEOUT_MS, MONEV_LINKCHECK_CONCURRENCY,
 * MONEV_LINKCHECK_MAX_REDIRECTS, MONEV_LINKCHECK_MAX_MB, MONEV_LINKCHECK_ALLOW_PRIVATE=1.
 */
export function readLinkCheckOptions(env: NodeJS.ProcessEnv = process.env): LinkCheckOptions {
	return {
		concurrency: positiveInt(env, 'MONEV_LINKCHECK_CONCURRENCY', DEFAULT_LINK_CHECK.concurrency),
		timeoutMs: positiveInt(env, 'MONEV_LINKCHECK_TIMEOUT_MS', DEFAULT_LINK_CHECK.timeoutMs),
		maxRedirects: positiveInt(
			env,
			'MONEV_LINKCHECK_MAX_REDIRECTS',
			DEFAULT_LINK_CHECK.maxRedirects
		),
		maxBytes: positiveInt(env, 'MONEV_LINKCHECK_MAX_MB', 2) * 1024 * 1024,
		allowPrivate: env.MONEV_LINKCHECK_ALLOW_PRIVATE === '1'
	};
}

export interface LinkResult {
	url: string;
	/** Status of the last response, null when there was none. */
	status: number | null;
	/** A 2xx answer at the end of the redirects. */
	ok: boolean;
	finalUrl: string | null;
	title: string | null;
	sha256: string | null;
	bytes: number;
	truncated: boolean;
	redirects: number;
	/** Why it failed without a usable answer (Indonesian), or null. */
	error: string | null;
	checkedAt: Date;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** The title is looked for in the first bytes only. */
const TITLE_BYTES = 256 * 1024;

class Refused extends Error {}

async function refusePrivate(url: URL): Promise<void> {
	const host = url.hostname.replace(/^\[|\]$/g, '');
	const addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
	const bad = addresses.find(isPrivateAddress);
	if (bad) throw new Refused(`alamat jaringan privat ditolak (${bad})`);
}

/** Reads at most `maxBytes` of a body, hashing as it goes; stops (cancels) beyond that. */
async function readCapped(body: ReadableStream<Uint8Array> | null, maxBytes: number) {
	const hash = createHash('sha256');
	const head: Uint8Array[] = [];
	let bytes = 0;
	let headBytes = 0;
	let truncated = false;
	if (body) {
		const reader = body.getReader();
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			const room = maxBytes - bytes;
			const chunk = value.byteLength > room ? value.subarray(0, room) : value;
			hash.update(chunk);
			bytes += chunk.byteLength;
			if (headBytes < TITLE_BYTES) {
				head.push(chunk);
				headBytes += chunk.byteLength;
			}
			if (value.byteLength >= room) {
				truncated = value.byteLength > room;
				if (!truncated) {
					// Exactly at the cap: one more read tells whether more was coming.
					const next = await reader.read();
					truncated = !next.done;
				}
				if (truncated) await reader.cancel().catch(() => {});
				break;
			}
		}
	}
	return { sha256: hash.digest('hex'), bytes, truncated, head: Buffer.concat(head) };
}

function networkError(e: unknown): string {
	const cause = e instanceof Error && e.cause instanceof Error ? e.cause : e;
	const code = (cause as { code?: unknown })?.code;
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'nama host tidak ditemukan';
	if (code === 'ECONNREFUSED') return 'koneksi ditolak';
	if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'koneksi terputus';
	if (typeof code === 'string' && /CERT|SSL|TLS/.test(code)) return 'sertifikat TLS tidak sah';
	return `gagal terhubung${typeof code === 'string' ? ` (${code})` : ''}`;
}

/** Checks one URL; never throws: every failure is a result with `error`. */
export async function checkUrl(url: string, options: LinkCheckOptions): Promise<LinkResult> {
	const result: LinkResult = {
		url,
		status: null,
		ok: false,
		finalUrl: null,
		title: null,
		sha256: null,
		bytes: 0,
		truncated: false,
		redirects: 0,
		error: null,
		checkedAt: new Date()
	};
	const refusal = urlRefusal(url);
	if (refusal) return { ...result, error: `ditolak: ${refusal}` };
	const controller = new AbortController();
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		controller.abort();
	}, options.timeoutMs);
	try {
		let current = new URL(url);
		const seen = new Set<string>([current.href]);
		for (;;) {
			if (!options.allowPrivate) await refusePrivate(current);
			const res = await fetch(current, {
				redirect: 'manual',
				signal: controller.signal,
				headers: { 'user-agent': 'MonevDIP-LinkCheck/1.0', accept: 'text/html,*/*;q=0.8' }
			});
			result.status = res.status;
			result.finalUrl = current.href;
			const location = res.headers.get('location');
			if (REDIRECTS.has(res.status) && location) {
				await res.body?.cancel().catch(() => {});
				let next: URL;
				try {
					next = new URL(location, current);
				} catch {
					result.error = 'pengalihan ke alamat yang tidak sah';
					return result;
				}
				const refused = urlRefusal(next.href);
				if (refused) {
					result.error = `pengalihan ditolak: ${refused}`;
					return result;
				}
				if (seen.has(next.href)) {
					result.error = 'putaran pengalihan';
					return result;
				}
				if (result.redirects >= options.maxRedirects) {
					result.error = `terlalu banyak pengalihan (lebih dari ${options.maxRedirects})`;
					return result;
				}
				seen.add(next.href);
				result.redirects++;
				current = next;
				continue;
			}
			const body = await readCapped(res.body, options.maxBytes);
			result.sha256 = body.sha256;
			result.bytes = body.bytes;
			result.truncated = body.truncated;
			result.ok = res.status >= 200 && res.status < 300;
			if (/html/i.test(res.headers.get('content-type') ?? ''))
				result.title = htmlTitle(new TextDecoder().decode(body.head));
			return result;
		}
	} catch (e) {
		if (timedOut)
			result.error = `batas waktu habis (${Math.round(options.timeoutMs / 100) / 10} dtk)`;
		else if (e instanceof Refused) result.error = `ditolak: ${e.message}`;
		else result.error = networkError(e);
		result.ok = false;
		return result;
	} finally {
		clearTimeout(timer);
		result.checkedAt = new Date();
	}
}

/** Checks URLs `concurrency` at a time; each distinct URL is fetched once. */
export async function checkUrls(
	urls: string[],
	options: LinkCheckOptions
): Promise<Map<string, LinkResult>> {
	const distinct = [...new Set(urls)];
	const results = new Map<string, LinkResult>();
	let next = 0;
	const worker = async () => {
		while (next < distinct.length) {
			const url = distinct[next++]!;
			results.set(url, await checkUrl(url, options));
		}
	};
	await Promise.all(
		Array.from({ length: Math.max(1, Math.min(options.concurrency, distinct.length)) }, worker)
	);
	return results;
}
