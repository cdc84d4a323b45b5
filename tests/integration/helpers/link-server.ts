import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The body of /ok, and its SHA-256 as the checker must report it. */
export const OK_BODY =
	'<!doctype html><html><head><title> Daftar Informasi &amp; Publik </title></head><body>DIP</body></html>';
export const OK_SHA256 = createHash('sha256').update(OK_BODY).digest('hex');

/**
 * A local HTTP server on 127.0.0.1 (an ephemeral port) serving the cases a link check meets:
 * /ok (200, HTML title), /missing (404), /broken (500), /loop-a ↔ /loop-b (redirect loop),
 * /chain/3 → /chain/2 → /chain/1 → /ok (redirect chain), /slow (answers after `slowMs`),
 * /huge (an endless body), /many/N (N redirects in a row). Nothing reaches the internet.
 * `hugeBytesSent` tells how much of /huge was written before the client stopped reading.
 */
export async function startLinkServer(slowMs = 2_000) {
	const state = { hugeBytesSent: 0, requests: [] as string[] };
	const timers = new Set<NodeJS.Timeout>();
	const server: Server = createServer((req, res) => {
		const path = req.url ?? '/';
		state.requests.push(path);
		const chain = /^\/chain\/(\d+)$/.exec(path);
		const many = /^\/many\/(\d+)$/.exec(path);
		if (path === '/ok') {
			res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
			res.end(OK_BODY);
		} else if (path === '/missing') {
			res.writeHead(404, { 'content-type': 'text/html' });
			res.end('<title>Tidak ditemukan</title>');
		} else if (path === '/broken') {
			res.writeHead(500);
			res.end('error');
		} else if (path === '/loop-a' || path === '/loop-b') {
			res.writeHead(302, { location: path === '/loop-a' ? '/loop-b' : '/loop-a' });
			res.end();
		} else if (chain) {
			const n = Number(chain[1]);
			res.writeHead(301, { location: n > 1 ? `/chain/${n - 1}` : '/ok' });
			res.end();
		} else if (many) {
			const n = Number(many[1]);
			res.writeHead(302, { location: n > 0 ? `/many/${n - 1}` : '/ok' });
			res.end();
		} else if (path === '/slow') {
			const t = setTimeout(() => {
				timers.delete(t);
				res.writeHead(200, { 'content-type': 'text/plain' });
				res.end('late');
			}, slowMs);
			timers.add(t);
		} else if (path === '/huge') {
			res.writeHead(200, { 'content-type': 'application/octet-stream' });
			const chunk = Buffer.alloc(64 * 1024, 'a');
			const pump = () => {
				while (!res.destroyed && state.hugeBytesSent < 1024 ** 3) {
					state.hugeBytesSent += chunk.length;
					if (!res.write(chunk)) return void res.once('drain', pump);
				}
				if (!res.destroyed) res.end();
			};
			res.on('close', () => {});
			pump();
		} else {
			res.writeHead(404);
			res.end();
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		base: `http://127.0.0.1:${port}`,
		state,
		async close() {
			for (const t of timers) clearTimeout(t);
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	};
}
