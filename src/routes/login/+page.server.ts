import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { ACCOUNT_DISABLED, INVALID_CREDENTIALS, signIn } from '$lib/server/auth/login';
import { safeRedirectTarget } from '$lib/server/auth/redirect';
import { throttleMessage } from '$lib/server/auth/throttle';
import { usableDemoAccounts } from '$lib/server/accounts/users';
import { loginSchema } from '$lib/validation/login';
import { formValues } from '$lib/validation/form';
import type { Actions, PageServerLoad } from './$types';
import { failure, invalid } from '$lib/validation/failure';

// Public by design: this is the sign-in form (allowlisted in route-guards.test.ts).

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, safeRedirectTarget(url.searchParams.get('redirectTo')));
	// A demo installation says how to get in; a real one (no usable demo account) shows nothing.
	return { demoAccounts: await usableDemoAccounts() };
};

export const actions: Actions = {
	default: async (event) => {
		const raw = formValues(await event.request.formData());
		const values = { username: raw.username ?? '' };
		const parsed = v.safeParse(loginSchema, raw);
		if (!parsed.success) return fail(400, invalid(parsed.issues, { values }));

		const result = await signIn({ ...parsed.output, ip: event.getClientAddress() });
		if (!result.ok) {
			if (result.reason === 'throttled') {
				return fail(429, failure({ values, message: throttleMessage(result.retryAfterMs) }));
			}
			const message = result.reason === 'disabled' ? ACCOUNT_DISABLED : INVALID_CREDENTIALS;
			return fail(400, failure({ values, message }));
		}
		setSessionCookie(event, result.token, result.session.expiresAt);
		redirect(303, safeRedirectTarget(event.url.searchParams.get('redirectTo')));
	}
};
