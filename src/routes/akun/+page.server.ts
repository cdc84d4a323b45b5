import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { ROLE_LABELS } from '$lib/permissions';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { requireUser } from '$lib/server/auth/guards';
import { throttleMessage } from '$lib/server/auth/throttle';
import * as users from '$lib/server/accounts/users';
import { formValues } from '$lib/validation/form';
import { passwordChangeSchema } from '$lib/validation/password';
import type { Actions, PageServerLoad } from './$types';
import { failure, invalid } from '$lib/validation/failure';

export const load: PageServerLoad = async () => {
	const user = requireUser();
	const account = await users.findById(user.id);
	return {
		account: {
			username: user.username,
			displayName: user.displayName,
			roleLabel: ROLE_LABELS[user.role],
			opdName: account?.opdName ?? null,
			isDemo: user.isDemo,
			passwordChangedAt: account?.passwordChangedAt ?? null
		}
	};
};

export const actions: Actions = {
	password: async (event) => {
		const user = requireUser();
		const parsed = v.safeParse(passwordChangeSchema, formValues(await event.request.formData()));
		if (!parsed.success) return fail(400, invalid(parsed.issues));

		const { currentPassword, newPassword } = parsed.output;
		const fresh = await users.changeOwnPassword(
			user.id,
			currentPassword,
			newPassword,
			event.getClientAddress()
		);
		if (!fresh.ok && fresh.reason === 'throttled') {
			return fail(
				429,
				failure({ errors: { currentPassword: throttleMessage(fresh.retryAfterMs) } })
			);
		}
		if (!fresh.ok)
			return fail(400, failure({ errors: { currentPassword: 'Kata sandi saat ini salah.' } }));

		// Every old session (this one included) has ended; this browser continues on a new one.
		setSessionCookie(event, fresh.token, fresh.session.expiresAt);
		event.locals.sessionId = fresh.session.id;
		return { changed: true };
	}
};
