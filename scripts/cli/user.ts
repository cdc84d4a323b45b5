import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import * as v from 'valibot';
import { SYSTEM_ACTORS } from '../../src/lib/server/audit/audit';
import type { DB } from '../../src/lib/server/db';
import * as users from '../../src/lib/server/accounts/users';
import { newPassword } from '../../src/lib/validation/password';
import { displayName, role, username } from '../../src/lib/validation/user';

/** Where the command reads the password and writes its messages; tests pass their own. */
export interface UserCommandIo {
	env: NodeJS.ProcessEnv;
	stdin: Readable & { isTTY?: boolean };
	stderr: Writable;
}

const USAGE = `pemakaian:
  monev user add --username U --role admin|evaluator|operator|pimpinan [--name N] [--opd SLUG]
  monev user passwd --username U
  monev user disable --username U
Kata sandi dibaca dari MONEV_PASSWORD, atau dari baris pertama stdin.`;

/** The first line of a stream, or null when it ends first. */
function readFirstLine(input: Readable): Promise<string | null> {
	return new Promise((resolve, reject) => {
		const lines = createInterface({ input, terminal: false });
		let done = false;
		lines.once('line', (line) => {
			done = true;
			lines.close();
			resolve(line);
		});
		lines.once('close', () => {
			if (!done) resolve(null);
		});
		input.once('error', reject);
	});
}

async function readPassword(io: UserCommandIo): Promise<string> {
	const fromEnv = io.env.MONEV_PASSWORD;
	if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
	if (io.stdin.isTTY)
		io.stderr.write('Kata sandi (terlihat saat diketik; atau pakai MONEV_PASSWORD): ');
	const line = await readFirstLine(io.stdin);
	// Only the line ending is stripped: spaces can be part of a password.
	return (line ?? '').replace(/\r$/, '');
}

class UsageError extends Error {}

function check<S extends v.GenericSchema>(
	schema: S,
	value: unknown,
	flag: string
): v.InferOutput<S> {
	const result = v.safeParse(schema, value);
	if (!result.success) throw new UsageError(`${flag}: ${result.issues[0].message}`);
	return result.output;
}

/**
 * `monev user …`: create the first administrator, reset a password, disable an account. Logs go
 * to stderr; returns the exit status (0 done, 1 refused, 2 bad usage).
 */
export async function userCommand(
	args: string[],
	conn: DB,
	io: UserCommandIo = { env: process.env, stdin: process.stdin, stderr: process.stderr }
): Promise<number> {
	const log = (line: string) => io.stderr.write(`${line}\n`);
	try {
		const { positionals, values } = parseArgs({
			args,
			allowPositionals: true,
			options: {
				username: { type: 'string' },
				role: { type: 'string' },
				name: { type: 'string' },
				opd: { type: 'string' }
			}
		});
		const [sub, ...extra] = positionals;
		if (!sub || extra.length > 0)
			throw new UsageError('perintah yang tersedia: add, passwd, disable');
		const name = check(username, values.username, '--username');

		if (sub === 'add') {
			const userRole = check(role, values.role, '--role');
			let opdId: number | null = null;
			if (values.opd !== undefined) {
				opdId = (await users.findOpdIdBySlug(values.opd, conn)) ?? null;
				if (opdId === null)
					throw new UsageError(`--opd: tidak ada OPD dengan slug "${values.opd}"`);
			}
			if (userRole === 'operator' && opdId === null) {
				throw new UsageError('--opd wajib untuk operator');
			}
			const label = check(displayName, values.name ?? name, '--name');
			const password = check(newPassword, await readPassword(io), 'kata sandi');
			const user = await users.create(
				{ username: name, displayName: label, role: userRole, opdId, password },
				SYSTEM_ACTORS.cli,
				conn
			);
			log(`pengguna ${user.username} (${user.role}) dibuat`);
			return 0;
		}

		if (sub === 'passwd' || sub === 'disable') {
			const user = await users.findByUsername(name, conn);
			if (!user) {
				log(`tidak ada pengguna bernama "${name}"`);
				return 1;
			}
			if (sub === 'passwd') {
				const password = check(newPassword, await readPassword(io), 'kata sandi');
				await users.resetPassword(user.id, password, SYSTEM_ACTORS.cli, conn);
				log(`kata sandi ${user.username} direset; semua sesinya diakhiri`);
			} else {
				await users.disable(user.id, SYSTEM_ACTORS.cli, conn);
				log(`pengguna ${user.username} dinonaktifkan; semua sesinya diakhiri`);
			}
			return 0;
		}
		throw new UsageError(`perintah tidak dikenal: "${sub}"`);
	} catch (e) {
		if (e instanceof UsageError || (e instanceof TypeError && 'code' in e)) {
			log(`${e.message}\n${USAGE}`);
			return 2;
		}
		if (e instanceof users.UserInputError) {
			log(e.message);
			return 1;
		}
		throw e;
	}
}
