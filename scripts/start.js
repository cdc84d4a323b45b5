// Starts the built app (build/) with safe defaults: port 3000 and the embedded database
// file data/monev.db, which is migrated and, when empty, loaded with the demo years on start.
//
// Served directly (no ORIGIN and no PROTOCOL_HEADER set), adapter-node would take every request
// for https:// and refuse every form post from http://localhost:3000 as cross-site. Here the
// server itself says which scheme the client used: it answers plain HTTP, so it stamps each
// request with a private header adapter-node reads as the protocol. A client-sent value of that
// header is overwritten, and the host comes from the Host header the browser sent, so the app
// works at localhost and at the machine's LAN address alike. Behind a reverse proxy set ORIGIN
// (or PROTOCOL_HEADER/HOST_HEADER) and adapter-node's own server runs unchanged.
import { createServer } from 'node:http';

process.env.PORT ||= '3000';
process.env.DATABASE_URL ||= 'file:data/monev.db';
process.env.BODY_SIZE_LIMIT ||= '10M';

const SCHEME_HEADER = 'x-monev-direct-scheme';
const direct = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;

if (!direct) {
	await import('../build/index.js');
} else {
	process.env.PROTOCOL_HEADER = SCHEME_HEADER;
	const { handler } = await import('../build/handler.js');
	const host = process.env.HOST || '0.0.0.0';
	const port = Number(process.env.PORT);
	const server = createServer((req, res) => {
		req.headers[SCHEME_HEADER] = 'http';
		handler(req, res, () => {
			res.statusCode = 404;
			res.end('Not found');
		});
	});
	server.listen(port, host, () => {
		console.log(`Listening on http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`);
	});
	const stop = () => {
		server.close(() => process.exit(0));
		server.closeIdleConnections();
		// Requests still running after 30 s are cut, as adapter-node's SHUTDOWN_TIMEOUT does.
		setTimeout(() => process.exit(0), 30_000).unref();
	};
	process.once('SIGTERM', stop);
	process.once('SIGINT', stop);
}
