// test/helpers/manifest.ts writes the lepton.yaml tests share: its text is what a person writes,
// it parses without problems, and every value reads back as the value given.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseManifest } from '../../src/manifest/load.js';
import { makeTempDir } from '../helpers/git-repo.js';
import { flowYaml, manifestYaml, writeManifest } from '../helpers/manifest.js';

describe('manifestYaml', () => {
  const text = manifestYaml({
    name: 'lock',
    phases: [
      {
        id: 'poc',
        title: 'Proof of concept',
        gate: [
          { id: 'prototype-exists', file: 'src/*.py' },
          { id: 'go-decision', approval: { roles: ['product-owner'] } },
        ],
      },
      { id: 'design', title: 'Design', templates: ['architecture'] },
    ],
  });

  it('writes the two owners, the first phase as current and one flow mapping per check', () => {
    expect(text).toBe(`version: 1
project:
  name: lock
  owners:
    - { name: Ada Lovelace, email: ada@example.com, roles: [tech-lead] }
    - { name: Grace Hopper, email: grace@example.com, roles: [product-owner] }
phase: poc
phases:
  - id: poc
    title: Proof of concept
    gate:
      - { id: prototype-exists, file: "src/*.py" }
      - { id: go-decision, approval: { roles: [product-owner] } }
  - id: design
    title: Design
    templates: [architecture]
`);
  });

  it('is a valid manifest', async () => {
    const { manifest, problems } = await parseManifest(Buffer.from(text), '/');
    expect(problems).toEqual([]);
    expect(manifest?.project.owners.map((owner) => owner.roles)).toEqual([['tech-lead'], ['product-owner']]);
    expect(manifest?.phases[0]?.gate.map((check) => check.id)).toEqual(['prototype-exists', 'go-decision']);
  });

  it('writes a project with no owners on one line, project settings and an empty phase list', () => {
    expect(manifestYaml({ name: 'cached', owners: [], phases: [{ id: 'poc', title: 'PoC' }] })).toBe(
      'version: 1\nproject: { name: cached }\nphase: poc\nphases:\n  - id: poc\n    title: PoC\n',
    );
    expect(manifestYaml({ name: 'empty', owners: [], project: { preset: 'llm-app' }, phase: 'poc', phases: [] })).toBe(
      'version: 1\nproject:\n  name: empty\n  preset: llm-app\nphase: poc\nphases: []\n',
    );
  });

  it('writes lepton.yaml into a folder', async () => {
    const dir = await makeTempDir();
    const file = await writeManifest(dir, { name: 'written', owners: [], phases: [{ id: 'poc', title: 'PoC' }] });
    expect(await readFile(file, 'utf8')).toBe(manifestYaml({ name: 'written', owners: [], phases: [{ id: 'poc', title: 'PoC' }] }));
  });
});

describe('flowYaml', () => {
  it('quotes a string only where YAML would read it otherwise, and reads back every value', () => {
    const values = [
      'plain',
      'sh train.sh',
      'ada@example.com',
      'src/*.py',
      '>=',
      'true',
      'No',
      'null',
      '~',
      '0.45',
      '',
      ' padded',
      'a: b',
      'x #y',
      '-x',
      '.inf',
      '.NaN',
      '.5',
      './src',
      '[a]',
      'a,b',
      "it's",
      'say "hi"',
      'ünï',
    ];
    for (const value of values) expect(parse(`v: ${flowYaml(value)}`), value).toEqual({ v: value });
    expect(flowYaml({ path: 'f1', op: '>=', value: 0.45, on: true, list: ['a b', 1] })).toBe('{ path: f1, op: ">=", value: 0.45, on: true, list: [a b, 1] }');
    expect(parse(`v: ${flowYaml({ path: 'f1', op: '>=', value: 0.45, on: true, list: ['a b', 1] })}`)).toEqual({
      v: { path: 'f1', op: '>=', value: 0.45, on: true, list: ['a b', 1] },
    });
  });

  it('leaves out keys whose value is undefined', () => {
    expect(flowYaml({ roles: ['product-owner'], binds: undefined })).toBe('{ roles: [product-owner] }');
  });
});
