// The plain-YAML reader (src/manifest/plain-yaml.ts) against the YAML library it stands in for: on
// the manifests init writes, the fixtures and thousands of mutations of them, each text it reads
// gets the library's value (and the library finds no error in it); anything else it leaves to the library.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { withDefaults } from '../../src/commands/init-answers.js';
import { parseManifest } from '../../src/manifest/load.js';
import { readPlainYaml } from '../../src/manifest/plain-yaml.js';
import { manifestText } from '../../src/templates/scaffold.js';

const fixtures = path.join(import.meta.dirname, '..', 'fixtures', 'manifests');
const fixtureTexts = ['good', 'bad'].flatMap((folder) => readdirSync(path.join(fixtures, folder)).map((name) => readFileSync(path.join(fixtures, folder, name)).toString('utf8')));

const owners = [
  { name: 'Ada Lovelace', email: 'ada@example.com', roles: ['tech-lead'] },
  { name: '张伟: "PO"', email: 'zhang@example.com', roles: ['product-owner', 'data-scientist'] },
];
const initTexts = (['ml-model', 'llm-app'] as const).flatMap((preset) =>
  (['general', 'finance', 'healthcare', 'retail'] as const).map((domain, index) =>
    manifestText(
      withDefaults(
        {
          preset,
          domain,
          description: index % 2 ? "it's a #1 model: really" : '',
          owners: index % 2 ? owners : [],
          metrics: index % 2 ? [{ path: 'accuracy', op: '>=', value: 0.85 }] : [],
          strategy: (['rolling', 'blue-green', 'canary'] as const)[index % 3],
        },
        { name: `project-${index}` },
      ),
    ),
  ),
);

/** The manifest `npm run bench` gates: flow mappings, quoted strings, numbers. */
const benchText = [
  'version: 1',
  'project: { name: bench }',
  'phase: poc',
  'phases:',
  '  - id: poc',
  '    title: Proof of concept',
  '    gate:',
  '      - { id: code-0, file: "src/module_0.py" }',
  '      - { id: doc-0, doc: docs/doc-0.md }',
  '      - id: metric-0',
  '        metric: { file: poc/results.json, checks: [{ path: accuracy, op: ">=", value: 0.85 }, { path: latency_ms.p95, op: "<=", value: 300 }] }',
  '',
].join('\n');

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

const INSERTED = [
  ' ',
  ' ',
  '  ',
  '-',
  '- ',
  ':',
  ': ',
  '#',
  ' #',
  '"',
  "'",
  "''",
  '{',
  '}',
  '[',
  ']',
  ',',
  ', ',
  '\\',
  'x',
  '0',
  '1',
  '.',
  '-1',
  '1e3',
  '0x1',
  '&a ',
  '*a',
  '!',
  '|',
  '>',
  '\t',
  '\n',
  '\n  ',
  '%',
  '@',
  '`',
  '?',
  '~',
  'null',
  'true',
  'NaN',
  '.inf',
  '__proto__',
  '<<',
  '\u00a0',
  '\r',
  '---',
  '...',
];

/** `count` texts, each a corpus text with a few random edits: insertions, deleted characters, duplicated or deleted lines. */
function mutations(count: number): string[] {
  const next = random(9);
  const corpus = [benchText, ...initTexts, ...fixtureTexts];
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  return Array.from({ length: count }, () => {
    let text = pick(corpus);
    for (let edit = 0, edits = 1 + Math.floor(next() * 3); edit < edits; edit++) {
      const at = Math.floor(next() * text.length);
      const kind = next();
      if (kind < 0.5) {
        text = text.slice(0, at) + pick(INSERTED) + text.slice(at);
      } else if (kind < 0.75) {
        text = text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 3));
      } else {
        const lines = text.split('\n');
        const line = Math.floor(next() * lines.length);
        if (kind < 0.9) lines.splice(line, 0, lines[line]!);
        else lines.splice(line, 1);
        text = lines.join('\n');
      }
    }
    return text;
  });
}

/** What the YAML library makes of `text`, as the manifest loader asks it. */
function library(text: string): { errors: number; value: unknown } {
  const doc = parseDocument(text, { uniqueKeys: true });
  return { errors: doc.errors.length, value: doc.errors.length ? undefined : doc.toJS({ maxAliasCount: 100 }) };
}

describe('readPlainYaml', () => {
  it('reads the manifests init writes, the bench manifest and the valid fixtures as the YAML library does', () => {
    const good = readdirSync(path.join(fixtures, 'good')).map((name) => readFileSync(path.join(fixtures, 'good', name), 'utf8'));
    for (const text of [benchText, ...initTexts, ...good]) {
      const plain = readPlainYaml(text);
      expect(plain, text).toBeDefined();
      expect(plain).toEqual(library(text).value);
    }
  });

  it('gives the library value for every mutated text it reads, and leaves the rest to the library', () => {
    let read = 0;
    for (const text of [...fixtureTexts, ...mutations(4000)]) {
      const plain = readPlainYaml(text);
      if (plain === undefined) continue;
      read++;
      const expected = library(text);
      expect(expected.errors, JSON.stringify(text)).toBe(0);
      expect(plain, JSON.stringify(text)).toEqual(expected.value);
    }
    // Most edits keep the text in the plain part: the comparison must have run on many of them.
    expect(read).toBeGreaterThan(800);
  });

  it('leaves anchors, tags, block scalars, escapes, duplicate keys and multi-line values to the library', () => {
    for (const text of [
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      'a: |\n  text\n',
      'a: "bell\\a"\n',
      'a: 1\na: 2\n',
      'a: one\n  two\n',
      'a: [1,\n  2]\n',
      'a: 0x10\n',
      'a: 1e3\n',
      '- a\n',
    ]) {
      expect(readPlainYaml(text), text).toBeUndefined();
    }
  });

  it('an invalid manifest in plain YAML is still reported at its line:col by the full parse', async () => {
    const text = 'version: 1\nproject: { name: demo }\nphase: poc\nphases:\n  - id: poc\n    title: PoC\n    gate:\n      - { id: a, file: x, timeout: -1 }\n';
    expect(readPlainYaml(text)).toBeDefined();
    const parsed = await parseManifest(new TextEncoder().encode(text), '/tmp/project');
    expect(parsed.manifest).toBeUndefined();
    expect(parsed.problems).toMatchObject([{ line: 8, keyPath: 'phases[0].gate[0].timeout' }]);
  });
});
