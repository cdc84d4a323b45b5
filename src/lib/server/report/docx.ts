/**
 * The Laporan Tahunan as a Word file (.docx): the same blocks as the printable page, A4, Times New
 * Roman 12, tables with repeated header rows. Word is where the PPID edits and signs it.
 */
import {
	AlignmentType,
	BorderStyle,
	Document,
	HeadingLevel,
	LevelFormat,
	Packer,
	PageBreak,
	Paragraph,
	Table,
	TableCell,
	TableRow,
	TextRun,
	WidthType
} from 'docx';
import type { DocBlock, ReportDocument } from '../../report/document';

const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const tableBorders = {
	top: border,
	bottom: border,
	left: border,
	right: border,
	insideHorizontal: border,
	insideVertical: border
};

/** Font sizes in half-points. */
const SIZE = { body: 24, table: 20, wide: 14, small: 20, h1: 28, cover: 32 };

/**
 * One table cell: its paragraph takes the table's text style and the table draws every line,
 * so a cell is three small objects. The docx library builds an object tree per cell; with
 * borders and run properties on each of them a 1,000-OPD matrix took 1.5 s and 349 MB (now
 * 0.6 s and 108 MB).
 */
function cell(text: string, style: string): TableCell {
	return new TableCell({ children: [new Paragraph({ style, text })] });
}

function table(b: Extract<DocBlock, { t: 'table' }>): (Paragraph | Table)[] {
	const style = b.wide ? 'TabelLebar' : 'Tabel';
	return [
		...b.caption.map(
			(line) =>
				new Paragraph({
					alignment: AlignmentType.CENTER,
					keepNext: true,
					children: [new TextRun({ text: line, bold: true, size: SIZE.body })]
				})
		),
		new Table({
			width: { size: 100, type: WidthType.PERCENTAGE },
			borders: tableBorders,
			rows: [
				new TableRow({ tableHeader: true, children: b.head.map((h) => cell(h, `${style}Kepala`)) }),
				...b.rows.map(
					(r) => new TableRow({ cantSplit: true, children: r.map((c) => cell(c, style)) })
				)
			]
		}),
		new Paragraph({ children: [] })
	];
}

function blockToDocx(b: DocBlock, listIndex: number): (Paragraph | Table)[] {
	switch (b.t) {
		case 'cover':
			return b.lines.map(
				(line, i) =>
					new Paragraph({
						alignment: AlignmentType.CENTER,
						spacing: { before: i === 0 ? 3000 : 400 },
						children: [new TextRun({ text: line, bold: true, size: SIZE.cover })]
					})
			);
		case 'h1':
			return [
				new Paragraph({
					heading: HeadingLevel.HEADING_1,
					alignment: AlignmentType.CENTER,
					spacing: { after: 240 },
					children: b.lines.flatMap((line, i) => [
						new TextRun({ text: line, bold: true, size: SIZE.h1, break: i > 0 ? 1 : 0 })
					])
				})
			];
		case 'h2':
			return [
				new Paragraph({
					heading: HeadingLevel.HEADING_2,
					keepNext: true,
					spacing: { before: 240, after: 120 },
					children: [new TextRun({ text: b.text, bold: true, size: SIZE.body })]
				})
			];
		case 'p':
			return [
				new Paragraph({
					alignment: AlignmentType.JUSTIFIED,
					spacing: { after: 120, line: 360 },
					children: [new TextRun({ text: b.text, size: b.small ? SIZE.small : SIZE.body })]
				})
			];
		case 'ol':
			return b.items.map(
				(item) =>
					new Paragraph({
						alignment: AlignmentType.JUSTIFIED,
						numbering: { reference: 'numbered', level: 0, instance: listIndex },
						spacing: { line: 360 },
						children: [new TextRun({ text: item, size: SIZE.body })]
					})
			);
		case 'table':
			return table(b);
		case 'signature':
			return [b.placeDate, b.title, '', '', b.name, `NIP. ${b.nip}`].map(
				(line, i) =>
					new Paragraph({
						indent: { left: 4800 },
						children: [
							new TextRun({
								text: line,
								size: SIZE.body,
								bold: i === 4,
								underline: i === 4 ? {} : undefined
							})
						]
					})
			);
		case 'pagebreak':
			return [new Paragraph({ children: [new PageBreak()] })];
	}
}

/** The report as .docx bytes. */
export async function reportDocx(doc: ReportDocument): Promise<Uint8Array<ArrayBuffer>> {
	let lists = 0;
	const children = doc.blocks.flatMap((b) => blockToDocx(b, b.t === 'ol' ? ++lists : 0));
	const file = new Document({
		title: doc.title,
		creator: 'Monev DIP',
		styles: {
			default: { document: { run: { font: 'Times New Roman', size: SIZE.body } } },
			paragraphStyles: [
				{ id: 'Tabel', name: 'Tabel', run: { size: SIZE.table } },
				{ id: 'TabelKepala', name: 'Tabel kepala', run: { size: SIZE.table, bold: true } },
				{ id: 'TabelLebar', name: 'Tabel lebar', run: { size: SIZE.wide } },
				{ id: 'TabelLebarKepala', name: 'Tabel lebar kepala', run: { size: SIZE.wide, bold: true } }
			]
		},
		numbering: {
			config: [
				{
					reference: 'numbered',
					levels: [
						{
							level: 0,
							format: LevelFormat.DECIMAL,
							text: '%1.',
							alignment: AlignmentType.START,
							style: { paragraph: { indent: { left: 720, hanging: 360 } } }
						}
					]
				}
			]
		},
		sections: [
			{
				properties: {
					page: {
						// A4 in twentieths of a point, 2 cm margins.
						size: { width: 11906, height: 16838 },
						margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 }
					}
				},
				children
			}
		]
	});
	return new Uint8Array(await Packer.toBuffer(file));
}
