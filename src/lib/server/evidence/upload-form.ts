/**
 * Reads an evidence upload form without ever holding more than the cap: a body that says it is
 * larger is refused before a byte is read (Content-Length), and one that does not say (or lies)
 * is counted while it streams in and dropped as soon as it passes the cap. Only then is the
 * multipart form parsed, from the bytes already in memory.
 */
import { tooLargeMessage } from '../../validation/evidence-file';
import type { EvidenceLimits } from '../config';

/** Room for the form's other fields and the multipart boundaries around the file. */
export const FORM_OVERHEAD = 64 * 1024;

export type UploadForm =
	| { ok: true; fields: Record<string, string>; file: { name: string; bytes: Uint8Array } | null }
	| { ok: false; status: 400 | 413; message: string };

/** The request body, or null when it passes `cap` bytes (the rest is not read). */
async function readCapped(request: Request, cap: number): Promise<Uint8Array | null> {
	if (!request.body) return new Uint8Array();
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let total = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		total += value.length;
		if (total > cap) {
			await reader.cancel().catch(() => {});
			return null;
		}
		chunks.push(value);
	}
	const out = new Uint8Array(total);
	let at = 0;
	for (const c of chunks) {
		out.set(c, at);
		at += c.length;
	}
	return out;
}

/**
 * The fields and the one file (`file`) of an upload form, or a refusal: 413 for a body above
 * `limits.maxBytes` plus the form overhead, 400 for a body that is not a multipart form.
 */
export async function readUploadForm(
	request: Request,
	limits: Pick<EvidenceLimits, 'maxBytes'>
): Promise<UploadForm> {
	const cap = limits.maxBytes + FORM_OVERHEAD;
	const tooLarge = { ok: false, status: 413, message: tooLargeMessage(limits.maxBytes) } as const;
	const declared = Number(request.headers.get('content-length') ?? NaN);
	if (declared > cap) return tooLarge;
	const type = request.headers.get('content-type') ?? '';
	if (!type.toLowerCase().startsWith('multipart/form-data'))
		return {
			ok: false,
			status: 400,
			message: 'Formulir unggah harus dikirim sebagai multipart/form-data.'
		};
	const body = await readCapped(request, cap);
	if (!body) return tooLarge;
	let form: FormData;
	try {
		form = await new Response(body as BodyInit, { headers: { 'content-type': type } }).formData();
	} catch {
		return { ok: false, status: 400, message: 'Formulir unggah tidak dapat dibaca.' };
	}
	const fields: Record<string, string> = {};
	let file: { name: string; bytes: Uint8Array } | null = null;
	for (const [key, value] of form) {
		if (typeof value === 'string') fields[key] = value;
		else if (key === 'file' && value.size > 0)
			file = { name: value.name, bytes: new Uint8Array(await value.arrayBuffer()) };
		else if (key === 'file') file = { name: value.name, bytes: new Uint8Array() };
	}
	if (file && file.bytes.length > limits.maxBytes)
		return { ...tooLarge, message: tooLargeMessage(limits.maxBytes, file.name) };
	return { ok: true, fields, file };
}
