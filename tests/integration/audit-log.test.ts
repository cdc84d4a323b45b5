import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { setCell } from '../../src/lib/server/workflow/assessments';
import { describeEvents, searchAudit } from '../../src/lib/server/audit/audit-log';
import type { DB } from '../../src/lib/server/db';
import { indicators, opds, periodOpds } from '../../src/lib/server/db/schema';
import { transition } from '../../src/lib/server/workflow/lifecycle';
import { createTestDb } from './helpers/test-db';
import { seedWithDraft2022 } from './helpers/workflow';

let db: DB;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ db, cleanup } = await createTestDb()));
afterEach(() => cleanup());

it('reads the audit log in sentences with the names of the OPD and category', async () => {
	const { periodId } = await seedWithDraft2022(db);
	const admin = { actor: { userId: null, name: 'admin' }, role: 'admin' as const };
	await transition(periodId, 'open', admin, '', db);
	const [entry] = await db.select().from(periodOpds).where(eq(periodOpds.periodId, periodId));
	const [opd] = await db.select().from(opds).where(eq(opds.id, entry!.opdId));
	const [ind] = await db.select().from(indicators).where(eq(indicators.periodId, periodId));
	await setCell(
		periodId,
		opd!.id,
		ind!.id,
		{ value: 1, notApplicable: false, expectedVersion: 0, note: 'cek situs' },
		admin.actor,
		db
	);
	const page = await searchAudit({ year: 2022 }, db);
	const described = await describeEvents(page.events, db);
	const [cell, move] = described;
	expect(cell?.what).toBe(`Nilai ${opd!.name} · ${ind!.label}`);
	expect(cell?.changes).toEqual(['nilai: belum dinilai → ada', 'catatan ditambahkan: "cek situs"']);
	expect(move?.what).toBe('Status periode diubah: periode 2022');
	expect(move?.changes).toEqual(['status: Draf → Dibuka (penilaian mandiri)']);
	for (const d of described) expect(d.what).not.toMatch(/\d+:\d+:\d+/);
});
