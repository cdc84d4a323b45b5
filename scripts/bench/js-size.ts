import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';

/**
 * JavaScript a page makes the browser download (every script response during load, including
 * chunks imported on demand), as bytes after gzip at level 9 (what a compressing proxy sends).
 */
export async function shippedJs(
	browser: Browser,
	url: string,
	cookies: { name: string; value: string; url: string }[] = []
): Promise<{ files: number; bytes: number; gzipBytes: number }> {
	const context = await browser.newContext();
	if (cookies.length) await context.addCookies(cookies);
	const page = await context.newPage();
	const bodies: Promise<Buffer>[] = [];
	page.on('response', (response) => {
		if (response.request().resourceType() === 'script') bodies.push(response.body());
	});
	await page.goto(url, { waitUntil: 'networkidle' });
	const all = await Promise.all(bodies);
	await context.close();
	return {
		files: all.length,
		bytes: all.reduce((n, b) => n + b.length, 0),
		gzipBytes: all.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0)
	};
}
