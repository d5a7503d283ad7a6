// A committed project template that is a symlink leaving the project (to ~/.git-credentials, say)
// is refused by `generate` and by `advance`: its target never lands in docs/.
import { existsSync } from 'node:fs';
import { readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeTempDir, type TempRepo } from '../helpers/git-repo.js';
import { ADA, OWNERS_YAML, commitAs, createProject, lepton } from '../helpers/lifecycle-project.js';

const MANIFEST = `version: 1
project:
  name: links
${OWNERS_YAML}
phase: poc
phases:
  - id: poc
    title: Proof of concept
    templates: [poc-plan]
    gate:
      - { id: manifest, file: lepton.yaml }
  - id: design
    title: Design
    templates: [architecture]
`;
const SECRET = 'https://ada:ghp_SECRET_TOKEN@github.com';

let repo: TempRepo;
let outside: string;
beforeAll(async () => {
  outside = await makeTempDir('lepton-outside-');
  await writeFile(path.join(outside, '.git-credentials'), `${SECRET}\n`);
  repo = await createProject(MANIFEST);
  await repo.write('.lepton/templates/en/.keep', '');
  for (const name of ['poc-plan', 'architecture']) {
    await symlink(path.join(outside, '.git-credentials'), path.join(repo.dir, `.lepton/templates/en/${name}.md.hbs`));
  }
  await commitAs(repo, ADA, 'templates');
});
afterAll(async () => {
  await repo.cleanup();
  await rm(outside, { recursive: true, force: true });
});

it('generate refuses a project template that links outside the project', async () => {
  const result = await lepton(repo, ['generate', 'poc-plan']);
  expect(result.exitCode).toBe(2);
  expect(result.stderr).toContain('.lepton/templates/en/poc-plan.md.hbs is a symlink that points outside the project');
  expect(existsSync(path.join(repo.dir, 'docs/poc-plan.md'))).toBe(false);
});

it("advance does not render a linked template into the next phase's documents", async () => {
  const result = await lepton(repo, ['advance']);
  expect(result.stderr).toContain('.lepton/templates/en/architecture.md.hbs is a symlink that points outside the project');
  const written = await readFile(path.join(repo.dir, 'docs/architecture.md'), 'utf8').catch(() => '');
  expect(written).not.toContain('SECRET_TOKEN');
});
