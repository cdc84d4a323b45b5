/**
 * Evidence files: what is accepted (PDF, JPG, PNG), read from the first bytes of the file, never
 * from its name or the type the browser claims. A `.pdf` that is really an HTML page is refused:
 * served back later it would be whatever the uploader wanted it to be. Pure.
 */

export const EVIDENCE_TYPES = {
	pdf: { mime: 'application/pdf', ext: 'pdf', label: 'PDF' },
	jpeg: { mime: 'image/jpeg', ext: 'jpg', label: 'JPG' },
	png: { mime: 'image/png', ext: 'png', label: 'PNG' }
} as const;
export type EvidenceType = keyof typeof EVIDENCE_TYPES;

/** The `accept` attribute of the file inputs (a hint for the picker; the server sniffs). */
export const EVIDENCE_ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
	bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);

/** What the refused bytes look like, for the message ("isinya HTML"), or null when unknown. */
function lookalike(bytes: Uint8Array): string | null {
	const head = new TextDecoder('utf-8', { fatal: false })
		.decode(bytes.subarray(0, 512))
		.replace(/^\uFEFF/, '')
		.trimStart()
		.toLowerCase();
	if (/^<(!doctype html|html|head|body|script|iframe|svg|\?xml)/.test(head))
		return head.startsWith('<svg') || head.startsWith('<?xml') ? 'XML/SVG' : 'HTML';
	if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'ZIP (mis. DOCX atau XLSX)';
	if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'GIF';
	if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return 'dokumen Office lama (DOC/XLS)';
	if (startsWith(bytes, [0x4d, 0x5a])) return 'program (EXE)';
	return null;
}

export type SniffResult =
	{ ok: true; type: EvidenceType; mime: string; ext: string } | { ok: false; message: string };

/**
 * The type of an evidence file from its magic bytes: `%PDF-` (PDF), `FF D8 FF` (JPEG) or the
 * eight-byte PNG signature. Anything else, and an empty file, is refused with a message naming
 * the file.
 */
export function sniffEvidence(bytes: Uint8Array, name: string): SniffResult {
	const shown = `"${name}"`;
	if (bytes.length === 0) return { ok: false, message: `Berkas ${shown} kosong (0 bita).` };
	const type: EvidenceType | null = startsWith(bytes, PDF)
		? 'pdf'
		: startsWith(bytes, PNG)
			? 'png'
			: startsWith(bytes, JPEG)
				? 'jpeg'
				: null;
	if (type)
		return { ok: true, type, mime: EVIDENCE_TYPES[type].mime, ext: EVIDENCE_TYPES[type].ext };
	const looks = lookalike(bytes);
	return {
		ok: false,
		message:
			`Berkas ${shown} bukan PDF, JPG atau PNG${looks ? `: isinya ${looks}` : ''}. ` +
			'Jenis berkas dibaca dari isinya, bukan dari namanya; simpan atau pindai ulang sebagai PDF, JPG atau PNG.'
	};
}

/**
 * The name a file is stored and served under: the uploaded name's base (no folders, no control
 * or quote characters, at most 120 characters) with the extension of its sniffed type.
 */
export function evidenceFileName(name: string, type: EvidenceType): string {
	const base =
		name
			.split(/[\\/]/)
			.pop()!
			.replace(/\.[^.]*$/, '')
			// eslint-disable-next-line no-control-regex
			.replace(/[\u0000-\u001f\u007f"*:<>?|;]/g, '')
			.replace(/\s+/g, ' ')
			.trim()
			.slice(0, 120) || 'bukti';
	return `${base}.${EVIDENCE_TYPES[type].ext}`;
}

/** Bytes in words: "850 B", "12,3 KB", "1,5 MB" (1 KB = 1024 B). */
export function formatBytes(n: number): string {
	if (n < 1024) return `${n} B`;
	const units = ['KB', 'MB', 'GB'];
	let value = n / 1024;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	return `${value.toLocaleString('id-ID', { maximumFractionDigits: 1 })} ${units[unit]}`;
}

/** The refusal of a file above the size cap. */
export function tooLargeMessage(maxBytes: number, name?: string): string {
	return `Berkas${name ? ` "${name}"` : ''} terlalu besar: paling besar ${formatBytes(maxBytes)} per berkas. Perkecil (kompres PDF atau gambar) lalu unggah lagi.`;
}
