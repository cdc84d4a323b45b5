import { page } from '$app/state';
import { DEFAULT_TIME_ZONE, formatDate, formatDateTime } from '$lib/datetime';

/**
 * The app's date and time format in the zone the server is set to (MONEV_TIMEZONE, sent in the
 * root layout's data), so a page reads the same rendered on the server and after hydration, in
 * whatever zone the browser is. Call it while a component initialises (it reads `page`).
 */
export function useTimeFormat() {
	const zone = (page.data.timeZone as string | undefined) ?? DEFAULT_TIME_ZONE;
	return {
		zone,
		/** "2 Desember 2026" */
		date: (at: Date | string | number) => formatDate(at, zone),
		/** "2 Desember 2026 pukul 16.46 WIB" */
		dateTime: (at: Date | string | number) => formatDateTime(at, zone)
	};
}
