import autocannon from 'autocannon';

export interface LoadResult {
	rps: number;
	p50: number;
	p99: number;
	non2xx: number;
}

/** autocannon on loopback: bounded duration and connections, as the issue asks. */
export async function load(
	url: string,
	seconds: number,
	connections = 10,
	headers: Record<string, string> = {}
): Promise<LoadResult> {
	const result = await autocannon({ url, duration: seconds, connections, headers });
	return {
		rps: Math.round(result.requests.average),
		p50: result.latency.p50,
		p99: result.latency.p99,
		non2xx: result.non2xx
	};
}
