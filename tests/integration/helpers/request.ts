/**
 * A SvelteKit request for driving a route's load, action or endpoint from a test, and the request
 * context the guards read through `getRequestEvent()`. A test file mocks `$app/server` with this
 * module, then builds each request with `request()` before calling the route:
 *
 *   vi.mock('$app/server', () => import('./helpers/request'));
 *   const page = await import('../../src/routes/…/+page.server');
 *   await run(page.load, request('/admin/pengguna', { user: who.admin }));
 *
 * Only type imports here: the mock factory loads this module while `$app/server` is being resolved.
 */
import type { Cookies, RequestEvent } from '@sveltejs/kit';
import type { SessionUser } from '../../../src/lib/server/auth/types';

/** Form fields: an object (one value per name), entries (a name may repeat) or a FormData. */
export type Form = Record<string, string | File> | [string, string | File][] | FormData;

export interface RequestOptions {
	/** The signed-in user; null (the default) is an anonymous request. */
	user?: SessionUser | null;
	/** Default: POST when there is a form, GET otherwise. */
	method?: string;
	form?: Form;
	params?: Record<string, string>;
	headers?: Record<string, string>;
	cookies?: Cookies;
	clientAddress?: string;
	/** Default http://localhost. */
	origin?: string;
}

let current: RequestEvent | undefined;

/** `$app/server`'s `getRequestEvent`, as the guards see it: the last request built. */
export function getRequestEvent(): RequestEvent {
	if (!current) throw new Error('no request in progress');
	return current;
}

/** Forgets the request in progress (a guard called after this throws). */
export function endRequest(): void {
	current = undefined;
}

/** Builds a request event for `path` (with its query string) and makes it the one in progress. */
export function request(path: string, options: RequestOptions = {}): RequestEvent {
	const url = new URL(`${options.origin ?? 'http://localhost'}${path}`);
	let body: FormData | undefined;
	if (options.form instanceof FormData) body = options.form;
	else if (options.form) {
		body = new FormData();
		if (Array.isArray(options.form)) for (const [k, v] of options.form) body.append(k, v);
		else for (const [k, v] of Object.entries(options.form)) body.set(k, v);
	}
	current = {
		url,
		params: options.params ?? {},
		request: new Request(url, {
			method: options.method ?? (body ? 'POST' : 'GET'),
			body,
			headers: options.headers
		}),
		locals: { user: options.user ?? null, sessionId: null },
		cookies: options.cookies ?? { set: () => {}, get: () => undefined, delete: () => {} },
		getClientAddress: () => options.clientAddress ?? '127.0.0.1'
	} as unknown as RequestEvent;
	return current;
}

/** Runs a load, action or endpoint handler and returns what it returned or threw. */
export async function run(fn: unknown, event: RequestEvent): Promise<unknown> {
	try {
		return await (fn as (e: RequestEvent) => unknown)(event);
	} catch (e) {
		return e;
	}
}
