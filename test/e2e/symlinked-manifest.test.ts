// `advance` rewrites `phase:` through a symlinked lepton.yaml (the link stays a link, pointing
// where it did) and keeps the file's mode: every atomic write does.
import { chmod, lstat, readFile, readlink, rm, stat, symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { commitAs, ADA, createProject, lepton } from '../helpers/lifecycle-project.js';
import type { TempRepo } from '../helpers/git-repo.js';

const MANIFEST = `version: 1
project: { name: linked }
phase: poc
phases:
  - id: poc
    title: Proof of concept
    gate:
      - { id: config, file: config/lepton.yaml }
  - id: design
    title: Design
`;

let repo: TempRepo | undefined;
afterAll(async () => repo?.cleanup());

it('advance writes through a symlinked lepton.yaml and keeps its mode', async () => {
  repo = await createProject(MANIFEST);
  const real = path.join(repo.dir, 'config/lepton.yaml');
  await repo.write('config/lepton.yaml', MANIFEST);
  await rm(path.join(repo.dir, 'lepton.yaml'));
  await symlink('config/lepton.yaml', path.join(repo.dir, 'lepton.yaml'));
  await chmod(real, 0o640);
  await commitAs(repo, ADA, 'manifest behind a link');
  const advanced = await lepton(repo, ['advance']);
  expect(advanced.exitCode, advanced.stderr).toBe(0);
  const link = path.join(repo.dir, 'lepton.yaml');
  expect((await lstat(link)).isSymbolicLink()).toBe(true);
  expect(await readlink(link)).toBe('config/lepton.yaml');
  expect(await readFile(real, 'utf8')).toMatch(/^phase: design$/m);
  expect((await stat(real)).mode & 0o777).toBe(0o640);
});
