/**
 * The public body the annual report speaks for ("Pemerintah Kota Serang"), printed in the report
 * table's title. From MONEV_ORGANIZATION; the default fits the demo data.
 */
export function organizationName(env: NodeJS.ProcessEnv = process.env): string {
	return env.MONEV_ORGANIZATION?.trim() || 'Pemerintah Kota Serang';
}
