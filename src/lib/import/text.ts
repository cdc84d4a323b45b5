/**
 * Small text helpers shared by the parsers: line splitting, BOM, whitespace, binary detection.
 */

/** Removes a leading UTF-8 byte order mark (Excel writes one in "CSV UTF-8"). */
export function stripBom(text: string): string {
	return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Turns CRLF and lone CR into LF so line numbers match what an editor shows. */
export function normalizeNewlines(text: string): string {
	return text.replace(/\r\n?/g, '\n');
}

/** Splits into lines (LF, CRLF or CR); index + 1 is the line number an editor shows. */
export function splitLines(text: string): string[] {
	return normalizeNewlines(text).split('\n');
}

/** Trims and collapses inner whitespace runs (incl. non-breaking spaces) into one space. */
export function collapseSpaces(text: string): string {
	// Most names are already clean: skip the regex replace for them.
	if (!NEEDS_COLLAPSE.test(text)) return text;
	return text.replace(/\s+/g, ' ').trim();
}

const NEEDS_COLLAPSE = /^\s|\s$|\s\s|[^\S ]/;

/** Kind of non-text content detected, or null for plain text. */
export type BinaryKind = 'zip' | 'pdf' | 'binary';

// Share of unreadable characters above which a file is taken for binary. Real CSV/TSV has none.
const BINARY_RATIO = 0.1;
const SAMPLE_SIZE = 8192;

/**
 * Detects content that is not text: a ZIP container (an .xlsx/.ods saved instead of a CSV), a PDF,
 * or anything with NUL bytes or mostly control / replacement characters.
 */
export function detectBinary(text: string): BinaryKind | null {
	const head = stripBom(text);
	if (head.startsWith('PK\u0003\u0004')) return 'zip';
	if (head.startsWith('%PDF-')) return 'pdf';
	const sample = head.slice(0, SAMPLE_SIZE);
	if (sample.includes('\u0000')) return 'binary';
	if (sample.length === 0) return null;
	let unreadable = 0;
	for (const char of sample) {
		const code = char.charCodeAt(0);
		const control = code < 0x20 && char !== '\t' && char !== '\n' && char !== '\r';
		if (control || code === 0x7f || char === '\ufffd') unreadable++;
	}
	return unreadable / sample.length > BINARY_RATIO ? 'binary' : null;
}
