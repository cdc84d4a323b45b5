/**
 * fast-check generators of random rubrics, participants and cells, for property tests of the
 * engine (here and in the database tests). Used by *.test.ts files only; not exported.
 */
import fc from 'fast-check';
import type {
	Aspect,
	Cell,
	Indicator,
	Participant,
	Rubric,
	Stage
} from '../../../src/lib/scoring/types';

/** Weights people type (integers, halves, tenths) and a few that binary floats hold badly. */
const weight = fc.oneof(
	fc.integer({ min: 0, max: 10 }),
	fc.constantFrom(0.1, 0.2, 0.25, 0.3, 0.5, 1.5, 2.75, 1 / 3, 100),
	fc.double({ min: 0.01, max: 50, noNaN: true, noDefaultInfinity: true })
);

const indicatorShape = fc.oneof(
	fc.record({ kind: fc.constant('check' as const), weight }),
	fc.record({
		kind: fc.constant('scale' as const),
		weight,
		maxLevel: fc.integer({ min: 0, max: 5 })
	}),
	fc.record({
		kind: fc.constant('count' as const),
		weight,
		pointsPerUnit: fc.constantFrom(0.25, 0.5, 1, 2, 3),
		cap: fc.constantFrom(0, 1, 2.5, 5, 10)
	})
);

export interface RandomPeriod {
	rubric: Rubric;
	participants: Participant[];
	cells: Cell[];
}

/**
 * A random period: 1–3 stages (shares adding up to 100, sometimes a minimum), 1–4 aspects
 * weighted or not, 1–8 indicators of every kind (now and then in an aspect the rubric does not
 * list), bands, a tie-break priority and decisions, up to 14 OPDs with few distinct names, and
 * cells of every sort: missing, not assessed, not applicable, in and out of range.
 */
export const randomPeriod: fc.Arbitrary<RandomPeriod> = fc
	.record({
		stageCount: fc.integer({ min: 1, max: 3 }),
		stageSplit: fc.integer({ min: 1, max: 99 }),
		minimums: fc.array(fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }), {
			minLength: 3,
			maxLength: 3
		}),
		aspects: fc.array(
			fc.record({
				stage: fc.nat(2),
				share: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null })
			}),
			{ minLength: 1, maxLength: 4 }
		),
		indicators: fc.array(
			fc.record({
				shape: indicatorShape,
				aspect: fc.nat(4),
				order: fc.integer({ min: 1, max: 4 })
			}),
			{ minLength: 1, maxLength: 8 }
		),
		bands: fc.uniqueArray(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 4 }),
		decimals: fc.integer({ min: 0, max: 3 }),
		priority: fc.array(fc.nat(12), { maxLength: 3 }),
		opdCount: fc.integer({ min: 1, max: 14 }),
		names: fc.array(fc.constantFrom('Dinas A', 'Badan B', 'dinas a', 'Kecamatan C'), {
			minLength: 14,
			maxLength: 14
		}),
		decisions: fc.array(fc.array(fc.nat(13), { minLength: 2, maxLength: 4 }), { maxLength: 2 }),
		cells: fc.array(
			fc.oneof(
				fc.constant(undefined),
				fc.constant({ value: null, notApplicable: false }),
				fc.record({ value: fc.constant(null), notApplicable: fc.constant(true) }),
				fc.record({
					value: fc.oneof(
						fc.constantFrom(0, 1, 2, 3, 4, 5, 7, -1),
						fc.integer({ min: 0, max: 12 })
					),
					notApplicable: fc.boolean()
				})
			),
			{ minLength: 14 * 8, maxLength: 14 * 8 }
		)
	})
	.map((g) => {
		const stageShares =
			g.stageCount === 1
				? [100]
				: g.stageCount === 2
					? [g.stageSplit, 100 - g.stageSplit]
					: [g.stageSplit, (100 - g.stageSplit) / 2, (100 - g.stageSplit) / 2];
		const stages: Stage[] = stageShares.map((share, i) => ({
			key: `tahap-${i + 1}`,
			label: `Tahap ${i + 1}`,
			share,
			order: i + 1,
			...(g.minimums[i] !== undefined ? { minToProceed: g.minimums[i] } : {})
		}));
		const aspects: Aspect[] = g.aspects.map((a, i) => ({
			key: `aspek-${i + 1}`,
			label: `Aspek ${i + 1}`,
			stage: stages[a.stage % stages.length]!.key,
			share: a.share
		}));
		const indicators: Indicator[] = g.indicators.map((ind, i) => ({
			key: `ind-${i + 1}`,
			label: `Indikator ${i + 1}`,
			// One index past the listed aspects: an aspect the rubric does not list.
			aspect: `aspek-${(ind.aspect % (aspects.length + 1)) + 1}`,
			order: ind.order,
			...ind.shape,
			...(ind.shape.kind === 'count' ? { weight: ind.shape.cap } : {})
		}));
		const opdKeys = Array.from({ length: g.opdCount }, (_, i) => `opd-${i + 1}`);
		const priorityKeys = [...aspects.map((a) => a.key), ...indicators.map((i) => i.key)];
		const rubric: Rubric = {
			indicators,
			aspects,
			stages,
			bands: g.bands.map((min, i) => ({ label: `Pita ${i + 1}`, min })),
			tieBreak: {
				priority: g.priority.map((p) => priorityKeys[p % priorityKeys.length]!),
				decisions: g.decisions.map((d, i) => ({
					order: [...new Set(d.map((k) => opdKeys[k % opdKeys.length]!))],
					reason: `Keputusan ${i + 1}`
				}))
			},
			decimals: g.decimals,
			awardTiers: ['Terbaik I', 'Terbaik II', 'Terbaik III']
		};
		const participants = opdKeys.map((key, i) => ({ key, name: g.names[i]! }));
		const cells: Cell[] = [];
		opdKeys.forEach((opd, o) =>
			indicators.forEach((ind, i) => {
				const cell = g.cells[o * 8 + i];
				if (cell) cells.push({ opd, indicator: ind.key, ...cell });
			})
		);
		return { rubric, participants, cells };
	});
