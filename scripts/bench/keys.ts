/**
 * The keys of `npm run bench -- --quick`'s last-line JSON, in order, each present (null when a
 * run did not measure it); figures measured besides follow them.
 */
export const QUICK_KEYS: readonly string[] = [
	'scoreVsSql',
	'resultsApiRps',
	'resultsApiVsBare',
	'resultsApiP99Ms',
	'cellSaveP99Ms',
	'importVsParse',
	'importVsBaseline',
	'eventLoopP99Ms',
	'healthP99MsUnderLoad',
	'previewBigRosterMs',
	'publishNationMs',
	'dashboardP99Ms',
	'opdPageP99Ms',
	'publicJsKb',
	'dashboardJsKb',
	'peakRssMb'
];
