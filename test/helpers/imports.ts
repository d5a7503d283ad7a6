// Reads the imports of lepton's sources (static, re-exports and dynamic), for the layering test.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface SourceImport {
  /** Importing file and imported file, relative to the source root, with forward slashes. */
  from: string;
  to: string;
  typeOnly: boolean;
}

const IMPORT = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The imports of one file's text; only relative ones (packages and node: builtins are not layers). */
export function importsOf(file: string, text: string): SourceImport[] {
  const found: SourceImport[] = [];
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  for (const match of code.matchAll(IMPORT)) {
    const specifier = match[3] ?? match[4]!;
    if (!specifier.startsWith('.')) continue;
    const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)).replace(/\.js$/, '.ts');
    found.push({ from: file, to: resolved, typeOnly: Boolean(match[2]) || (match[1] === 'import' && /^\s*import\s+type\s/.test(match[0].trimStart())) });
  }
  return found;
}

/** Every TypeScript file below `root`, relative, with forward slashes. */
export function sourceFiles(root: string): string[] {
  return (readdirSync(root, { recursive: true }) as string[])
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => file.split(path.sep).join('/'))
    .sort();
}

export function readImports(root: string): SourceImport[] {
  return sourceFiles(root).flatMap((file) => importsOf(file, readFileSync(path.join(root, file), 'utf8')));
}
