import { navFor } from '$lib/nav';
import { readTimeZone } from '$lib/server/config';
import type { LayoutServerLoad } from './$types';

/**
 * Exposes only the signed-in user's own identity and menu, and the zone dates are written in;
 * every page guards itself.
 */
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
		nav: navFor(user?.role ?? null),
		// Dates and times are written in this zone on the server and in the browser alike.
		timeZone: readTimeZone()
	};
};
