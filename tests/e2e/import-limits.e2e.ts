import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { xlsxBomb, xlsxOfCells } from '../integration/helpers/hostile-xlsx';
import { startApp, type RunningApp } from './harness';

/**
 * Hostile uploads against the built app (`node build` through scripts/start.js): the parse
 * thread is started from the bundled chunk, so this proves the worker works outside vitest.
 * The caps are raised and the parse heap lowered for this server, so that one sparse sheet gets
 * past the caps and exhausts the parse thread's heap instead: the server must answer with an error and keep serving.
 */

let app: RunningApp;
let cookie = '';

before(async () => {
	app = await startApp({
		MONEV_IMPORT_MAX_ROWS: '10000000',
		MONEV_IMPORT_MAX_COLUMNS: '20000',
		MONEV_IMPORT_PARSE_HEAP_MB: '64'
	});
	const res = await fetch(`${app.url}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: app.url, 'content-type': 'application/x-www-form-urlencoded' },
		body: 'username=demo-evaluator&password=demo-evaluator-dip'
	});
	cookie = (res.headers.getSetCookie() ?? []).map((c) => c.split(';')[0]).join('; ');
	assert.ok(cookie, 'signed in');
});
after(async () => {
	await app?.stop();
});

/** Posts a file to the /impor preview action the way the page's script does. */
async function preview(bytes: Uint8Array, name: string) {
	const body = new FormData();
	body.set('year', '2022');
	body.set('file', new File([bytes as Uint8Array<ArrayBuffer>], name));
	const started = performance.now();
	const res = await fetch(`${app.url}/impor?/preview`, {
		method: 'POST',
		headers: { origin: app.url, cookie, 'x-sveltekit-action': 'true' },
		body
	});
	return { status: res.status, text: await res.text(), ms: performance.now() - started };
}

async function alive() {
	const res = await fetch(`${app.url}/api/v1/periods`);
	assert.equal(res.status, 200);
}

test('a 4 GB zip bomb whose header lies is refused with the cap named; the server carries on', async (t) => {
	const bomb = xlsxBomb(4096, 1000);
	const { text, ms } = await preview(bomb, 'bom.xlsx');
	t.diagnostic(`${bomb.length} bytes refused in ${Math.round(ms)} ms`);
	assert.match(text, /"failure"/);
	assert.match(
		text,
		/berkas \.xlsx terlalu besar setelah dibuka: lebih dari 50 MB \(batas MONEV_IMPORT_MAX_UNZIPPED_MB\)/
	);
	// Generous for a shared 2-core machine; unguarded it ran out of memory and ended the server.
	assert.ok(ms < 20_000, `took ${Math.round(ms)} ms`);
	await alive();
});

test('a sheet that exhausts the parse thread ends the thread, not the server', async () => {
	const sparse = xlsxOfCells([
		[1, 1, 'No'],
		[40_000, 16_384, 'x']
	]);
	const { text } = await preview(sparse, 'jarang.xlsx');
	assert.match(text, /melampaui batas memori atau waktu server/);
	await alive();
	// And the next upload is read as usual, by a new thread from the built chunk.
	const ok = await preview(readFileSync('tests/fixtures/import/first-sheet-2022.xlsx'), 'ok.xlsx');
	assert.match(ok.text, /"success"/);
	assert.match(ok.text, /Pratinjau|preview/);
});

test('an upload over BODY_SIZE_LIMIT (10 MB) is refused before it is read', async () => {
	const { status } = await preview(new Uint8Array(11 * 1024 * 1024).fill(0x41), 'besar.csv');
	assert.equal(status, 413);
	await alive();
});
