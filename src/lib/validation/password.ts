import * as v from 'valibot';

export const PASSWORD_MIN_LENGTH = 10;
/** argon2 hashes whatever it is given: a cap keeps a huge "password" from costing the server. */
export const PASSWORD_MAX_LENGTH = 256;

/** A new password (set by its owner, an admin, or the CLI). */
export const newPassword = v.pipe(
	v.string('Isi kata sandi.'),
	v.minLength(PASSWORD_MIN_LENGTH, `Kata sandi minimal ${PASSWORD_MIN_LENGTH} karakter.`),
	v.maxLength(PASSWORD_MAX_LENGTH, `Kata sandi maksimal ${PASSWORD_MAX_LENGTH} karakter.`)
);

/** /akun: change one's own password. */
export const passwordChangeSchema = v.pipe(
	v.object({
		currentPassword: v.pipe(
			v.string('Isi kata sandi saat ini.'),
			v.nonEmpty('Isi kata sandi saat ini.'),
			v.maxLength(PASSWORD_MAX_LENGTH, 'Kata sandi saat ini salah.')
		),
		newPassword,
		confirmPassword: v.string('Ulangi kata sandi baru.')
	}),
	v.forward(
		v.partialCheck(
			[['newPassword'], ['confirmPassword']],
			(input) => input.newPassword === input.confirmPassword,
			'Ulangan kata sandi baru tidak sama.'
		),
		['confirmPassword']
	),
	v.forward(
		v.partialCheck(
			[['currentPassword'], ['newPassword']],
			(input) => input.currentPassword !== input.newPassword,
			'Kata sandi baru harus berbeda dari yang lama.'
		),
		['newPassword']
	)
);

/** Admin: set a new password for another user. */
export const passwordResetSchema = v.object({ password: newPassword });
