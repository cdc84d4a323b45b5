/**
 * Pure import parsers of Monev DIP: report tables and CSV/TSV files → typed OPD × category matrix
 * with located errors, plus name/label matching helpers for seeding and imports. No I/O, no
 * framework imports; deterministic.
 */
export type {
	ImportIssue,
	ParsedCell,
	ParsedEvidence,
	ParsedMatrix,
	ParsedRow,
	ParseResult
} from './types';
export { detectLongColumns, parseLongRows, type LongColumns } from './long-table';
export {
	parseTick,
	isBlankCell,
	PRESENT_MARKS,
	ABSENT_MARKS,
	NOT_APPLICABLE_MARKS,
	type TickResult
} from './ticks';
export { parseReportTable } from './report-table';
export {
	buildTemplateCsv,
	parseDelimited,
	type TemplateHeader,
	type TemplateOptions,
	type TemplateRow,
	type TemplateValue
} from './csv-template';
export { neutralizeFormula, unneutralizeFormula, DELIMITERS, type Delimiter } from './csv-cells';
export {
	normalizeOpdName,
	slugify,
	opdSlug,
	guessOpdKind,
	guessShortName,
	matchOpd,
	createOpdMatcher,
	OPD_NAME_SUFFIXES,
	OPD_MATCH_THRESHOLD,
	type OpdCandidate,
	type OpdKind,
	type OpdMatch
} from './opd-names';
export { KNOWN_OPDS, type KnownOpd } from './known-opds';
export { opdMatchKey, customaryAliases, lookupKeys } from './opd-normalize';
export {
	createOpdIndex,
	nameSimilarity,
	AMBIGUITY_MARGIN,
	MAX_LISTED,
	type IndexedOpd,
	type OpdIndex,
	type OpdLookup
} from './opd-index';
export {
	indicatorKey,
	matchIndicator,
	resolveIndicatorKeys,
	labelForYear,
	INDICATOR_MATCH_THRESHOLD,
	type IndicatorCandidate,
	type IndicatorMatch,
	type ResolvedIndicator
} from './indicator-keys';
export { parseImportText, parseSheetRows, sheetToCsv, type SheetCell } from './parse-any';
export { issueAt, describeLocation } from './issues';
export {
	cellAfter,
	changeKind,
	describeEvidenceChange,
	evidenceAfter,
	sameEvidence,
	countChange,
	defaultEmptyRule,
	describeState,
	effectiveCell,
	isAbsent,
	noChanges,
	parseEmptyRule,
	sameState,
	EMPTY_RULES,
	type CellEvidence,
	type CellState,
	type ChangeCounts,
	type ChangeKind,
	type EmptyRule
} from './cell-change';
