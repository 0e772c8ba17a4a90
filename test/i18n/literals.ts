import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/**
 * Finds string literals in `src/` that read like words for a person: prose (three words in a row, or a word and
 * sentence punctuation) or any Chinese. Skipped: what people never see (log lines, thrown errors, SQL, imports,
 * type positions) and the catalogues themselves.
 */
export type Literal = { file: string; line: number; text: string };

const LOG_METHODS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal']);
const SQL = /^\s*(select|insert|update|delete|create|with|alter|drop|begin|commit|pragma|set|lock)\b/i;
const HAN = /\p{Script=Han}/u;
const PROSE = /[A-Za-z]{2,}[’']?[a-z]*\s+[A-Za-z]{2,}\s+[A-Za-z]{2,}|[A-Za-z]{2,}\s+[a-z]{2,}[.?!:]/;

export function looksUserVisible(text: string): boolean {
  // Code spans and placeholders are not words; URLs and paths neither.
  const words = text.replace(/`[^`]*`/g, ' ').replace(/https?:\/\/\S+/g, ' ');
  if (HAN.test(words)) return true;
  if (SQL.test(words)) return false;
  return PROSE.test(words);
}

function isSkippedContext(node: ts.Node): boolean {
  for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
    if (ts.isImportDeclaration(at) || ts.isExportDeclaration(at) || ts.isTypeNode(at)) return true;
    if (ts.isNewExpression(at) && /Error$/.test(at.expression.getText())) return true;
    if (ts.isCallExpression(at)) {
      const callee = at.expression;
      // logger.warn(...), deps.logger.error(...), log.info(...): operator-facing.
      if (ts.isPropertyAccessExpression(callee) && LOG_METHODS.has(callee.name.text)) return true;
      // describe/it-style labels never occur in src, but Error factories do.
      if (/Error$/.test(callee.getText())) return true;
    }
    if (ts.isThrowStatement(at)) return true;
    if (ts.isSourceFile(at) || ts.isFunctionLike(at)) break;
  }
  return false;
}

function literalsIn(file: string, source: string): Literal[] {
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.ES2022, true);
  const found: Literal[] = [];
  const visit = (node: ts.Node) => {
    let text: string | undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    else if (ts.isTemplateExpression(node))
      text = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' {} ');
    if (text !== undefined && looksUserVisible(text) && !isSkippedContext(node)) {
      const line = tree.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      found.push({ file, line, text: text.slice(0, 80) });
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return found;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

export function scanLiterals(root: string, skip: (file: string) => boolean): Literal[] {
  return tsFiles(join(root, 'src'))
    .map((path) => relative(root, path))
    .filter((file) => !skip(file))
    .flatMap((file) => literalsIn(file, readFileSync(join(root, file), 'utf8')));
}
