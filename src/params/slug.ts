import type { ParamMatcher } from '@sveltejs/kit';

/** A lowercase kebab-case key (OPD slug, indicator key). */
export const match: ParamMatcher = (param) => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(param);
