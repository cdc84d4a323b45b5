import * as v from 'valibot';
import { PASSWORD_MAX_LENGTH } from './password';

/**
 * The sign-in form. Deliberately loose (no username pattern): any malformed input gets the same
 * generic refusal as a wrong password.
 */
export const loginSchema = v.object({
	username: v.pipe(
		v.string('Isi nama pengguna.'),
		v.trim(),
		v.toLowerCase(),
		v.nonEmpty('Isi nama pengguna.'),
		v.maxLength(64, 'Nama pengguna atau kata sandi salah')
	),
	password: v.pipe(
		v.string('Isi kata sandi.'),
		v.nonEmpty('Isi kata sandi.'),
		v.maxLength(PASSWORD_MAX_LENGTH, 'Nama pengguna atau kata sandi salah')
	)
});
