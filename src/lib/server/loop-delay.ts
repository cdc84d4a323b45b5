import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/**
 * The event loop's delay, for the benchmark: when MONEV_LOOP_METRICS=1 the server samples it
 * (perf_hooks, 10 ms resolution) and /api/v1/health adds the figures, `?reset=1` starting a new
 * measurement. Off by default: a public endpoint says nothing about the server's load.
 */
let histogram: IntervalHistogram | null | undefined;

function monitor(): IntervalHistogram | null {
	if (histogram === undefined) {
		histogram =
			process.env.MONEV_LOOP_METRICS === '1' ? monitorEventLoopDelay({ resolution: 10 }) : null;
		histogram?.enable();
	}
	return histogram;
}

/** The delay since the last reset (ms), or null when not measured; `reset` starts anew. */
export function loopDelay(reset = false): { p50Ms: number; p99Ms: number; maxMs: number } | null {
	const h = monitor();
	if (!h) return null;
	const ms = (ns: number) => Math.round(ns / 1e4) / 100;
	const figures = { p50Ms: ms(h.percentile(50)), p99Ms: ms(h.percentile(99)), maxMs: ms(h.max) };
	if (reset) h.reset();
	return figures;
}

// Sampling starts with the server, not with the first health request.
monitor();
