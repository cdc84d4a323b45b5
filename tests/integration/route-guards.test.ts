import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Every `load`, form action and HTTP handler in src/routes must authorize as its first statement
 * by calling a guard imported from `$lib/server/auth/guards` (house rule 4): the hook only
 * authenticates, so a handler without a guard is open to anyone. A new route fails here until it
 * has one, or until it is listed below with the reason it is public.
 */

const ROUTES = 'src/routes';
const GUARDS = new Set(['requireUser', 'requireCapability', 'requireOwnOpd', 'requireRole']);
const GUARDS_MODULE = /(^|\/)server\/auth\/guards(\.ts|\.js)?$/;
const HANDLER_FILE = /(^|\/)\+(page\.server|server)\.(ts|js)$/;
const HTTP_VERBS = new Set([
	'GET',
	'POST',
	'PUT',
	'PATCH',
	'DELETE',
	'OPTIONS',
	'HEAD',
	'fallback'
]);

/** Public files (paths under src/routes), each with the reason it needs no guard. */
const PUBLIC_FILES: Record<string, string> = {
	'login/+page.server.ts': 'the sign-in form itself',
	'logout/+page.server.ts': "only ends the caller's own session",
	'api/v1/health/+server.ts': 'a constant liveness answer that reads no data'
};

/**
 * Public folders: their handlers serve published data to anyone, so instead of a guard each must
 * call a `published…` data verb (or `requirePublic…`), which reads only what was published.
 */
const PUBLIC_DIRS: Record<string, string> = {
	'(public)/': 'published results pages',
	'api/v1/': 'the open-data API (published results only)'
};
const PUBLIC_VERB = /^(published|requirePublic)/;

interface Handler {
	/** `load`, `GET`, `actions.create`… */
	name: string;
	fn: ts.SignatureDeclaration & { body?: ts.ConciseBody };
}

interface Analysis {
	handlers: Handler[];
	/** Exports the test cannot see into (re-exports, spreads): they fail, write handlers inline. */
	opaque: string[];
	/** Local names bound to guards: `requireUser` or an alias; namespace imports under '*'. */
	guardNames: Map<string, string>;
}

function unwrap(node: ts.Expression): ts.Expression {
	while (
		ts.isParenthesizedExpression(node) ||
		ts.isSatisfiesExpression(node) ||
		ts.isAsExpression(node) ||
		ts.isNonNullExpression(node) ||
		ts.isAwaitExpression(node) ||
		ts.isTypeAssertionExpression(node)
	) {
		node = node.expression;
	}
	return node;
}

function asFunction(node: ts.Expression | undefined): Handler['fn'] | null {
	if (!node) return null;
	const inner = unwrap(node);
	return ts.isArrowFunction(inner) || ts.isFunctionExpression(inner) ? inner : null;
}

const isExported = (node: ts.Node) =>
	ts.canHaveModifiers(node) &&
	(ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

function analyze(source: string, fileName = 'x.ts'): Analysis {
	const file = ts.createSourceFile(
		fileName,
		source,
		ts.ScriptTarget.Latest,
		true,
		ts.ScriptKind.TS
	);
	const result: Analysis = { handlers: [], opaque: [], guardNames: new Map() };
	const isHandlerName = (name: string) => name === 'load' || HTTP_VERBS.has(name);

	for (const statement of file.statements) {
		if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
			if (!GUARDS_MODULE.test(statement.moduleSpecifier.text)) continue;
			const bindings = statement.importClause?.namedBindings;
			if (bindings && ts.isNamespaceImport(bindings))
				result.guardNames.set(bindings.name.text, '*');
			if (bindings && ts.isNamedImports(bindings)) {
				for (const el of bindings.elements) {
					result.guardNames.set(el.name.text, (el.propertyName ?? el.name).text);
				}
			}
		} else if (ts.isFunctionDeclaration(statement) && isExported(statement) && statement.name) {
			const name = statement.name.text;
			if (isHandlerName(name)) result.handlers.push({ name, fn: statement });
		} else if (ts.isVariableStatement(statement) && isExported(statement)) {
			for (const decl of statement.declarationList.declarations) {
				if (!ts.isIdentifier(decl.name)) continue;
				const name = decl.name.text;
				if (isHandlerName(name)) {
					const fn = asFunction(decl.initializer);
					if (fn) result.handlers.push({ name, fn });
					else result.opaque.push(name);
				} else if (name === 'actions') {
					const init = decl.initializer && unwrap(decl.initializer);
					if (!init || !ts.isObjectLiteralExpression(init)) {
						result.opaque.push('actions');
						continue;
					}
					for (const prop of init.properties) {
						const key = prop.name && ts.isIdentifier(prop.name) ? prop.name.text : '?';
						const fn = ts.isMethodDeclaration(prop)
							? prop
							: ts.isPropertyAssignment(prop)
								? asFunction(prop.initializer)
								: null;
						if (fn) result.handlers.push({ name: `actions.${key}`, fn });
						else result.opaque.push(`actions.${key}`);
					}
				}
			}
		} else if (ts.isExportDeclaration(statement)) {
			// `export { x as load }` or `export * from`: the handler is defined elsewhere.
			const clause = statement.exportClause;
			if (!clause || !ts.isNamedExports(clause)) result.opaque.push('export *');
			else {
				for (const el of clause.elements) {
					if (isHandlerName(el.name.text) || el.name.text === 'actions')
						result.opaque.push(el.name.text);
				}
			}
		}
	}
	return result;
}

/** The call a statement starts with, if any: `x()`, `const u = x()`, `return x()`. */
function leadingCall(statement: ts.Node): ts.CallExpression | null {
	let expr: ts.Expression | undefined;
	if (ts.isExpressionStatement(statement) || ts.isReturnStatement(statement))
		expr = statement.expression;
	else if (ts.isVariableStatement(statement))
		expr = statement.declarationList.declarations[0]?.initializer;
	else if (ts.isExpression(statement)) expr = statement;
	if (!expr) return null;
	const inner = unwrap(expr);
	return ts.isCallExpression(inner) ? inner : null;
}

function isGuardCall(call: ts.CallExpression, guardNames: Map<string, string>): boolean {
	const callee = call.expression;
	if (ts.isIdentifier(callee)) return GUARDS.has(guardNames.get(callee.text) ?? '');
	return (
		ts.isPropertyAccessExpression(callee) &&
		ts.isIdentifier(callee.expression) &&
		guardNames.get(callee.expression.text) === '*' &&
		GUARDS.has(callee.name.text)
	);
}

/** Whether the handler's first statement is a guard call. */
function startsWithGuard(handler: Handler, guardNames: Map<string, string>): boolean {
	const body = handler.fn.body;
	if (!body) return false;
	const first = ts.isBlock(body) ? body.statements[0] : body;
	const call = first && leadingCall(first);
	return call !== null && call !== undefined && isGuardCall(call, guardNames);
}

/** Whether the handler calls a guard or a `published…` verb anywhere. */
function callsPublicVerbOrGuard(handler: Handler, guardNames: Map<string, string>): boolean {
	let found = false;
	const visit = (node: ts.Node) => {
		if (found) return;
		if (ts.isCallExpression(node)) {
			const callee = node.expression;
			const name = ts.isIdentifier(callee)
				? callee.text
				: ts.isPropertyAccessExpression(callee)
					? callee.name.text
					: '';
			if (PUBLIC_VERB.test(name) || isGuardCall(node, guardNames)) found = true;
		}
		ts.forEachChild(node, visit);
	};
	if (handler.fn.body) visit(handler.fn.body);
	return found;
}

/** Problems with one route file; an empty list means it passes. */
function check(path: string, source: string): string[] {
	if (path in PUBLIC_FILES) return [];
	const { handlers, opaque, guardNames } = analyze(source, path);
	const problems = opaque.map(
		(name) => `${path}: cannot check \`${name}\`; define it inline as a function in this file`
	);
	const publicDir = Object.keys(PUBLIC_DIRS).find((dir) => path.startsWith(dir));
	for (const handler of handlers) {
		if (startsWithGuard(handler, guardNames)) continue;
		if (publicDir && callsPublicVerbOrGuard(handler, guardNames)) continue;
		problems.push(
			publicDir
				? `${path}: \`${handler.name}\` is in public ${publicDir} but calls neither a guard nor a published… verb`
				: `${path}: \`${handler.name}\` must start with requireUser/requireCapability/requireOwnOpd/` +
						`requireRole from $lib/server/auth/guards (or be listed as public in this test, with a reason)`
		);
	}
	return problems;
}

function routeFiles(): string[] {
	return readdirSync(ROUTES, { recursive: true, encoding: 'utf8' })
		.map((p) => p.split('\\').join('/'))
		.filter((p) => HANDLER_FILE.test(p))
		.sort();
}

describe('route guards', () => {
	it('every load, action and endpoint in src/routes starts with a guard', () => {
		const problems = routeFiles().flatMap((path) =>
			check(path, readFileSync(join(ROUTES, path), 'utf8'))
		);
		expect(problems).toEqual([]);
	});

	it('sees the handlers of the routes it guards (the walk is not vacuous)', () => {
		const files = routeFiles();
		expect(files).toContain('admin/pengguna/+page.server.ts');
		const { handlers } = analyze(
			readFileSync(join(ROUTES, 'admin/pengguna/[id]/+page.server.ts'), 'utf8')
		);
		expect(handlers.map((h) => h.name)).toEqual([
			'load',
			'actions.role',
			'actions.password',
			'actions.disable',
			'actions.enable'
		]);
	});

	it('lists only public files that exist, each with a reason', () => {
		for (const [path, reason] of Object.entries({ ...PUBLIC_FILES, ...PUBLIC_DIRS })) {
			expect(reason, path).toMatch(/\S/);
		}
		for (const path of Object.keys(PUBLIC_FILES))
			expect(existsSync(join(ROUTES, path)), path).toBe(true);
	});
});

describe('the guard checker itself', () => {
	const imports =
		"import { requireCapability, requireUser as signedIn } from '$lib/server/auth/guards';\n";

	it.each([
		[
			'a guarded arrow load',
			`${imports}export const load = async () => { const u = requireCapability('x'); return {}; };`
		],
		[
			'a guarded function load',
			`${imports}export async function load() { signedIn(); return {}; }`
		],
		[
			'a satisfies-wrapped load',
			`${imports}export const load = (() => { requireCapability('x'); }) satisfies PageServerLoad;`
		],
		[
			'a namespace import',
			"import * as g from '$lib/server/auth/guards';\nexport const GET = () => { g.requireRole('admin'); return new Response(); };"
		],
		[
			'guarded actions',
			`${imports}export const actions = { a: async () => { requireCapability('x'); }, async b() { signedIn(); } } satisfies Actions;`
		],
		['no handlers at all', `export const prerender = false;`]
	])('passes %s', (_label, source) => {
		expect(check('some/+page.server.ts', source)).toEqual([]);
	});

	it.each([
		['an unguarded load', `${imports}export const load = async () => ({ secret: 1 });`],
		[
			'a guard that is not first',
			`${imports}export const load = async ({ params }) => { const id = params.id; signedIn(); };`
		],
		[
			'a guard from elsewhere',
			"import { requireUser } from './fake';\nexport const load = () => { requireUser(); };"
		],
		[
			'one unguarded action',
			`${imports}export const actions = { ok: () => { signedIn(); }, open: async () => ({ done: true }) };`
		],
		['an unguarded endpoint', `export async function POST() { return new Response('ok'); }`],
		['a re-exported load', `export { load } from './shared';`],
		['a load defined elsewhere', `import { shared } from './x';\nexport const load = shared;`]
	])('fails %s', (_label, source) => {
		expect(check('some/+page.server.ts', source)).not.toEqual([]);
	});

	it('lets public folders serve published data, and nothing else', () => {
		const published =
			"import * as results from '$lib/server/results/results';\nexport const GET = async () => Response.json(await results.publishedSnapshot(2021));";
		const drafts =
			"import * as results from '$lib/server/results/results';\nexport const GET = async () => Response.json(await results.draftScores(2021));";
		expect(check('api/v1/hasil/+server.ts', published)).toEqual([]);
		expect(check('(public)/hasil/+page.server.ts', published)).toEqual([]);
		expect(check('api/v1/hasil/+server.ts', drafts)).not.toEqual([]);
		expect(check('(app)/hasil/+page.server.ts', published)).not.toEqual([]);
	});
});
