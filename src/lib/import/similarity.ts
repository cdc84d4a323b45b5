/**
 * Fuzzy text similarity for matching OPD names and category labels across years and files:
 * the mean of a Dice coefficient on words and one on the character bigrams of those words.
 * Word overlap guards against two names that merely share letters; bigrams forgive typos
 * ("Tertuar" / "Tertuang").
 */

/** Dice coefficient of two word sets: 2·|A∩B| / (|A|+|B|). */
export function tokenDice(a: string[], b: string[]): number {
	const setA = new Set(a);
	const setB = new Set(b);
	if (setA.size === 0 && setB.size === 0) return 1;
	let shared = 0;
	for (const token of setA) if (setB.has(token)) shared++;
	return (2 * shared) / (setA.size + setB.size);
}

function bigrams(tokens: string[]): Map<string, number> {
	const counts = new Map<string, number>();
	for (const token of tokens) {
		// A one-letter word has no bigram; count the letter itself so it still weighs something.
		const grams = token.length < 2 ? [token] : [];
		for (let i = 0; i < token.length - 1; i++) grams.push(token.slice(i, i + 2));
		for (const gram of grams) counts.set(gram, (counts.get(gram) ?? 0) + 1);
	}
	return counts;
}

/** Dice coefficient on the multisets of character bigrams taken inside each word. */
export function bigramDice(a: string[], b: string[]): number {
	const gramsA = bigrams(a);
	const gramsB = bigrams(b);
	let sizeA = 0;
	let sizeB = 0;
	let shared = 0;
	for (const count of gramsA.values()) sizeA += count;
	for (const count of gramsB.values()) sizeB += count;
	if (sizeA === 0 && sizeB === 0) return 1;
	for (const [gram, count] of gramsA) shared += Math.min(count, gramsB.get(gram) ?? 0);
	return (2 * shared) / (sizeA + sizeB);
}

/** Similarity in [0, 1] of two word lists: mean of word Dice and bigram Dice. */
export function wordSimilarity(a: string[], b: string[]): number {
	return (tokenDice(a, b) + bigramDice(a, b)) / 2;
}
