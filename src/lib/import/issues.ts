/**
 * Builders for located import issues. Every message starts with where the problem is
 * ("Baris 12, kolom 5 (Renja 2021)") so it still makes sense when shown on its own.
 */
import type { BinaryKind } from './text';
import type { ImportIssue } from './types';

/** Human-readable location: "Baris 12", "Baris 12, kolom 5", "Baris 12, kolom 5 (Renja 2021)". */
export function describeLocation(
	line: number,
	column: number | null = null,
	columnLabel: string | null = null
): string {
	if (line <= 0) return 'Berkas';
	let where = `Baris ${line}`;
	if (column !== null) where += `, kolom ${column}`;
	if (columnLabel !== null && columnLabel !== '') where += ` (${columnLabel})`;
	return where;
}

/**
 * Builds an issue whose message is prefixed with its location. Line 0 means the whole file: the
 * reason is then the message itself, capitalised.
 */
export function issueAt(
	line: number,
	column: number | null,
	columnLabel: string | null,
	reason: string
): ImportIssue {
	const message =
		line <= 0
			? reason.charAt(0).toUpperCase() + reason.slice(1)
			: `${describeLocation(line, column, columnLabel)}: ${reason}`;
	return { line: Math.max(line, 0), column, columnLabel, message };
}

const BINARY_REASONS: Record<BinaryKind, string> = {
	zip:
		'berkas ini tampaknya berkas Excel (.xlsx/.ods) atau arsip ZIP, bukan teks. Simpan ' +
		'lembar kerjanya sebagai CSV (File → Save As → CSV UTF-8) lalu unggah berkas CSV tersebut.',
	pdf:
		'berkas ini adalah PDF, bukan teks. Salin tabelnya dari laporan (atau simpan sebagai CSV) ' +
		'lalu tempel atau unggah teksnya.',
	binary:
		'berkas ini bukan teks (berisi karakter biner). Unggah berkas CSV atau TSV, atau tempel ' +
		'tabelnya sebagai teks.'
};

/** The whole-file error for content that is not text. */
export function binaryIssue(kind: BinaryKind): ImportIssue {
	return issueAt(0, null, null, BINARY_REASONS[kind]);
}

/** Quotes a source value for a message: on one line, shortened past `max` characters. */
export function quoteValue(raw: string, max = 40): string {
	const flat = raw.replace(/[\t\r\n]+/g, ' ');
	const shown = flat.length > max ? `${flat.slice(0, max)}…` : flat;
	return `"${shown}"`;
}

/** Orders issues by line, then column, so a list reads top to bottom like the file. */
export function sortIssues(issues: ImportIssue[]): ImportIssue[] {
	return [...issues].sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
}
