/** Award points as typed or imported. Pure, no dependencies (forms import it too). */

/** "250", "12,5", "1.250,5" (Indonesian) or "12.5" as a number; null when not one. */
export function readPoints(text: string): number | null {
	const t = text.trim().replace(/\s/g, '');
	if (/^\d+$/.test(t)) return Number(t);
	if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(t)) return Number(t.replace(/\./g, '').replace(',', '.'));
	if (/^\d+,\d+$/.test(t)) return Number(t.replace(',', '.'));
	if (/^\d+\.\d+$/.test(t)) return Number(t);
	return null;
}
