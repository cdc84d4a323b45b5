import { MARK } from '../../src/lib/import/ticks';

/**
 * A large import file made on the fly (never committed): `rows` OPD rows × `categories` columns,
 * every OPD new, ticks in a fixed pattern. About 100 bytes a row, so 50,000 rows ≈ 5 MB.
 */
export function bigCsv(rows: number, categories = 13): string {
	const labels = Array.from({ length: categories }, (_, j) => `Kategori Uji ${j + 1}`);
	const lines = [['No', 'OPD', ...labels].join(',')];
	for (let i = 1; i <= rows; i++) {
		const cells = labels.map((_, j) =>
			(i * 7 + j * 3) % 4 === 0
				? MARK.present
				: (i + j) % 13 === 0
					? MARK.notApplicable
					: MARK.absent
		);
		lines.push(
			[String(i), `Kelurahan Uji Coba Nomor ${i} Kecamatan Contoh Kota Serang`, ...cells].join(',')
		);
	}
	return lines.join('\r\n') + '\r\n';
}
