import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syntheticYear } from '../../scripts/bench/synthetic';
import { SYSTEM_ACTORS } from '../../src/lib/server/audit/audit';
import type { DB } from '../../src/lib/server/db';
import { threadReuses } from '../../src/lib/server/import/file';
import { importMatrix } from '../../src/lib/server/import/matrix';
import { getByYear } from '../../src/lib/server/periods/periods';
import { openComposerYear } from '../../src/lib/server/report/composer';
import { reportFile } from '../../src/lib/server/report/file';
import {
	REPORT_TOO_LARGE,
	reportInThread,
	type ReportOutcome
} from '../../src/lib/server/report/report-thread';
import { publish } from '../../src/lib/server/results/results';
import { createTestDb } from './helpers/test-db';

let db: DB;
let cleanup: () => Promise<void>;
beforeEach(async () => {
	({ db, cleanup } = await createTestDb('demo'));
});
afterEach(async () => {
	delete process.env.MONEV_REPORT_HEAP_MB;
	await cleanup();
});

function fileOf(outcome: ReportOutcome) {
	if (outcome.kind !== 'file') throw new Error(`no file: ${JSON.stringify(outcome)}`);
	return outcome.file;
}

/** The text of a .docx (its document.xml; the package's other parts carry the time of writing). */
const documentXml = (bytes: Uint8Array) => strFromU8(unzipSync(bytes)['word/document.xml']!);

/** A published year of `opds` synthetic OPDs with composer text, for a report that is large. */
async function largeYear(year: number, opds: number) {
	const matrix = syntheticYear({ name: 'province', opds, indicators: 20, years: 1 }, 0);
	const imported = await importMatrix(
		{ year, matrix, actor: SYSTEM_ACTORS.cli, source: 'test' },
		db
	);
	expect(imported.ok).toBe(true);
	await publish((await getByYear(year, db))!.id, SYSTEM_ACTORS.cli, db);
	await openComposerYear(year, SYSTEM_ACTORS.cli, db);
}

describe('the Laporan Tahunan built in a worker thread', () => {
	it('is the file built in place, in both formats, and a second download reuses the thread', async () => {
		const reusedBefore = threadReuses();
		const docx = fileOf(await reportInThread(2021, 'docx', false, db));
		const inPlace = (await reportFile(2021, 'docx', false, db))!;
		expect(docx.name).toBe('laporan-tahunan-ppid-2021.docx');
		expect(docx.type).toMatch(/wordprocessingml/);
		expect(documentXml(docx.bytes)).toBe(documentXml(inPlace.bytes));
		expect(documentXml(docx.bytes)).toContain('130356');

		const html = fileOf(await reportInThread(2021, 'html', true, db));
		expect(html.type).toBe('text/html; charset=utf-8');
		expect(new TextDecoder().decode(html.bytes)).toBe(
			new TextDecoder().decode((await reportFile(2021, 'html', true, db))!.bytes)
		);
		expect(threadReuses()).toBeGreaterThan(reusedBefore);
	});

	it('says a year without composer text is missing', async () => {
		expect(await reportInThread(2031, 'docx', false, db)).toEqual({ kind: 'missing' });
	});

	it('a report over the heap cap is a message, and the next report is built', async () => {
		await largeYear(2040, 1000);
		process.env.MONEV_REPORT_HEAP_MB = '64';
		expect(await reportInThread(2040, 'docx', false, db)).toEqual({
			kind: 'failed',
			message: REPORT_TOO_LARGE
		});
		// The city year fits in the same cap, and the large year in the default one.
		expect(documentXml(fileOf(await reportInThread(2021, 'docx', false, db)).bytes)).toContain(
			'130356'
		);
		delete process.env.MONEV_REPORT_HEAP_MB;
		const large = fileOf(await reportInThread(2040, 'docx', false, db));
		expect(documentXml(large.bytes)).toContain('OPD Sintetis 01000');
	});
});
