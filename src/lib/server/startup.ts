import { readConfig } from './config';
import { db } from './db';
import { prepareDb } from './db/migrate';
import { SYSTEM_ACTORS } from './audit/audit';
import { seedDemoIfEmpty } from './db/seed';
import { disableDemoAccounts } from './accounts/users';
import { openWriter } from './db/write-queue';

let ready: Promise<void> | undefined;

/**
 * Migrates the database and, when it is empty and SEED_DEMO is on, loads the demo data. Runs once
 * per process, before the first request is served.
 */
export function ensureReady(): Promise<void> {
	ready ??= (async () => {
		const config = readConfig();
		await prepareDb(db(), config.migrationsDir);
		if (config.seedDemo) {
			const seeded = await seedDemoIfEmpty(db(), config.seedsDir);
			if (seeded)
				console.error('[monev] basis data kosong: data demo Kota Serang 2020–2021 dimuat');
		} else {
			const disabled = await disableDemoAccounts(SYSTEM_ACTORS.cli, db());
			if (disabled) console.error(`[monev] SEED_DEMO=0: ${disabled} akun demo dinonaktifkan`);
		}
		await openWriter(db());
	})();
	return ready;
}
