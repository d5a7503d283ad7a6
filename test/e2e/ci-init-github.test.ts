// `lepton ci init --provider github` in real repositories: the workflow validates against
// SchemaStore's schema, runs what issue 5 says CI enforces, sets up Python only when the gates need
// it, uses the repository's own lepton when package-lock.json pins it, and never overwrites a
// workflow without --force.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runLepton } from '../helpers/cli.js';
import { VALIDATE_CI, validateWorkflows } from '../helpers/ci-validators.js';
import { createTempRepo, type TempRepo } from '../helpers/git-repo.js';
import { PINNED_LEPTON_FILES } from '../helpers/pinned-lepton.js';

const hasValidator = VALIDATE_CI !== undefined;
if (!hasValidator) console.warn('ci-init-github: shared/validators/ci/validate-ci.mjs not found, SchemaStore validation skipped');

const WORKFLOW = '.github/workflows/lepton.yml';

function manifest(name: string, runCommand = 'pytest -q'): string {
  return `version: 1
project: { name: ${name} }
phase: poc
phases:
  - id: poc
    title: Proof of concept
    gate:
      - { id: plan, doc: docs/poc-plan.md }
  - id: develop
    title: Development
    gate:
      - { id: unit-tests, run: "${runCommand}" }
`;
}

type Step = { name?: string; uses?: string; run?: string; with?: Record<string, unknown>; if?: string; 'working-directory'?: string };
type Workflow = { on: Record<string, any>; jobs: Record<string, { steps: Step[]; strategy?: any; defaults?: any; needs?: string; outputs?: any }> };

interface Scenario {
  repo: TempRepo;
  result: Awaited<ReturnType<typeof runLepton>>;
  text: string;
  workflow: Workflow;
}

/** Each scenario is a real repository set up and initialised once, all at the same time. */
async function scenario(files: Record<string, string>, args: string[] = [], subfolder = '', vendor = false): Promise<Scenario> {
  const repo = await createTempRepo({ files });
  if (vendor) await runLepton(['vendor'], { cwd: repo.dir });
  const result = await runLepton(['ci', 'init', ...args], { cwd: `${repo.dir}${subfolder}` });
  const text = await readFile(`${repo.dir}/${WORKFLOW}`, 'utf8').catch(() => '');
  return { repo, result, text, workflow: parse(text) as Workflow };
}

let python: Scenario;
let npmPinned: Scenario;
let monorepo: Scenario;
let subfolder: Scenario;
const extraRepos: TempRepo[] = [];

beforeAll(async () => {
  [python, npmPinned, monorepo, subfolder] = await Promise.all([
    scenario({ 'lepton.yaml': manifest('churn'), 'requirements.txt': 'pytest\n' }, ['--provider', 'github'], '', true),
    scenario({ 'lepton.yaml': manifest('web', 'npm test'), ...PINNED_LEPTON_FILES }),
    scenario({ 'services/churn/lepton.yaml': manifest('churn'), 'services/fraud/lepton.yaml': manifest('fraud', 'echo ok'), ...PINNED_LEPTON_FILES }, [], '/services'),
    scenario({ 'ml/lepton.yaml': manifest('churn'), ...PINNED_LEPTON_FILES }),
  ]);
});
afterAll(async () => {
  const scenarios = [python, npmPinned, monorepo, subfolder].filter((each): each is Scenario => each !== undefined);
  await Promise.all([...scenarios.map((each) => each.repo), ...extraRepos].map((repo) => repo.cleanup()));
});

describe('lepton ci init --provider github', () => {
  it.skipIf(!hasValidator)("writes workflows that validate against SchemaStore's github-workflow schema", async () => {
    const files = [python, npmPinned, monorepo, subfolder].map((each) => `${each.repo.dir}/${WORKFLOW}`);
    const validation = await validateWorkflows(files);
    expect(
      validation.output
        .trim()
        .split('\n')
        .filter((line) => line.startsWith('OK ')),
    ).toHaveLength(4);
    expect(validation.exitCode).toBe(0);
  });

  it('runs on pull requests and pushes to main, with full history, and enforces verify and the completed gates', () => {
    expect(python.result.exitCode, python.result.stderr).toBe(0);
    expect(python.result.stdout).toMatch(/^created \.github\/workflows\/lepton\.yml\n/);
    const { workflow } = python;
    expect(Object.keys(workflow.on)).toEqual(['pull_request', 'push']);
    expect(workflow.on.push).toEqual({ branches: ['main'] });
    const steps = workflow.jobs.gates!.steps;
    expect(steps[0]).toMatchObject({ uses: 'actions/checkout@v7', with: { 'fetch-depth': 0 } });
    expect(steps.find((step) => step.uses === 'actions/setup-node@v7')?.with).toMatchObject({ 'node-version': '24' });
    expect(steps.find((step) => step.name === 'Use the vendored lepton (.lepton/bin/lepton.cjs)')?.run).toContain('exec node "%s" "$@"');
    expect(python.text).not.toMatch(/npm (install|i) /);
    const runs = steps.map((step) => step.run ?? '').join('\n');
    expect(runs).toContain('lepton verify --strict --junit "$RUNNER_TEMP/lepton-reports/verify.xml"');
    expect(runs).toContain('lepton gate --completed --junit "$RUNNER_TEMP/lepton-reports/completed.xml"');
    expect(runs).toContain('lepton gate --phase "$PREVIOUS"');
    const progress = steps.find((step) => step.name?.startsWith('Progress of the current phase'));
    expect(progress?.run).toContain('lepton gate --format markdown');
    expect(progress?.run).toContain('>> "$GITHUB_STEP_SUMMARY"');
    expect(steps.find((step) => step.name === 'Upload the JUnit reports')).toMatchObject({
      uses: 'actions/upload-artifact@v7',
      if: '${{ !cancelled() }}',
      with: { path: '${{ runner.temp }}/lepton-reports/' },
    });
  });

  it('sets up Python and installs requirements*.txt and a pyproject.toml project when a gate runs pytest', () => {
    const steps = python.workflow.jobs.gates!.steps;
    expect(steps.find((step) => step.uses === 'actions/setup-python@v7')?.with).toMatchObject({
      'python-version': '3.12',
      cache: 'pip',
      'cache-dependency-path': '**/requirements*.txt',
    });
    const install = steps.find((step) => step.name?.startsWith('Install Python dependencies'))?.run ?? '';
    expect(install).toContain('for file in requirements*.txt; do');
    expect(install).toContain('python -m pip install -r "$file"');
    expect(install).toContain('python -m pip install -e ".${extras:+[$extras]}"');
    expect(install).toContain("'__pycache__/' '*.egg-info/' >> \"$exclude\"");
  });

  it('sets up no Python when no gate runs Python, and uses npm ci when package-lock.json pins lepton', () => {
    expect(npmPinned.result.exitCode, npmPinned.result.stderr).toBe(0);
    expect(npmPinned.result.stdout).toContain('lepton: the version package-lock.json pins (npm ci)');
    const steps = npmPinned.workflow.jobs.gates!.steps;
    expect(steps.some((step) => step.uses?.startsWith('actions/setup-python'))).toBe(false);
    expect(steps.find((step) => step.name === 'Install lepton (package-lock.json)')?.run).toBe(
      [
        'npm ci',
        'exclude="$(git rev-parse --path-format=absolute --git-path info/exclude)"',
        'mkdir -p "$(dirname "$exclude")" && printf \'%s\\n\' \'node_modules/\' >> "$exclude"',
        'echo "$PWD/node_modules/.bin" >> "$GITHUB_PATH"',
        '',
      ].join('\n'),
    );
    expect(npmPinned.text).not.toContain('npm install --global');
  });

  it('gives a monorepo one job per project from `lepton ci matrix`, and a project in a subfolder its working directory', () => {
    expect(monorepo.result.exitCode, monorepo.result.stderr).toBe(0);
    expect(monorepo.result.stdout).toContain('projects: 2');
    const { jobs } = monorepo.workflow;
    expect(jobs.projects!.steps.at(-1)?.run).toBe('echo "matrix=$(lepton ci matrix)" >> "$GITHUB_OUTPUT"');
    expect(jobs.gates!.strategy).toEqual({ 'fail-fast': false, matrix: '${{ fromJSON(needs.projects.outputs.matrix) }}' });
    expect(jobs.gates!.defaults).toEqual({ run: { 'working-directory': '${{ matrix.path }}' } });
    expect(subfolder.workflow.jobs.gates!.defaults).toEqual({ run: { 'working-directory': 'ml' } });
  });

  it('never overwrites an existing workflow without --force', async () => {
    const repo = await createTempRepo({ files: { 'lepton.yaml': manifest('churn'), [WORKFLOW]: 'name: mine\n', ...PINNED_LEPTON_FILES } });
    extraRepos.push(repo);
    const refused = await runLepton(['ci', 'init'], { cwd: repo.dir });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toBe('lepton: .github/workflows/lepton.yml already exists; not overwriting it\nhint: pass --force to overwrite it, or edit it by hand\n');
    expect(await readFile(`${repo.dir}/${WORKFLOW}`, 'utf8')).toBe('name: mine\n');
    const forced = await runLepton(['ci', 'init', '--force'], { cwd: repo.dir });
    expect(forced.exitCode, forced.stderr).toBe(0);
    expect(forced.stdout).toMatch(/^overwrote \.github\/workflows\/lepton\.yml/);
    expect(await readFile(`${repo.dir}/${WORKFLOW}`, 'utf8')).toContain('name: lepton');
  });

  it('refuses a repository without lepton.yaml, naming the fix', async () => {
    const repo = await createTempRepo({ files: { 'README.md': '# x\n' } });
    extraRepos.push(repo);
    const result = await runLepton(['ci', 'init'], { cwd: repo.dir });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^lepton: no lepton\.yaml in .+ or below it\nhint: run `lepton init` first, then `lepton ci init`\n$/);
  });
});
