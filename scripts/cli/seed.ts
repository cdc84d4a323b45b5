import { count } from 'drizzle-orm';
import type { DB } from '../../src/lib/server/db';
import { periods } from '../../src/lib/server/db/schema';
import { seedDemo } from '../../src/lib/server/db/seed';

/** `seed-demo`: loads the two Kota Serang years into an empty database. */
export async function seedCommand(_args: string[], conn: DB, seedsDir: string): Promise<number> {
	const [row] = await conn.select({ n: count() }).from(periods);
	if ((row?.n ?? 0) > 0) {
		console.error(
			'seed-demo: basis data sudah berisi periode; data demo hanya dimuat ke basis data kosong'
		);
		return 1;
	}
	await seedDemo(seedsDir, conn);
	console.error('[monev] data demo Kota Serang 2020 dan 2021 dimuat dan diterbitkan');
	return 0;
}
