/**
 * The matrix's "leave this OPD out" form: which OPD, which way ("tidak dinilai" with a reason or
 * "tidak berpartisipasi", reason optional; the submit button carries the kind), or `rate` to rate
 * it again. Read from FormData values; a form without `kind` means "tidak dinilai".
 */
import * as v from 'valibot';
import {
	DEFAULT_NOT_RATED_KIND,
	NOT_RATED_KINDS,
	notRatedReasonProblem
} from '../workflow/not-rated';
import { CONFIRM_VALUE } from '../workflow/readiness';
import { TEXT_LIMITS } from './text-limits';

export const notRatedSchema = v.pipe(
	v.object({
		opd: v.pipe(v.string('Pilih OPD.'), v.trim(), v.nonEmpty('Pilih OPD.')),
		kind: v.optional(
			v.picklist(NOT_RATED_KINDS, 'Pilih "tidak dinilai" atau "tidak berpartisipasi".'),
			DEFAULT_NOT_RATED_KIND
		),
		reason: v.pipe(
			v.optional(v.string(), ''),
			v.trim(),
			v.maxLength(TEXT_LIMITS.text, `Alasan paling banyak ${TEXT_LIMITS.text} karakter.`)
		),
		rate: v.optional(v.literal(CONFIRM_VALUE))
	}),
	v.forward(
		v.check(
			(f) => f.rate !== undefined || notRatedReasonProblem(f.kind, f.reason) === null,
			'Tuliskan alasan OPD tidak dinilai (minimal 5 karakter).'
		),
		['reason']
	)
);
export type NotRatedForm = v.InferOutput<typeof notRatedSchema>;
