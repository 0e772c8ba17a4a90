import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../src/paths.js';

type Manifest = { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
const manifest = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Manifest;
const own = manifest(projectPath('package.json'));

/** What a module imports at run time: static imports and re-exports (not `import type`), and dynamic imports. */
function importsOf(file: string): { static: string[]; dynamic: string[] } {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found = { static: [] as string[], dynamic: [] as string[] };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly) {
      found.static.push((node.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && !node.isTypeOnly) {
      found.static.push((node.moduleSpecifier as ts.StringLiteral).text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.dynamic.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Every source file reachable from `entry`, and every package it names (`@scope/name` or `name`). */
function graph(entry: string, followDynamic: boolean): { files: string[]; packages: Map<string, string> } {
  const files = new Set<string>();
  const packages = new Map<string, string>(); // package → first file importing it
  const walk = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const { static: statics, dynamic } = importsOf(file);
    for (const specifier of followDynamic ? [...statics, ...dynamic] : statics) {
      if (specifier.startsWith('.')) {
        walk(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
      } else if (!specifier.startsWith('node:') && !builtinModules.includes(specifier)) {
        const name = specifier
          .split('/')
          .slice(0, specifier.startsWith('@') ? 2 : 1)
          .join('/');
        if (!packages.has(name)) packages.set(name, relative(projectPath(), file));
      }
    }
  };
  walk(entry);
  return { files: [...files].map((file) => relative(projectPath(), file)), packages };
}

/** Packages a production install (`npm ci --omit=dev`) has: the dependencies and what they depend on. */
function productionPackages(): Set<string> {
  const names = new Set<string>();
  // As npm lays them out: a copy nested under the package that needs it (another version), else the top level.
  const add = (name: string, parent: string) => {
    if (names.has(name)) return;
    names.add(name);
    const nested = join(parent, 'node_modules', name);
    const dir = existsSync(nested) ? nested : join(projectPath('node_modules'), name);
    const deps = manifest(join(dir, 'package.json')).dependencies ?? {};
    for (const dep of Object.keys(deps)) add(dep, dir);
  };
  for (const name of Object.keys(own.dependencies ?? {})) add(name, projectPath());
  return names;
}

const MAIN = projectPath('src', 'main.ts');

describe('the modules the bot runs', () => {
  it('in production never include the Slack stand-in (src/local is imported only in local mode)', () => {
    const { files } = graph(MAIN, false);
    expect(files).toContain(join('src', 'app.ts'));
    expect(files.filter((file) => file.startsWith(join('src', 'local')))).toEqual([]);
  });

  it('import no devDependency, in production or in local mode, so `npm ci --omit=dev` can run both', () => {
    const installed = productionPackages();
    for (const followDynamic of [false, true]) {
      const { files, packages } = graph(MAIN, followDynamic);
      if (followDynamic) expect(files).toContain(join('src', 'local', 'workspace.ts'));
      const missing = [...packages].filter(([name]) => !installed.has(name)).map(([name, from]) => `${name} (${from})`);
      expect(missing).toEqual([]);
      const dev = [...packages.keys()].filter((name) => name in (own.devDependencies ?? {}));
      expect(dev).toEqual([]);
    }
  });
});
