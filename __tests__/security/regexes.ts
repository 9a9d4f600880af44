// Every regular expression of the log reader and the rules engine, for the ReDoS checker
// (__tests__/security/redos.test.ts) and the hostile-line benchmark (bench/security/redos.mjs): the
// literals of src/log and src/rules found by the TypeScript parser, the extractors' triggers and the
// built-in rule packs' patterns.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export interface FoundRegex {
  /** `file:line` for a literal, `trigger:NAME` or `rule:ID` otherwise. */
  where: string;
  source: string;
  flags: string;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (p.endsWith('.ts') && !p.endsWith('.generated.ts')) out.push(p);
  }
  return out;
}

/** The regular-expression literals of the .ts files under `dirs` (relative to `root`). */
export function regexLiterals(root: string, dirs: string[]): FoundRegex[] {
  const found: FoundRegex[] = [];
  for (const dir of dirs)
    for (const file of walk(join(root, dir))) {
      const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node): void => {
        if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
          const text = node.getText(sf);
          const end = text.lastIndexOf('/');
          const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
          found.push({
            where: `${relative(root, file)}:${line}`,
            source: text.slice(1, end),
            flags: text.slice(end + 1),
          });
        }
        ts.forEachChild(node, visit);
      };
      visit(sf);
    }
  return found;
}

/**
 * The top-level alternatives of a pattern (`a|b(c|d)` → `a`, `b(c|d)`). A backtracking engine tries
 * them one after the other from each position, so the pattern is linear when each of them is: the
 * checker reads them one by one (a long alternation of literals is slow to analyse whole).
 */
export function alternatives(source: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      parts.push(source.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(source.slice(start));
  return parts;
}
