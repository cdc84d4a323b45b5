import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every .ts file under a directory, recursively. */
function tsFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []
	);
}

const importsOf = (file: string) =>
	[
		...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)
	].map((m) => m[1]!);

// Imports run one way: routes → lib/server → lib/scoring, lib/import (../shared/STYLE.md).
describe.each([
	'src/lib/scoring',
	'src/lib/import',
	'src/lib/insights',
	'src/lib/workflow',
	'src/lib/registers',
	'src/lib/report'
])('%s stays framework-free', (dir) => {
	it.each(tsFiles(dir).filter((f) => !f.endsWith('.test.ts')))(
		'%s imports no framework, database or server module',
		(file) => {
			for (const spec of importsOf(file)) {
				expect(spec, `${file} imports ${spec}`).not.toMatch(
					/^(svelte|@sveltejs\/|\$app|\$env|drizzle-orm|@libsql|\$lib\/server|node:)|\/server\//
				);
			}
		}
	);
});

describe('routes never reach the database directly', () => {
	const routeFiles = tsFiles('src/routes');
	it.each(routeFiles)('%s imports neither drizzle nor the schema', (file) => {
		for (const spec of importsOf(file)) {
			expect(spec, `${file} imports ${spec}`).not.toMatch(/^drizzle-orm|db\/schema$/);
		}
	});
});

// One mark vocabulary (src/lib/import/ticks.ts): no other module reads or writes marks of its own,
// as the typed-value parser that took "x" for present and "-" for not assessed once did.
describe('marks are defined once', () => {
	const sources = ['src/lib', 'src/routes', 'scripts'].flatMap(tsFiles);
	it.each(
		sources.filter((f) => !f.endsWith('.test.ts') && !f.endsWith(join('import', 'ticks.ts')))
	)('%s uses the vocabulary of ticks.ts', (file) => {
		// Code only: comments may quote marks.
		const text = readFileSync(file, 'utf8')
			.split('\n')
			.filter((line) => !/^\s*(?:\/\/|\/?\*)/.test(line))
			.join('\n');
		expect(text, `${file} spells a mark itself`).not.toMatch(
			/\[[^\]\n]*'(?:√|ya|tidak|x)'[^\]\n]*\]|'√'|'n\/a'/
		);
	});
});

// One definition of each column vocabulary: roles (permissions.ts), period statuses
// (workflow/lifecycle.ts), indicator kinds (scoring/types.ts), OPD kinds (insights/filters.ts),
// appeal and stage statuses (workflow/). The schema imports them and never spells a list itself,
// so a value added to the pure module cannot be missing from the database column, or the reverse.
describe('the schema declares no value list of its own', () => {
	const code = readFileSync('src/lib/server/db/schema.ts', 'utf8')
		.split('\n')
		.filter((line) => !/^\s*(?:\/\/|\/?\*)/.test(line))
		.join('\n');

	it('has no const array of string literals', () => {
		expect(code).not.toMatch(/\[\s*'[^']*'\s*(?:,\s*'[^']*'\s*)*\]\s*as\s+const/);
	});

	it('gives every enum column an imported list', () => {
		const enums = [...code.matchAll(/\{\s*enum:\s*([^}\s]+)\s*\}/g)].map((m) => m[1]!);
		expect(enums.length).toBeGreaterThanOrEqual(6);
		for (const name of enums) {
			expect(name, `enum ${name} is a name, not a literal`).toMatch(/^[A-Z_]+$/);
			expect(code, `${name} is imported`).toMatch(
				new RegExp(`import \\{[^}]*\\b${name}\\b[^}]*\\} from '\\.\\./\\.\\./`)
			);
		}
	});

	it('spells no role, period status, indicator kind, OPD kind or appeal status itself', () => {
		for (const value of [
			'evaluator',
			'pimpinan',
			'evaluation',
			'published',
			'scale',
			'kecamatan',
			'granted'
		]) {
			expect(code, `schema.ts spells '${value}'`).not.toContain(`'${value}'`);
		}
	});
});

// One way to read the period of a `[year]` route: `periodOrNotFound` (server/http.ts), the same
// 404 everywhere. The OPD page of a year is the exception: it also shows published years whose
// files outlive their period row, so a missing period is not an error there.
describe('routes with a [year] parameter find their period one way', () => {
	const yearRoutes = tsFiles('src/routes').filter(
		(f) => f.includes('[year') && !f.includes(join('opd', '[slug=slug]', '[year=year]'))
	);
	it.each(yearRoutes)('%s does not look the period up by hand', (file) => {
		expect(readFileSync(file, 'utf8')).not.toMatch(/getByYear\(/);
	});
});

describe('route parameters and rendering are declared once', () => {
	const dirsUnder = (dir: string): string[] =>
		readdirSync(dir, { withFileTypes: true })
			.filter((e) => e.isDirectory())
			.flatMap((e) => [join(dir, e.name), ...dirsUnder(join(dir, e.name))]);

	it('every [slug] and [key] parameter goes through the slug matcher', () => {
		const loose = dirsUnder('src/routes').filter((d) => /\[(?:slug|key)\]$/.test(d));
		expect(loose).toEqual([]);
	});

	it('the public pages ship no JavaScript, said once in (public)/+layout.ts', () => {
		expect(readFileSync('src/routes/(public)/+layout.ts', 'utf8')).toMatch(
			/^export const csr = false;$/m
		);
		const repeats = tsFiles('src/routes/(public)').filter((f) =>
			/export const csr\b/.test(readFileSync(f, 'utf8'))
		);
		expect(repeats).toEqual([join('src/routes/(public)', '+layout.ts')]);
	});
});

// Modules import one way, types included: a cycle (even a type-only one, as results.ts ↔
// published-files.ts once was) means a shared piece belongs in a module of its own.
describe('src/lib/server has no import cycle', () => {
	const files = tsFiles('src/lib/server').filter((f) => !f.endsWith('.test.ts'));
	const known = new Set(files);
	const edges = new Map(
		files.map((file) => [
			file,
			importsOf(file)
				.filter((spec) => spec.startsWith('.'))
				.map((spec) => join(dirname(file), spec))
				.flatMap((base) => [`${base}.ts`, join(base, 'index.ts')].filter((f) => known.has(f)))
		])
	);

	it('finds no module that reaches itself', () => {
		const cycles: string[] = [];
		const done = new Set<string>();
		const visit = (file: string, path: string[]) => {
			const at = path.indexOf(file);
			if (at >= 0) return void cycles.push([...path.slice(at), file].join(' → '));
			if (done.has(file)) return;
			for (const next of edges.get(file) ?? []) visit(next, [...path, file]);
			done.add(file);
		};
		for (const file of files) visit(file, []);
		expect(cycles).toEqual([]);
	});
});

describe('form actions fail one way', () => {
	/** The text of each `fail(status, payload)` call's payload in a file. */
	function failPayloads(source: string): string[] {
		const payloads: string[] = [];
		for (const m of source.matchAll(/\bfail\(/g)) {
			let depth = 0;
			let i = m.index + m[0].length;
			for (; i < source.length; i++) {
				const ch = source[i]!;
				if ('([{'.includes(ch)) depth++;
				else if (')]}'.includes(ch)) depth--;
				else if (ch === ',' && depth === 0) break;
			}
			payloads.push(source.slice(i + 1, i + 200).trimStart());
		}
		return payloads;
	}
	const files = [
		...tsFiles('src/routes'),
		'src/lib/server/workflow/error.ts',
		'src/lib/server/import/page.ts',
		'src/lib/server/registers/form-actions.ts',
		'src/lib/server/registers/import-actions.ts'
	].filter((f) => /\bfail\(/.test(readFileSync(f, 'utf8')));

	it('finds the failing actions (the check below is not vacuous)', () => {
		expect(files.length).toBeGreaterThan(15);
		expect(failPayloads('return fail(400, { message: "x" });')).toEqual(['{ message: "x" });']);
	});
	it.each(files)('%s builds every fail() payload with failure() or invalid()', (file) => {
		for (const payload of failPayloads(readFileSync(file, 'utf8')))
			expect(payload, `${file}: fail(…, ${payload.slice(0, 60)}`).toMatch(/^(failure|invalid)\(/);
	});
});
