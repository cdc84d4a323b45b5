import type { Browser } from 'playwright-core';
import { median } from './stats';

/**
 * The evaluator's matrix page: server time for the page, and in Chromium the time from navigation
 * until a cell can be toggled and from a keypress until the cell shows as saved.
 */
export async function benchMatrixPage(
	browser: Browser,
	url: string,
	cookie: { name: string; value: string; url: string }
): Promise<{ serverMs: number; readyMs: number; toggleSavedMs: number; htmlKb: number }> {
	const server: number[] = [];
	let htmlBytes = 0;
	for (let i = 0; i < 5; i++) {
		const t = performance.now();
		const res = await fetch(url, { headers: { cookie: `${cookie.name}=${cookie.value}` } });
		htmlBytes = (await res.arrayBuffer()).byteLength;
		server.push(performance.now() - t);
	}
	const context = await browser.newContext();
	await context.addCookies([cookie]);
	const page = await context.newPage();
	const ready: number[] = [];
	const toggles: number[] = [];
	for (let i = 0; i < 3; i++) {
		const t = performance.now();
		await page.goto(url);
		const cell = page.locator('td[role=gridcell]').nth(i * 3);
		await cell.click();
		ready.push(performance.now() - t);
		const before = performance.now();
		await page.keyboard.press('Space');
		await page.locator('td[role=gridcell][data-state=saved]').first().waitFor();
		toggles.push(performance.now() - before);
	}
	await context.close();
	return {
		serverMs: Math.round(median(server)),
		readyMs: Math.round(median(ready)),
		toggleSavedMs: Math.round(median(toggles)),
		htmlKb: Math.round(htmlBytes / 1024)
	};
}
