// Five advances rewrite nothing in lepton.yaml but the value on its `phase:` line: comments,
// blank lines, key order, quoting and layout come out byte-for-byte.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { TempRepo } from '../helpers/git-repo.js';
import { createProject, lepton } from '../helpers/lifecycle-project.js';

const MANIFEST = [
  '# yaml-language-server: $schema=./lepton.schema.json',
  '# A hand-written manifest: odd key order, comments everywhere.',
  '',
  'phases:   # the lifecycle',
  '  - title: Proof of concept',
  '    id: poc',
  '    gate: [ { id: readme, file: README.md } ]',
  '',
  '  - { id: design, title: Design, gate: [{ id: readme, file: README.md }] }',
  '  - id: develop',
  "    title: 'Development'",
  '    gate:',
  '      - file: README.md   # same evidence, every phase',
  '        id: readme',
  '  - id: test',
  '    title: "Testing"',
  '    gate: [{ id: readme, file: README.md }]',
  '  - id: deploy',
  '    title: Deployment',
  '    gate: [{ id: readme, file: README.md }]',
  '',
  '',
  'phase:    "poc"      # quoted, padded, commented',
  'version: 1',
  'project:',
  '  # nobody owns this yet',
  '  name: bytes',
  '',
].join('\n');

describe('five advances through a hand-written manifest', () => {
  let repo: TempRepo;
  beforeAll(async () => {
    repo = await createProject(MANIFEST, { 'README.md': '# bytes\n' });
  });
  afterAll(async () => repo.cleanup());

  it('changes only the phase value, byte for byte', async () => {
    const seen: string[] = [];
    for (const expected of ['design', 'develop', 'test', 'deploy', 'deploy']) {
      const result = await lepton(repo, ['advance', '--format', 'json']);
      expect(result.exitCode, result.stderr).toBe(0);
      const bytes = await readFile(path.join(repo.dir, 'lepton.yaml'));
      expect(bytes.equals(Buffer.from(MANIFEST.replace('phase:    "poc"', `phase:    "${expected}"`)))).toBe(true);
      seen.push(JSON.parse(result.stdout).to ?? 'complete');
    }
    expect(seen).toEqual(['design', 'develop', 'test', 'deploy', 'complete']);
    expect((await lepton(repo, ['verify'])).exitCode).toBe(0);
  });
});
