/**
 * The award lists a year's Laporan Tahunan prints: the PPID's own lists (`server/awards`), each
 * printed as its own table with its source.
 */
import { db, type Conn } from '../db';
import { awardListsOfYear } from '../awards/awards';
import type { AwardList } from '../../report/document';

export async function reportAwardLists(year: number, conn: Conn = db()): Promise<AwardList[]> {
	const lists = await awardListsOfYear(conn, year);
	return lists.map((list) => ({
		title: list.title,
		source: list.sourceNote || null,
		entries: list.entries.map((e) => ({
			position: e.position,
			opdName: e.opdName,
			points: e.points
		}))
	}));
}
