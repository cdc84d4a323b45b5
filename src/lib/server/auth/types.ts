import type { Role } from '../db/schema';

/** What the app knows about the signed-in user for the length of a request. */
export interface SessionUser {
	id: number;
	username: string;
	displayName: string;
	role: Role;
	/** Operators only: the one OPD they answer for. */
	opdId: number | null;
	isDemo: boolean;
}
