/** The scoring engine: pure functions from rubric, participants and cells to published results. */
export type * from './types';
export * from './number';
export * from './rubric';
export * from './validate';
export * from './score';
export * from './cells';
export * from './rank';
export * from './awards';
export * from './award-groups';
export * from './yoy';
export * from './explain';
export * from './sums';
