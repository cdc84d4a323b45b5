import { describe, expect, it } from 'vitest';
import { QUICK_KEYS } from '../../scripts/bench/keys';

describe('npm run bench -- --quick', () => {
	it('reports every key issue 16 asks for, the earlier ones kept', () => {
		for (const key of [
			'scoreVsSql',
			'resultsApiVsBare',
			'resultsApiP99Ms',
			'cellSaveP99Ms',
			'importVsBaseline',
			'eventLoopP99Ms',
			'healthP99MsUnderLoad',
			'publishNationMs',
			'dashboardP99Ms',
			'previewBigRosterMs',
			'publicJsKb',
			'peakRssMb'
		])
			expect(QUICK_KEYS, key).toContain(key);
	});
});
