import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eq } from 'drizzle-orm';
import { setCell } from '../../src/lib/server/workflow/assessments';
import { SYSTEM_ACTORS } from '../../src/lib/server/audit/audit';
import { openDb } from '../../src/lib/server/db';
import { indicators } from '../../src/lib/server/db/schema';
import { transition } from '../../src/lib/server/workflow/lifecycle';
import { markUnassessedAbsent } from '../../src/lib/server/workflow/readiness';
import { copyPeriod } from '../../src/lib/server/workflow/period-copy';
import { roster } from '../../src/lib/server/periods/periods';
import { recordTieDecision } from '../../src/lib/server/workflow/ties';
import { loginAs, useAppAndBrowser } from './harness';

const run = useAppAndBrowser();

test('a decided tie reads in the decided order on /hasil and /laporan, with distinct ranks; award groups per kind follow it', async () => {
	// 2022: Diskominfo ticks everything, Distan and Bappeda tie for second; the team puts Distan
	// first (against the alphabet), then the year is published.
	const db = openDb(run.app.databaseUrl);
	const actor = { userId: null, name: 'demo-evaluator' };
	const admin = { actor, role: 'admin' as const };
	const { periodId } = await copyPeriod(2021, 2022, SYSTEM_ACTORS.seed, db);
	await transition(periodId, 'open', admin, '', db);
	const entries = await roster(periodId, db);
	const entry = (short: string) => entries.find((e) => e.shortName === short)!;
	const inds = await db.select().from(indicators).where(eq(indicators.periodId, periodId));
	for (const [short, skip] of [
		['Diskominfo', -1],
		['Distan', 0],
		['Bappeda', 1]
	] as const)
		for (const [i, ind] of inds.entries())
			await setCell(
				periodId,
				entry(short).opdId,
				ind.id,
				{ value: i === skip ? 0 : 1, notApplicable: false, expectedVersion: 0 },
				actor,
				db
			);
	await recordTieDecision(
		periodId,
		[entry('Distan').slug, entry('Bappeda').slug],
		'Presentasi lebih lengkap',
		actor,
		db
	);
	// The admin ranks the year in groups per OPD kind (the suggested labels: one group per kind),
	// one Terbaik and one Harapan each, with the plain form (no JavaScript).
	const context = await run.browser.newContext({ javaScriptEnabled: false });
	const admin2 = await context.newPage();
	await loginAs(admin2, run.app.url, 'demo-admin', 'demo-admin-dip');
	await admin2.goto(`${run.app.url}/admin/periode/2022`);
	const form = admin2.locator('form[action="?/awardGroups"]');
	await form.locator('input[name=mode][value=kelompok]').check();
	await form.locator('input[name=best]').fill('1');
	await form.locator('input[name=runnersUp]').fill('1');
	await Promise.all([
		admin2.waitForURL(/awardGroups/),
		form.getByRole('button', { name: 'Simpan penghargaan' }).click()
	]);
	await admin2
		.getByRole('status')
		.filter({ hasText: 'Pengaturan penghargaan disimpan.' })
		.waitFor();
	await context.close();

	for (const s of ['evaluation', 'final', 'published'] as const) {
		if (s === 'published')
			await markUnassessedAbsent(periodId, 'sel kosong dihitung tidak ada', admin.actor, db);
		await transition(periodId, s, admin, '', db);
	}
	db.$client.close();

	const page = await run.browser.newPage();
	await page.goto(`${run.app.url}/hasil/2022`);
	const rows = page.locator('table:not(.matrix) tbody tr');
	const top = await rows.evaluateAll((trs) =>
		trs.slice(0, 3).map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim()))
	);
	assert.deepEqual(
		top.map((cells) => [cells[0], cells[1], cells[6]]),
		[
			['1', entry('Diskominfo').displayName, 'Terbaik I'],
			['2', entry('Distan').displayName, 'Terbaik II'],
			['3', entry('Bappeda').displayName, 'Terbaik III']
		]
	);
	const podium = await page.locator('ol.podium .who').allInnerTexts();
	assert.deepEqual(podium.slice(0, 3), ['Diskominfo', 'Distan', 'Bappeda']);
	// Per kind: Diskominfo and Distan (dinas) take Terbaik I and Harapan I in the decided order,
	// Bappeda (badan) Terbaik I of its group; OPDs showing 0 get nothing.
	const group = async (key: string) =>
		page
			.locator(`#kelompok-${key} ol.podium > li`)
			.evaluateAll((lis) =>
				lis.map(
					(li) =>
						`${li.querySelector('.tier')!.textContent}: ${li.querySelector('.who')!.textContent}`
				)
			);
	assert.deepEqual(await group('dinas'), ['Terbaik I: Diskominfo', 'Harapan I: Distan']);
	assert.deepEqual(await group('badan'), ['Terbaik I: Bappeda']);
	assert.match(await rows.first().innerText(), /Dinas · peringkat 1\s+Terbaik I/);

	await page.goto(`${run.app.url}/laporan/2022`);
	const report = await page
		.locator('table.report-ranking tbody tr')
		.evaluateAll((trs) =>
			trs
				.slice(0, 3)
				.map((tr) => [...tr.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent!.trim()))
		);
	assert.deepEqual(report, [
		['1', entry('Diskominfo').displayName],
		['2', entry('Distan').displayName],
		['3', entry('Bappeda').displayName]
	]);
	await page.close();
});
