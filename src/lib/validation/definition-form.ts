/**
 * The rubric editor's "what counts" form of one indicator (issue 13 §3): its operational
 * definition, examples of acceptable and unacceptable evidence (one per line) and whether
 * evidence is required (bukti wajib). Pure; one schema, read from the form's values.
 */
import * as v from 'valibot';
import { TEXT_LIMITS } from './text-limits';

/** Trimmed text, line endings made `\n`, at most the notes' limit, named in the refusal. */
const longText = (label: string) =>
	v.pipe(
		v.optional(v.string(), ''),
		v.transform((text) => text.replace(/\r\n?/g, '\n').trim()),
		v.maxLength(
			TEXT_LIMITS.text,
			`${label} terlalu panjang: paling banyak ${TEXT_LIMITS.text.toLocaleString('id-ID')} karakter.`
		)
	);

export const definitionSchema = v.object({
	indicatorId: v.pipe(
		v.string('Indikator tidak dikenal.'),
		v.regex(/^[1-9][0-9]{0,9}$/, 'Indikator tidak dikenal.'),
		v.transform(Number)
	),
	definition: longText('Definisi operasional'),
	acceptableEvidence: longText('Contoh bukti yang diterima'),
	unacceptableEvidence: longText('Contoh bukti yang tidak diterima'),
	// An unticked checkbox sends nothing.
	evidenceRequired: v.pipe(
		v.optional(v.string(), ''),
		v.transform((raw) => raw === 'on' || raw === '1')
	)
});

export type DefinitionInput = v.InferOutput<typeof definitionSchema>;
/** What an indicator says counts, as stored (without its id). */
export type IndicatorDefinition = Omit<DefinitionInput, 'indicatorId'>;

/** The examples of an evidence field, one per non-empty line (what pages list). */
export function exampleLines(text: string | null | undefined): string[] {
	return (text ?? '')
		.split('\n')
		.map((line) => line.replace(/^\s*[-•*]\s*/, '').trim())
		.filter((line) => line !== '');
}

/** Whether an indicator says anything about what counts (pages skip the block otherwise). */
export function hasDefinition(d: IndicatorDefinition): boolean {
	return (
		d.definition !== '' ||
		d.acceptableEvidence !== '' ||
		d.unacceptableEvidence !== '' ||
		d.evidenceRequired
	);
}
