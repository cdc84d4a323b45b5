import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { ROLE_LABELS, ROLES } from '$lib/permissions';
import { requireCapability } from '$lib/server/auth/guards';
import * as users from '$lib/server/accounts/users';
import { formValues } from '$lib/validation/form';
import { userCreateSchema } from '$lib/validation/user';
import type { Actions, PageServerLoad } from './$types';
import { failure, invalid } from '$lib/validation/failure';

export const load: PageServerLoad = async () => {
	requireCapability('users.manage');
	const [all, opds] = await Promise.all([users.list(), users.listOpdOptions()]);
	return {
		users: all.map((u) => ({
			id: u.id,
			username: u.username,
			displayName: u.displayName,
			roleLabel: ROLE_LABELS[u.role],
			opdName: u.opdName,
			isDemo: u.isDemo,
			disabled: u.disabledAt !== null
		})),
		opds: opds.map((o) => ({ id: o.id, name: o.name })),
		roles: ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }))
	};
};

export const actions: Actions = {
	create: async (event) => {
		const admin = requireCapability('users.manage');
		const raw = formValues(await event.request.formData());
		// Sent back to refill the form: everything but the password.
		const values = Object.fromEntries(Object.entries(raw).filter(([key]) => key !== 'password'));
		const parsed = v.safeParse(userCreateSchema, raw);
		if (!parsed.success) return fail(400, invalid(parsed.issues, { values }));
		try {
			const created = await users.create(parsed.output, users.actorOf(admin));
			return { created: created.username };
		} catch (e) {
			if (e instanceof users.UserInputError)
				return fail(400, failure({ values, errors: { [e.field]: e.message } }));
			throw e;
		}
	}
};
