// Finds, reads and validates lepton.yaml: read → YAML parse → schema → cross-field rules.
// Every problem is collected with its line:col before anything runs.
// Start-up reads are synchronous: small files, where an await through the thread pool costs more than the read.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Document, Node } from 'yaml';
import { LeptonError, formatLocation } from '../errors.js';
import type { Manifest } from './schema.js';
import { crossFieldProblems } from './rules.js';
import { readCachedManifest, writeCachedManifest } from './cache.js';
import { readPlainYaml } from './plain-yaml.js';

export const MANIFEST_NAME = 'lepton.yaml';
/** Larger files are refused before parsing: a manifest is a few kilobytes. */
export const MAX_MANIFEST_BYTES = 1024 * 1024;

export interface ManifestProblem {
  line: number;
  column: number;
  /** Key path such as `phases[0].gate[1].timeout`, empty for the whole file. */
  keyPath: string;
  message: string;
}

export interface LoadedManifest {
  manifest: Manifest;
  /** Absolute path of lepton.yaml. */
  file: string;
  /** The project root: the folder holding lepton.yaml. */
  root: string;
  /** How to name the file to the user (relative to the cwd when inside it). */
  displayPath: string;
  source: string;
  warnings: string[];
}

export interface LoadOptions {
  cwd: string;
  /** Explicit manifest path (`--manifest FILE`); otherwise found from cwd upwards. */
  manifest?: string | undefined;
}

/** stat's answer; false for what cannot be looked at (missing, a symlink loop, no permission). */
function isFile(file: string): boolean {
  try {
    return statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}

function isDirectory(dir: string): boolean {
  try {
    return statSync(dir, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false;
  }
}

/** Walks from `startDir` upwards to the first folder holding lepton.yaml, as git finds `.git`. */
export async function findManifest(startDir: string): Promise<string | undefined> {
  let dir = path.resolve(startDir);
  for (;;) {
    const candidate = path.join(dir, MANIFEST_NAME);
    const found = isFile(candidate);
    if (found) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export async function loadManifest(options: LoadOptions): Promise<LoadedManifest> {
  // As `git -C`: a folder that does not exist is an error, not a place to search upwards from.
  if (!isDirectory(options.cwd)) {
    throw new LeptonError(`no such folder: ${options.cwd}`, { hint: 'check the folder lepton was started in', code: 'no-such-folder' });
  }
  const file = options.manifest ? path.resolve(options.cwd, options.manifest) : await findManifest(options.cwd);
  if (!file) {
    throw new LeptonError(`no ${MANIFEST_NAME} found in ${options.cwd} or any folder above it`, {
      hint: 'run `lepton init` to create one',
      code: 'no-manifest',
    });
  }
  const displayPath = displayPathOf(file, options.cwd);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === 'EISDIR') {
      throw new LeptonError(`${file} is a folder, not a manifest file`, {
        hint: `name the ${MANIFEST_NAME} in it, or work in that folder`,
        code: 'named-manifest-folder',
        location: { file: displayPath },
      });
    }
    throw new LeptonError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : message}`, {
      hint: options.manifest ? 'check the path of the manifest' : 'check the file permissions',
      ...(options.manifest && { code: 'named-manifest-unreadable' }),
      location: { file: displayPath },
    });
  }
  const root = path.dirname(file);
  const cached = await loadCachedManifest(bytes, root, file);
  if (cached) return { ...cached, file, root, displayPath };
  const { manifest, problems, warnings, source } = await parseManifest(bytes, root);
  if (!manifest) throw invalidManifestError(displayPath, problems);
  await writeCachedManifest(root, file, source, manifest);
  return { manifest, file, root, displayPath, source, warnings };
}

/**
 * The manifest validated earlier from this very text. The rules that look at the file system
 * (symlinks) run again; if they find a problem, the full parse reports it with its place.
 */
async function loadCachedManifest(bytes: Uint8Array, root: string, file: string): Promise<Pick<LoadedManifest, 'manifest' | 'source' | 'warnings'> | undefined> {
  if (bytes.length > MAX_MANIFEST_BYTES) return undefined;
  const source = Buffer.from(bytes).toString('utf8');
  const manifest = await readCachedManifest(root, file, source);
  if (!manifest) return undefined;
  const rules = await crossFieldProblems(manifest, root);
  return rules.errors.length === 0 ? { manifest, source, warnings: rules.warnings } : undefined;
}

export function displayPathOf(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

export function invalidManifestError(displayPath: string, problems: ManifestProblem[]): LeptonError {
  const lines = problems.map((problem) => {
    const where = formatLocation({ file: displayPath, line: problem.line, column: problem.column });
    return problem.keyPath ? `${where}: ${problem.keyPath}: ${problem.message}` : `${where}: ${problem.message}`;
  });
  const [first, ...rest] = lines;
  const count = problems.length > 1 ? ` (${problems.length} problems)` : '';
  return new LeptonError(`invalid manifest${count}: ${first ?? displayPath}`, {
    details: rest,
    hint: 'fix the manifest; `lepton schema` prints the full format',
    location: problems[0] ? { file: displayPath, line: problems[0].line, column: problems[0].column } : { file: displayPath },
  });
}

interface ParseResult {
  manifest: Manifest | undefined;
  problems: ManifestProblem[];
  warnings: string[];
  source: string;
}

/** Parses and validates manifest bytes; `root` is used for path rules (symlinks). */
export async function parseManifest(bytes: Uint8Array, root: string): Promise<ParseResult> {
  const fail = (message: string, line = 1, column = 1): ParseResult => ({
    manifest: undefined,
    problems: [{ line, column, keyPath: '', message }],
    warnings: [],
    source: '',
  });
  if (bytes.length > MAX_MANIFEST_BYTES) {
    return fail(`file is ${(bytes.length / 1024 / 1024).toFixed(1)} MiB; a manifest may be at most 1 MiB`);
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) return fail(`not a text file (a NUL byte at offset ${nul}); expected YAML text`);
  let source: string;
  try {
    source = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return fail('not valid UTF-8 text; expected a YAML manifest saved as UTF-8');
  }
  if (source.trim() === '') {
    return fail('file is empty; expected a manifest starting with `version: 1` (see `lepton init`)');
  }

  const plain = await parsePlainManifest(source, root);
  if (plain) return plain;
  const [{ LineCounter, parseDocument, isMap, isPair, isScalar, isSeq }, { validate: validateManifestShape }] = await Promise.all([
    import('yaml'),
    import('./validate-shape.generated.js'),
  ]);
  const yamlNodes = { isMap, isPair, isScalar, isSeq };
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const at = (offset: number | undefined) => {
    const pos = lineCounter.linePos(offset ?? 0);
    return { line: pos.line, column: pos.col };
  };
  if (doc.errors.length > 0) {
    return {
      ...fail(''),
      source,
      problems: doc.errors.map((error) => ({
        ...at(error.pos[0]),
        keyPath: '',
        message: `YAML syntax error: ${firstLine(error.message).replace(/ at line \d+, column \d+:?$/, '')}`,
      })),
    };
  }

  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return { ...fail(`YAML aliases expand too far (${firstLine((error as Error).message)}); write the values out`), source };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ...fail('expected a mapping with the keys version, project, phase and phases'), source };
  }

  const locate = (keyPath: (string | number)[], key?: string) => at(offsetOf(doc, yamlNodes, keyPath, key));
  // The generated validator accepts exactly what the schema accepts and fills in defaults; only an
  // invalid manifest loads the schema library, to say precisely what is wrong.
  if (!validateManifestShape(raw)) {
    const [{ manifestSchema }, { describeIssue }] = await Promise.all([import('./schema.js'), import('./issues.js')]);
    const original: unknown = doc.toJS({ maxAliasCount: 100 });
    const parsed = manifestSchema.safeParse(original);
    const issues = parsed.success
      ? [{ path: [], message: 'does not match the manifest schema (`lepton schema` prints it)' }]
      : parsed.error.issues.flatMap((issue) => describeIssue(issue, original));
    const problems = issues.map((described) => ({
      ...locate(described.path, 'key' in described ? described.key : undefined),
      keyPath: formatKeyPath(described.path, 'key' in described ? described.key : undefined),
      message: described.message,
    }));
    return { manifest: undefined, problems: sortProblems(problems), warnings: [], source };
  }
  const manifest = raw as Manifest;

  const rules = await crossFieldProblems(manifest, root);
  const problems = rules.errors.map((rule) => ({
    ...locate(rule.path, rule.key),
    keyPath: formatKeyPath(rule.path, rule.key),
    message: rule.message,
  }));
  if (problems.length > 0) return { manifest: undefined, problems: sortProblems(problems), warnings: rules.warnings, source };
  return { manifest, problems: [], warnings: rules.warnings, source };
}

/**
 * A valid manifest in the plain part of YAML (plain-yaml.ts), read without the YAML library;
 * undefined for any other text and for an invalid manifest, which the library reads again to place
 * each problem at its line:col.
 */
async function parsePlainManifest(source: string, root: string): Promise<ParseResult | undefined> {
  const raw = readPlainYaml(source);
  if (!raw) return undefined;
  const { validate: validateManifestShape } = await import('./validate-shape.generated.js');
  if (!validateManifestShape(raw)) return undefined;
  const manifest = raw as Manifest;
  const rules = await crossFieldProblems(manifest, root);
  return rules.errors.length === 0 ? { manifest, problems: [], warnings: rules.warnings, source } : undefined;
}

function sortProblems(problems: ManifestProblem[]): ManifestProblem[] {
  return problems.sort((left, right) => left.line - right.line || left.column - right.column);
}

export function formatKeyPath(keyPath: readonly (string | number)[], key?: string): string {
  const parts = key === undefined ? keyPath : [...keyPath, key];
  return parts.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part), '');
}

/**
 * The source offset of the node at `keyPath` (or of `key`'s key inside it),
 * falling back to the nearest ancestor that exists.
 */
type YamlNodeTests = Pick<typeof import('yaml'), 'isMap' | 'isPair' | 'isScalar' | 'isSeq'>;

function offsetOf(doc: Document, { isMap, isPair, isScalar, isSeq }: YamlNodeTests, keyPath: readonly (string | number)[], key?: string): number {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  const steps = key === undefined ? keyPath : [...keyPath, key];
  for (const [index, step] of steps.entries()) {
    const isLast = index === steps.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === step);
      if (!pair) break;
      // An unknown key is best shown at the key itself; a bad value at the value.
      if (isLast && key !== undefined) return rangeStart(pair.key) ?? offset;
      node = pair.value;
      offset = rangeStart(pair.value) ?? rangeStart(pair.key) ?? offset;
    } else if (isSeq(node) && typeof step === 'number') {
      const item = node.items[step];
      if (item === undefined) break;
      node = item;
      offset = rangeStart(item) ?? offset;
    } else {
      break;
    }
  }
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  return (node as Node | null)?.range?.[0];
}

function firstLine(text: string): string {
  return text.split('\n')[0]?.trim() ?? text;
}
