import type { ParamMatcher } from '@sveltejs/kit';

/** A four-digit evaluation year. */
export const match: ParamMatcher = (param) => /^(19|20|21)\d\d$/.test(param);
