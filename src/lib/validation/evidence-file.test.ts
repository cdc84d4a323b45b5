import { describe, expect, it } from 'vitest';
import { evidenceFileName, formatBytes, sniffEvidence, tooLargeMessage } from './evidence-file';

const bytes = (...parts: (number[] | string)[]) =>
	new Uint8Array(
		parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p))
	);

// Real prefixes: a PDF 1.7 header, a PNG signature + IHDR, JFIF and EXIF JPEG starts.
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
const JFIF = [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00];
const EXIF = [0xff, 0xd8, 0xff, 0xe1, 0x1f, 0xfe, 0x45, 0x78, 0x69, 0x66, 0x00];

describe('sniffEvidence', () => {
	it.each([
		['a PDF', bytes('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj'), 'a.pdf', 'pdf', 'application/pdf'],
		['a PNG', bytes(PNG), 'a.png', 'png', 'image/png'],
		['a JFIF JPEG', bytes(JFIF), 'a.jpg', 'jpeg', 'image/jpeg'],
		['an EXIF JPEG (camera) named .jpeg', bytes(EXIF), 'IMG_1.JPEG', 'jpeg', 'image/jpeg'],
		['a PNG named .pdf (the bytes decide)', bytes(PNG), 'scan.pdf', 'png', 'image/png']
	])('accepts %s', (_, data, name, type, mime) => {
		expect(sniffEvidence(data, name)).toMatchObject({ ok: true, type, mime });
	});

	it.each([
		['an HTML page renamed .pdf', bytes('<!DOCTYPE html><html><script>'), /isinya HTML/],
		['HTML with a BOM and spaces', bytes([0xef, 0xbb, 0xbf], '  \n<html>'), /isinya HTML/],
		['an SVG renamed .png', bytes('<svg xmlns="http://www.w3.org/2000/svg">'), /XML\/SVG/],
		['a DOCX (zip)', bytes([0x50, 0x4b, 0x03, 0x04, 20, 0]), /ZIP/],
		['a GIF', bytes('GIF89a'), /GIF/],
		[
			'plain text',
			bytes('hanya teks'),
			/bukan PDF, JPG atau PNG\. Jenis berkas dibaca dari isinya/
		],
		['a truncated PNG signature', bytes(PNG.slice(0, 5)), /bukan PDF, JPG atau PNG/],
		['"%PDF" without the dash', bytes('%PDF1.4'), /bukan PDF/]
	])('refuses %s', (_, data, message) => {
		const r = sniffEvidence(data, 'bukti.pdf');
		expect(r.ok).toBe(false);
		if (!r.ok) {
			expect(r.message).toMatch(message);
			expect(r.message).toContain('"bukti.pdf"');
		}
	});

	it('refuses an empty file by name', () => {
		expect(sniffEvidence(new Uint8Array(), 'kosong.pdf')).toEqual({
			ok: false,
			message: 'Berkas "kosong.pdf" kosong (0 bita).'
		});
	});
});

describe('evidenceFileName', () => {
	it.each([
		['SK PPID.pdf', 'pdf', 'SK PPID.pdf'],
		['scan.pdf', 'png', 'scan.png'],
		['C:\\Users\\op\\foto "1".JPEG', 'jpeg', 'foto 1.jpg'],
		['../../etc/passwd', 'pdf', 'passwd.pdf'],
		['.pdf', 'pdf', 'bukti.pdf'],
		['a\u0000b\r\n.png', 'png', 'ab.png']
	] as const)('%s as %s → %s', (name, type, expected) => {
		expect(evidenceFileName(name, type)).toBe(expected);
	});

	it('keeps at most 120 characters of the name', () => {
		expect(evidenceFileName(`${'x'.repeat(300)}.pdf`, 'pdf')).toBe(`${'x'.repeat(120)}.pdf`);
	});
});

describe('sizes in words', () => {
	it.each([
		[0, '0 B'],
		[1023, '1023 B'],
		[1536, '1,5 KB'],
		[2 * 1024 * 1024, '2 MB'],
		[50 * 1024 * 1024, '50 MB']
	])('%i → %s', (n, text) => expect(formatBytes(n)).toBe(text));

	it('the size refusal names the cap and the file', () => {
		expect(tooLargeMessage(2 * 1024 * 1024, 'besar.pdf')).toMatch(
			/^Berkas "besar.pdf" terlalu besar: paling besar 2 MB per berkas/
		);
	});
});
