/**
 * The statuses of an appeal (keberatan): filed and waiting, or answered either way. Pure;
 * `server/db/schema.ts` takes the appeals.status column's values from here.
 */
export const APPEAL_STATUSES = ['pending', 'granted', 'rejected'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];
