/**
 * A large import file made on the fly (never committed): `rows` OPD rows × 13 categories,
 * every OPD new ("Kelurahan Uji 1" …), ticks in a fixed pattern. About 100 bytes a row.
 */
export function bigCsv(rows: number, categories = 13): string {
	const labels = Array.from({ length: categories }, (_, j) => `Kategori Uji ${j + 1}`);
	const lines = [['No', 'OPD', ...labels].join(',')];
	for (let i = 1; i <= rows; i++) {
		const cells = labels.map((_, j) =>
			(i * 7 + j * 3) % 4 === 0 ? '√' : (i + j) % 13 === 0 ? 'n/a' : ''
		);
		lines.push([String(i), `Kelurahan Uji ${i}`, ...cells].join(','));
	}
	return lines.join('\r\n') + '\r\n';
}
