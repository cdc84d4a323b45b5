/**
 * The award lines of a Kota Serang PPID annual report, read from its text rather than copied by
 * hand. The reports write them two ways: a numbered list ("1. Satpol PP Kota Serang, OPD terbaik I
 * dengan nilai 250", 2021) or one sentence ("3 OPD teraktif dan perolehan nilai antara lain,
 * Satuan Polisi Pamong Praja dengan perolehan 396 point, … & Diskominfo Kota Serang dengan 154
 * point", 2020). Names stay as printed; matching them to OPDs is the caller's job.
 */

export interface ReportAward {
	position: number;
	/** The title as the report gives it, with the position in Roman numerals ("OPD terbaik I"). */
	title: string;
	/** The list the award belongs to: the title without its position ("OPD terbaik"). */
	list: string;
	/** The OPD as the report names it. */
	name: string;
	points: number;
}

export const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

const LIST_LINE = /^\s*(\d+)\.\s+(.+?),\s+(OPD terbaik)\s+([IVX]+)\s+dengan nilai\s+(\d+)\s*$/gim;
const SENTENCE = /(\d+)\s+(OPD teraktif)\s+dan perolehan nilai antara lain,?\s*([^.]+)\./i;
const SENTENCE_ITEM = /^\s*(.+?)\s+dengan\s+(?:perolehan\s+)?(\d+)\s+point\s*$/i;

/** The awards a report's text announces, in their order; empty when it announces none. */
export function parseReportAwards(text: string): ReportAward[] {
	const listed = [...text.matchAll(LIST_LINE)].map((m) => ({
		position: ROMAN.indexOf(m[4]!.toUpperCase()) + 1,
		title: `${m[3]} ${m[4]!.toUpperCase()}`,
		list: m[3]!,
		name: m[2]!.trim(),
		points: Number(m[5])
	}));
	if (listed.length) return listed.sort((a, b) => a.position - b.position);
	const sentence = SENTENCE.exec(text);
	if (!sentence) return [];
	const [, count, title, items] = sentence;
	const awards = items!
		.split(/,|&/)
		.map((item) => SENTENCE_ITEM.exec(item))
		.filter((m): m is RegExpExecArray => m !== null)
		.map((m, i) => ({
			position: i + 1,
			title: `${title} ${ROMAN[i]}`,
			list: title!,
			name: m[1]!.trim(),
			points: Number(m[2])
		}));
	// The sentence says how many it lists: a different count means the text was misread.
	return awards.length === Number(count) ? awards : [];
}

/** An entry's title on its list: the list title and the position in Roman numerals ("OPD terbaik I"). */
export function awardTitle(list: string, position: number): string {
	return `${list} ${ROMAN[position - 1] ?? position}`;
}
