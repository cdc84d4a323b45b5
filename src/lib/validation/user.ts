import * as v from 'valibot';
import { ROLES, type Role } from '../permissions';
import { newPassword } from './password';

/** Lowercase letters, digits, dot, dash, underscore; 3–32 characters, starting alphanumeric. */
export const username = v.pipe(
	v.string('Isi nama pengguna.'),
	v.trim(),
	v.toLowerCase(),
	v.regex(
		/^[a-z0-9][a-z0-9._-]{2,31}$/,
		'Nama pengguna 3–32 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung.'
	)
);

export const displayName = v.pipe(
	v.string('Isi nama lengkap.'),
	v.trim(),
	v.nonEmpty('Isi nama lengkap.'),
	v.maxLength(100, 'Nama lengkap maksimal 100 karakter.')
);

export const role = v.picklist(
	ROLES,
	'Pilih peran: admin, evaluator, operator, pimpinan atau petugas.'
);

/** The OPD select: empty means none. */
export const opdId = v.pipe(
	v.optional(v.string(), ''),
	v.trim(),
	v.transform((s) => (s === '' ? null : Number(s))),
	v.nullable(v.pipe(v.number('Pilih OPD.'), v.integer('Pilih OPD.'), v.minValue(1, 'Pilih OPD.')))
);

const OPERATOR_NEEDS_OPD = 'Operator harus terikat pada satu OPD: pilih OPD-nya.';
const hasOpdIfOperator = (input: { role: Role; opdId: number | null }) =>
	input.role !== 'operator' || input.opdId !== null;

/** Admin: create a user. */
export const userCreateSchema = v.pipe(
	v.object({ username, displayName, role, opdId, password: newPassword }),
	v.forward(v.partialCheck([['role'], ['opdId']], hasOpdIfOperator, OPERATOR_NEEDS_OPD), ['opdId'])
);

/** Admin: change a user's role and, for an operator, their OPD. */
export const roleAssignSchema = v.pipe(
	v.object({ role, opdId }),
	v.forward(v.partialCheck([['role'], ['opdId']], hasOpdIfOperator, OPERATOR_NEEDS_OPD), ['opdId'])
);

export type UserCreateInput = v.InferOutput<typeof userCreateSchema>;
