/**
 * Pure helpers of the evidence link check (src/lib/server/evidence/link-check.ts does the I/O):
 * which URLs may be fetched at all, which addresses count as private, the page title of an HTML
 * body, and the targets of a period's cells. No network, no database.
 */
import { evidenceLinks } from '../evidence';

/** Why a URL is not fetched (Indonesian, shown as the result), or null when it may be. */
export function urlRefusal(raw: string): string | null {
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		return 'bukan alamat web yang sah';
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:')
		return `hanya http:// atau https:// yang diperiksa (bukan ${url.protocol})`;
	if (url.username || url.password) return 'alamat berisi nama pengguna atau kata sandi';
	return null;
}

function ipv4Parts(ip: string): number[] | null {
	const parts = ip.split('.');
	if (parts.length !== 4) return null;
	const nums = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN));
	return nums.every((n) => n >= 0 && n <= 255) ? nums : null;
}

/**
 * Whether an IP address (v4 or v6, as `dns.lookup` gives it) is loopback, private, link-local,
 * carrier-grade NAT, unspecified or multicast: targets a server-side fetch must not reach unless the
 * operator allows it (the tests do, with 127.0.0.1).
 */
export function isPrivateAddress(ip: string): boolean {
	const v4 = ipv4Parts(ip);
	if (v4) {
		const [a, b] = v4 as [number, number, number, number];
		return (
			a === 0 ||
			a === 10 ||
			a === 127 ||
			(a === 100 && b >= 64 && b <= 127) ||
			(a === 169 && b === 254) ||
			(a === 172 && b >= 16 && b <= 31) ||
			(a === 192 && b === 168) ||
			a >= 224
		);
	}
	const v6 = ip.toLowerCase().replace(/^\[|\]$/g, '');
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(v6);
	if (mapped) return isPrivateAddress(mapped[1]!);
	return v6 === '::' || v6 === '::1' || /^f[cd]/.test(v6) || /^fe[89ab]/.test(v6) || /^ff/.test(v6);
}

const ENTITIES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: ' '
};

/** The <title> of an HTML page (entities decoded, white space collapsed, at most 300 chars). */
export function htmlTitle(html: string): string | null {
	const m = /<title[^>]*>([\s\S]*?)<\/title\s*>/i.exec(html);
	if (!m) return null;
	const text = m[1]!
		.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e: string) => {
			if (e[0] === '#') {
				const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1));
				return Number.isFinite(code) && code > 0 && code < 0x110000
					? String.fromCodePoint(code)
					: all;
			}
			return ENTITIES[e.toLowerCase()] ?? all;
		})
		.replace(/\s+/g, ' ')
		.trim();
	return text ? text.slice(0, 300) : null;
}

/** One evidence link to check, with the cell it came from. */
export interface LinkTarget {
	url: string;
	opdId: number;
	indicatorId: number;
}

/**
 * The links of a period's cells, each (cell, URL) once: the evaluator's evidence and the operator's
 * self-assessed evidence both count (a cell may carry several links, one per line).
 */
export function linkTargets(
	cells: {
		opdId: number;
		indicatorId: number;
		evidenceUrl: string | null;
		selfEvidenceUrl: string | null;
	}[]
): LinkTarget[] {
	const seen = new Set<string>();
	const out: LinkTarget[] = [];
	for (const c of cells) {
		for (const url of [...evidenceLinks(c.evidenceUrl), ...evidenceLinks(c.selfEvidenceUrl)]) {
			const key = `${c.opdId}\u0000${c.indicatorId}\u0000${url}`;
			if (seen.has(key)) continue;
			seen.add(key);
			out.push({ url, opdId: c.opdId, indicatorId: c.indicatorId });
		}
	}
	return out;
}

/** "404", "batas waktu", "ditolak": the short label of a result for a badge. */
export function linkStatusLabel(r: { status: number | null; error: string | null }): string {
	if (r.status !== null) return String(r.status);
	return r.error ?? 'gagal';
}
