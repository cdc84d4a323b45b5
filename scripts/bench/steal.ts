import { readFileSync } from 'node:fs';

/** Cumulative CPU ticks of the machine, and those stolen by the hypervisor (`/proc/stat`). */
export interface CpuTicks {
	steal: number;
	total: number;
}

/**
 * The machine's CPU counters now, or null where there is no `/proc/stat`. On a shared virtual
 * machine other guests take CPU time ("steal"); measured on these machines: 1 % when quiet, 20 %
 * on average and up to 63 % during a full bench on a busy day, enough to double a latency.
 */
export function cpuTicks(): CpuTicks | null {
	try {
		const first = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
		// cpu  user nice system idle iowait irq softirq steal guest guest_nice (guest is in user)
		const fields = first.trim().split(/\s+/).slice(1, 9).map(Number);
		if (fields.length < 8 || fields.some((x) => !Number.isFinite(x))) return null;
		return { steal: fields[7]!, total: fields.reduce((a, b) => a + b, 0) };
	} catch {
		return null;
	}
}

/** Percentage of the machine's CPU time stolen since `since`, one decimal; null if unknown. */
export function stealPercent(since: CpuTicks | null, now = cpuTicks()): number | null {
	if (!since || !now || now.total <= since.total) return null;
	return Math.round(((now.steal - since.steal) / (now.total - since.total)) * 1000) / 10;
}
