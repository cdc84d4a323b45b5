import { fail } from '@sveltejs/kit';
import { requireCapability } from '$lib/server/auth/guards';
import { actorOf } from '$lib/server/accounts/users';
import { openComposerYear, saveMeta, saveSection } from '$lib/server/report/composer';
import { warmReportThread } from '$lib/server/report/report-thread';
import { editableToTable, TABLE_SECTIONS, tableToEditable } from '$lib/report/narrative';
import { formValues } from '$lib/validation/form';
import { readMeta, readSection } from '$lib/validation/report';
import type { Actions, PageServerLoad } from './$types';
import { failure } from '$lib/validation/failure';

/**
 * The Laporan Tahunan composer of a year: the narrative sections, the signatory and the budget.
 * A year without text starts (on this first open) as a copy of the latest earlier year.
 */
export const load: PageServerLoad = async ({ params }) => {
	const user = requireCapability('report.compose');
	const year = Number(params.year);
	const composer = await openComposerYear(year, actorOf(user));
	// The page offers the Word download: its thread starts now, not when it is asked for.
	warmReportThread();
	return {
		year,
		origin: composer.meta.origin,
		meta: {
			signatoryName: composer.meta.signatoryName,
			signatoryNip: composer.meta.signatoryNip,
			signatoryTitle: composer.meta.signatoryTitle,
			signatoryPlace: composer.meta.signatoryPlace,
			signatoryDate: composer.meta.signatoryDate,
			budgetAmount: composer.meta.budgetAmount,
			budgetSource: composer.meta.budgetSource
		},
		sections: composer.sections.map((s) => {
			const columns = TABLE_SECTIONS[s.key] ?? null;
			return { ...s, body: columns ? tableToEditable(s.body) : s.body, columns };
		})
	};
};

export const actions: Actions = {
	section: async ({ request, params }) => {
		const user = requireCapability('report.compose');
		const values = formValues(await request.formData());
		const read = readSection(values);
		if (!read.ok)
			return fail(400, failure({ values, errors: read.errors, message: 'Teks belum disimpan.' }));
		const { key, body } = read.value;
		const stored = TABLE_SECTIONS[key] ? editableToTable(body) : body;
		await saveSection(Number(params.year), key, stored, actorOf(user));
		return { done: 'Bagian disimpan.', key };
	},
	meta: async ({ request, params }) => {
		const user = requireCapability('report.compose');
		const values = formValues(await request.formData());
		const read = readMeta(values);
		if (!read.ok)
			return fail(
				400,
				failure({ values, errors: read.errors, message: 'Penanda tangan belum disimpan.' })
			);
		await saveMeta(Number(params.year), read.value, actorOf(user));
		return { done: 'Penanda tangan dan anggaran disimpan.', key: 'meta' };
	}
};
