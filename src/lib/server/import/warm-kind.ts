/**
 * The kind of a thread started ahead of need (file.ts): it loads the job modules, then waits for
 * its one job as a message. Its own module, so file.ts need not import worker.ts (which the build
 * keeps in a chunk of its own for the threads to load).
 */
export const WARM_KIND = 'monev-warm';

/** Modules a thread started ahead of need also loads, for a job that is not the import's or a publish. */
export type WarmExtra = 'report';
