/**
 * Evidence (data dukung) of a cell: one or more links, stored in one text column one per line.
 * Evaluators' main complaint is missing or dead evidence, so every link must be a real web
 * address; anything else is refused with a message that names it. Pure, shared by forms and pages.
 */
export const MAX_EVIDENCE_LINKS = 10;
/** The longest link accepted (as TEXT_LIMITS.url). */
export const MAX_EVIDENCE_LINK_LENGTH = 2048;

const HTTP_LINK = /^https?:\/\/\S+$/i;

/** The links in typed or stored evidence: separated by new lines, spaces or commas. */
export function evidenceLinks(text: string | null | undefined): string[] {
	return (text ?? '').split(/[\s,]+/).filter((part) => part !== '');
}

/** Evidence as stored: one link per line, or null when there is none. */
export function normalizeEvidence(text: string | null | undefined): string | null {
	const links = evidenceLinks(text);
	return links.length ? links.join('\n') : null;
}

/** What is wrong with typed evidence (Indonesian, for the form), or null when it is fine. */
export function evidenceProblem(text: string | null | undefined): string | null {
	const links = evidenceLinks(text);
	if (links.length > MAX_EVIDENCE_LINKS)
		return `Paling banyak ${MAX_EVIDENCE_LINKS} tautan bukti per sel (ada ${links.length}).`;
	const long = links.find((link) => link.length > MAX_EVIDENCE_LINK_LENGTH);
	if (long)
		return `Tautan bukti paling panjang ${MAX_EVIDENCE_LINK_LENGTH} karakter ("${long.slice(0, 80)}…" ${long.length} karakter).`;
	const bad = links.find((link) => !HTTP_LINK.test(link));
	return bad
		? `Tautan bukti harus alamat http:// atau https:// ("${bad.slice(0, 80)}" bukan).`
		: null;
}
