import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.listen(0, '127.0.0.1', () => {
			const address = srv.address();
			srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
		srv.on('error', reject);
	});
}

export interface Server {
	url: string;
	port: number;
	pid: number;
	/** Peak resident memory so far (VmHWM), in MB. */
	peakRssMb(): number;
	stop(): Promise<void>;
}

/**
 * Starts the built app on a database, without the demo seed; on `port` when given (a restart on
 * the address the clients already use), else on a free one.
 */
export async function startServer(databaseUrl: string, port?: number): Promise<Server> {
	port ??= await freePort();
	const child = spawn(process.execPath, ['scripts/start.js'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			DATABASE_URL: databaseUrl,
			SEED_DEMO: '0',
			ORIGIN: `http://127.0.0.1:${port}`
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	const url = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 60_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
		try {
			if ((await fetch(`${url}/api/v1/health`)).ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) throw new Error('server did not start');
		await new Promise((r) => setTimeout(r, 100));
	}
	return {
		url,
		port,
		pid: child.pid!,
		peakRssMb() {
			const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
			const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
			return Math.round(kb / 1024);
		},
		async stop() {
			// A process already ended (also by a signal: then exitCode stays null) is not waited for.
			if (child.exitCode !== null || child.signalCode !== null) return;
			child.kill('SIGTERM');
			await new Promise((r) => child.once('exit', r));
		}
	};
}
