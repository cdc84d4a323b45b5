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
const borders = { top: border, bottom: border, left: border, right: border };

/** Font sizes in half-points. */
const SIZE = { body: 24, table: 20, wide: 14, small: 20, h1: 28, cover: 32 };

function cell(text: string, size: number, bold = false): TableCell {
	return new TableCell({
		borders,
		children: [new Paragraph({ children: [new TextRun({ text, size, bold })] })]
	});
}

function table(b: Extract<DocBlock, { t: 'table' }>): (Paragraph | Table)[] {
	const size = b.wide ? SIZE.wide : SIZE.table;
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
			rows: [
				new TableRow({ tableHeader: true, children: b.head.map((h) => cell(h, size, true)) }),
				...b.rows.map(
					(r) => new TableRow({ cantSplit: true, children: r.map((c) => cell(c, size)) })
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
		styles: { default: { document: { run: { font: 'Times New Roman', size: SIZE.body } } } },
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
