import { navFor } from '$lib/nav';
import type { LayoutServerLoad } from './$types';

/** Exposes only the signed-in user's own identity and menu; every page guards itself. */
export const load: LayoutServerLoad = ({ locals }) => {
	const user = locals.user;
	return {
		user: user
			? {
					username: user.username,
					displayName: user.displayName,
					role: user.role,
					isDemo: user.isDemo
				}
			: null,
		nav: navFor(user?.role ?? null)
	};
};
