import { error } from '@sveltejs/kit';
import { requireCapability } from '$lib/server/auth/guards';
import { evidenceForDownload } from '$lib/server/evidence/files';
import { maySeeEvidence } from '$lib/workflow/evidence-access';
import type { RequestHandler } from './$types';

/**
 * One evidence file, always as an attachment with its sniffed type and nosniff (the browser never
 * renders it in the app's origin), to whoever may see its cell (workflow/evidence-access.ts).
 */
export const GET: RequestHandler = async ({ params }) => {
	const user = requireCapability('evidence.view');
	const id = Number(params.id);
	const file = Number.isInteger(id) && id > 0 ? await evidenceForDownload(id) : null;
	if (!file) error(404, 'Berkas bukti tidak ditemukan.');
	if (!maySeeEvidence(user, file, file.status))
		error(403, 'Anda tidak berhak melihat berkas bukti ini.');
	const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
	return new Response(new Uint8Array(file.content), {
		headers: {
			'content-type': file.mimeType,
			'content-length': String(file.content.length),
			'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
			'x-content-type-options': 'nosniff',
			'content-security-policy': "default-src 'none'; sandbox",
			'cache-control': 'private, no-store',
			'x-evidence-sha256': file.sha256
		}
	});
};
