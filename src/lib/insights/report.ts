/**
 * The annual report's section: the "Daftar Informasi OPD" table exactly as the report prints it
 * (roster order, printed numbers and names, √ marks) and the award paragraph.
 */
import { markOf } from '../import/ticks';
import { joinNamesId } from '../scoring/awards';
import { formatNumberId } from '../scoring/number';
import { sortedIndicators } from '../scoring/score';
import type { PeriodResult } from '../scoring/types';

export interface ReportRow {
	number: number;
	name: string;
	slug: string;
	/** One mark per column: "√" when met, "" when not, "n/a" when not applicable. */
	marks: string[];
}

export interface ReportTable {
	columns: string[];
	rows: ReportRow[];
}

/** The report's matrix: the roster in its printed order, the columns as labelled that year. */
export function reportTable(
	result: PeriodResult,
	roster: { slug: string; displayNumber: number; displayName: string }[]
): ReportTable {
	const indicators = sortedIndicators(result.rubric);
	const byOpd = new Map(
		result.opds.map((o) => [o.opd, new Map(o.indicators.map((s) => [s.key, s]))])
	);
	const rows = [...roster]
		.sort((a, b) => a.displayNumber - b.displayNumber)
		.map((r) => {
			const scores = byOpd.get(r.slug);
			return {
				number: r.displayNumber,
				name: r.displayName,
				slug: r.slug,
				marks: indicators.map((ind) => {
					const s = scores?.get(ind.key);
					return markOf(s && { value: s.met ? 1 : 0, notApplicable: s.notApplicable });
				})
			};
		});
	return { columns: indicators.map((i) => i.label), rows };
}

/** What the award paragraphs read of a result: a full PeriodResult or the published page's data. */
export type AwardsOfResult = Pick<PeriodResult, 'awards'> & {
	opds: { opd: string; displayTotal: number }[];
	rubric: { decimals: number };
};

export interface AwardParagraphs {
	/** The podium computed from the DIP ticks. */
	computed: string;
	/** The awards the PPID published (its own, richer rubric); '' when none were recorded. */
	official: string;
}

/**
 * The award paragraphs for the report, in Indonesian: the computed podium (open ties named as
 * such) and, separately, the official awards as published with their points.
 */
export function awardParagraphs(
	year: number,
	result: AwardsOfResult,
	names: Map<string, string>,
	official: { position: number; title: string; points: number | null; opdName: string }[]
): AwardParagraphs {
	const name = (key: string) => names.get(key) ?? key;
	const d = result.rubric.decimals;
	const totals = new Map(result.opds.map((o) => [o.opd, o.displayTotal]));
	const parts: string[] = [];
	const seenOpen = new Set<string>();
	for (const award of result.awards) {
		if (award.settled) {
			const key = award.opds[0] ?? '';
			parts.push(`${award.tier}: ${name(key)} (${formatNumberId(totals.get(key) ?? 0, d)})`);
			continue;
		}
		const id = award.opds.join();
		if (seenOpen.has(id)) continue;
		seenOpen.add(id);
		const shown = formatNumberId(totals.get(award.opds[0] ?? '') ?? 0, d);
		parts.push(
			`${award.tier} dan seterusnya belum ditetapkan: ${award.opds.length} OPD bernilai sama ${shown} (${joinNamesId(award.opds.map(name))})`
		);
	}
	const computed = parts.length
		? `Berdasarkan penilaian Daftar Informasi Publik tahun ${year}, ${parts.join('; ')}.`
		: `Belum ada posisi penghargaan menurut penilaian Daftar Informasi Publik tahun ${year}.`;
	const officialText = official.length
		? `Penghargaan yang diumumkan PPID (penilaian monev website, rubrik tersendiri): ${official
				.map(
					(a) =>
						`${a.title}: ${a.opdName}${a.points != null ? ` dengan nilai ${formatNumberId(a.points, 2, { trim: true })}` : ''}`
				)
				.join('; ')}.`
		: '';
	return { computed, official: officialText };
}

/** One entry of the PPID's award lists as the results view carries it (flat, in list order). */
export interface OfficialAwardLike {
	list?: string;
	position: number;
	title: string;
	points: number | null;
	note?: string | null;
	source: string;
	opdName: string;
}

export interface OfficialAwardGroup<T extends OfficialAwardLike = OfficialAwardLike> {
	/** The list's title; '' for results published before award lists had titles. */
	title: string;
	source: string;
	entries: T[];
}

/**
 * The flat official awards grouped back into their lists, in order. Results published before
 * award lists existed have no `list`: their entries form one untitled group.
 */
export function groupOfficialAwards<T extends OfficialAwardLike>(
	official: readonly T[]
): OfficialAwardGroup<T>[] {
	const groups: OfficialAwardGroup<T>[] = [];
	for (const award of official) {
		const title = award.list ?? '';
		const last = groups.at(-1);
		if (last && last.title === title) last.entries.push(award);
		else groups.push({ title, source: award.source, entries: [award] });
	}
	return groups;
}
