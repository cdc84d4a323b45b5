import { requireUser } from '$lib/server/auth/guards';
import * as notifications from '$lib/server/workflow/notifications';
import type { Actions, PageServerLoad } from './$types';

/** The signed-in user's own notifications (the user id is in the query). */
export const load: PageServerLoad = async () => {
	const user = requireUser();
	const [list, reminders] = await Promise.all([
		notifications.listFor(user.id),
		user.role === 'operator' && user.opdId ? notifications.deadlineReminders(user.opdId) : []
	]);
	return {
		reminders: reminders.map((r) => ({ year: r.year, message: r.message, href: r.href })),
		notifications: list.map((n) => ({
			id: n.id,
			message: n.message,
			href: n.href,
			at: n.createdAt.toISOString(),
			unread: n.readAt === null
		}))
	};
};

export const actions: Actions = {
	read: async () => {
		const user = requireUser();
		await notifications.markAllRead(user.id);
		return { read: true };
	}
};
