/**
 * The assertion that a ranking from sums (`rankFromSums`, and the database path built on it)
 * says what the full engine says. Used by *.test.ts files only; not exported from the engine.
 */
import { expect } from 'vitest';
import type { PeriodSummary } from '../../../src/lib/scoring/sums';
import type { PeriodResult } from '../../../src/lib/scoring/types';

/** Float sums may differ in the last bits (added per aspect, not per indicator): compare closely. */
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));

/**
 * Same order, ranks, tie flags, displayed totals, bands, tiers, stage outcomes, counts and awards
 * as the full engine; unrounded sums equal up to float noise.
 */
export function expectSameRanking(
	summary: Pick<PeriodSummary, 'opds' | 'awards'>,
	full: Pick<PeriodResult, 'opds' | 'awards'>
) {
	expect(summary.awards).toEqual(full.awards);
	expect(summary.opds.map((o) => o.opd)).toEqual(full.opds.map((o) => o.opd));
	summary.opds.forEach((s, i) => {
		const f = full.opds[i]!;
		const exact = (o: typeof s | typeof f) => ({
			opd: o.opd,
			name: o.name,
			displayTotal: o.displayTotal,
			rank: o.rank,
			tied: o.tied,
			qualification: o.qualification,
			tier: o.tier,
			stoppedAtStage: o.stoppedAtStage,
			indicatorsMet: o.indicatorsMet,
			indicatorsApplicable: o.indicatorsApplicable,
			stages: o.stages.map((st) => ({ key: st.key, reached: st.reached, passed: st.passed })),
			aspects: o.aspects.map((a) => a.key)
		});
		expect(exact(s)).toEqual(exact(f));
		for (const k of ['score', 'maxScore', 'percent', 'total'] as const) {
			expect(close(s[k], f[k]), `${s.opd} ${k}: ${s[k]} vs ${f[k]}`).toBe(true);
		}
		s.stages.forEach((st, j) => {
			expect(close(st.score, f.stages[j]!.score), `${s.opd} stage ${st.key}`).toBe(true);
			expect(close(st.contribution, f.stages[j]!.contribution)).toBe(true);
		});
		s.aspects.forEach((a, j) => {
			const fa = f.aspects[j]!;
			for (const k of ['points', 'maxPoints', 'percent', 'contribution'] as const) {
				expect(close(a[k], fa[k]), `${s.opd} aspect ${a.key} ${k}`).toBe(true);
			}
		});
	});
}
