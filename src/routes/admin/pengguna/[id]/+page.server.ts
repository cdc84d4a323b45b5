import { error, fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { ROLE_LABELS, ROLES } from '$lib/permissions';
import { requireCapability } from '$lib/server/auth/guards';
import * as users from '$lib/server/accounts/users';
import { formValues, parseId } from '$lib/validation/form';
import { passwordResetSchema } from '$lib/validation/password';
import { roleAssignSchema } from '$lib/validation/user';
import type { Actions, PageServerLoad } from './$types';
import { failure, invalid } from '$lib/validation/failure';

function userIdOf(param: string): number {
	const id = parseId(param);
	if (id === null) error(404, 'Pengguna tidak ditemukan.');
	return id;
}

/** Runs a users verb; a rule the admin can fix comes back as a form error under `action`. */
async function attempt(action: string, run: () => Promise<void>) {
	try {
		await run();
		return { action, done: true };
	} catch (e) {
		if (!(e instanceof users.UserInputError)) throw e;
		return fail(400, failure({ action, errors: { [e.field]: e.message } }));
	}
}

export const load: PageServerLoad = async ({ params }) => {
	requireCapability('users.manage');
	const [user, opds] = await Promise.all([
		users.findById(userIdOf(params.id)),
		users.listOpdOptions()
	]);
	if (!user) error(404, 'Pengguna tidak ditemukan.');
	return {
		user: { ...user, roleLabel: ROLE_LABELS[user.role], disabled: user.disabledAt !== null },
		opds: opds.map((o) => ({ id: o.id, name: o.name })),
		roles: ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }))
	};
};

export const actions: Actions = {
	role: async ({ params, request }) => {
		const admin = requireCapability('users.manage');
		const parsed = v.safeParse(roleAssignSchema, formValues(await request.formData()));
		if (!parsed.success) return fail(400, invalid(parsed.issues, { action: 'role' }));
		const { role, opdId } = parsed.output;
		return attempt('role', () =>
			users.setRole(userIdOf(params.id), role, opdId, users.actorOf(admin))
		);
	},
	password: async ({ params, request }) => {
		const admin = requireCapability('users.manage');
		const parsed = v.safeParse(passwordResetSchema, formValues(await request.formData()));
		if (!parsed.success) return fail(400, invalid(parsed.issues, { action: 'password' }));
		return attempt('password', () =>
			users.resetPassword(userIdOf(params.id), parsed.output.password, users.actorOf(admin))
		);
	},
	disable: async ({ params }) => {
		const admin = requireCapability('users.manage');
		return attempt('disable', () => users.disable(userIdOf(params.id), users.actorOf(admin)));
	},
	enable: async ({ params }) => {
		const admin = requireCapability('users.manage');
		return attempt('enable', () => users.enable(userIdOf(params.id), users.actorOf(admin)));
	}
};
