import type { ParamMatcher } from '@sveltejs/kit';
import { isRegisterSlug } from '$lib/registers/forms';

/** One of the desk's register forms: permohonan, rekap-permohonan, keberatan, … */
export const match: ParamMatcher = (param) => isRegisterSlug(param);
