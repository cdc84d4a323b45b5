import { describe, expect, it } from 'vitest';
import { hashPassword, verifyDummyPassword, verifyPassword } from './password';

describe('passwords', () => {
	it('hash with argon2id and a fresh salt, and verify', async () => {
		const [a, b] = await Promise.all([
			hashPassword('rahasia-sekali'),
			hashPassword('rahasia-sekali')
		]);
		expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(a).not.toBe(b);
		expect(await verifyPassword(a, 'rahasia-sekali')).toBe(true);
		expect(await verifyPassword(a, 'Rahasia-sekali')).toBe(false);
	});

	it('treat a malformed hash as a mismatch', async () => {
		expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
		expect(await verifyPassword('', '')).toBe(false);
	});

	it('never accept anything for an unknown user', async () => {
		expect(await verifyDummyPassword('')).toBe(false);
		expect(await verifyDummyPassword('rahasia-sekali')).toBe(false);
	});
});
