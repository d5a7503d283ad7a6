// The shell the generated CI files run, run for real in a repository whose history has an
// `advance`: the phase-change detection against the base commit, progress that never fails the
// job, and the whole GitLab job (every gate runs, JUnit reports written, the tree stays clean).
import { execa } from 'execa';
import { chmod, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { LEPTON_BIN, cleanEnv, runLepton } from '../helpers/cli.js';
import { createTempRepo, makeTempDir, type TempRepo } from '../helpers/git-repo.js';

const MANIFEST = `version: 1
project:
  name: churn
  owners:
    - { name: Ada Lovelace, email: ada@example.com, roles: [tech-lead] }
phase: poc
phases:
  - id: poc
    title: Proof of concept
    gate:
      - { id: plan, file: docs/plan.md }
  - id: design
    title: Design
    gate:
      - { id: architecture, file: docs/architecture.md }
`;

type Step = { id?: string; name?: string; run?: string };

let repo: TempRepo;
let bin: string;
let baseSha: string;
let phaseStep: string;
let progressStep: string;
let gitlabJob: string;

/** Runs a script as the CI runner would (bash -e, pipefail), with `lepton` on PATH. */
async function shell(script: string, env: Record<string, string>) {
  return execa('bash', ['-eo', 'pipefail', '-c', script], {
    cwd: repo.dir,
    env: cleanEnv({ ...env, PATH: `${bin}${path.delimiter}${process.env.PATH}` }),
    extendEnv: false,
    reject: false,
  });
}

beforeAll(async () => {
  repo = await createTempRepo({ files: { 'lepton.yaml': MANIFEST, 'docs/plan.md': '# Plan\n' } });
  baseSha = await repo.git('rev-parse', 'HEAD');
  // The jobs run the vendored lepton (GitLab's job through its own shell function).
  const vendored = await runLepton(['vendor'], { cwd: repo.dir });
  expect(vendored.exitCode, vendored.stderr).toBe(0);
  const advanced = await runLepton(['advance'], { cwd: repo.dir });
  expect(advanced.exitCode, advanced.stderr).toBe(0);
  const [github, gitlab] = await Promise.all([
    runLepton(['ci', 'init', '--provider', 'github'], { cwd: repo.dir }),
    runLepton(['ci', 'init', '--provider', 'gitlab'], { cwd: repo.dir }),
  ]);
  expect(github.exitCode, github.stderr).toBe(0);
  expect(gitlab.exitCode, gitlab.stderr).toBe(0);
  await repo.commitAll('advance to design, add CI');

  bin = await makeTempDir('lepton-bin-');
  await writeFile(path.join(bin, 'lepton'), `#!/bin/sh\nexec "${process.execPath}" "${LEPTON_BIN}" "$@"\n`);
  await chmod(path.join(bin, 'lepton'), 0o755);

  const steps = (parse(await readFile(path.join(repo.dir, '.github/workflows/lepton.yml'), 'utf8')) as { jobs: { gates: { steps: Step[] } } }).jobs.gates.steps;
  phaseStep = steps.find((step) => step.id === 'phase')!.run!;
  progressStep = steps.find((step) => step.name?.startsWith('Progress'))!.run!;
  const job = (parse(await readFile(path.join(repo.dir, '.gitlab-ci.yml'), 'utf8')) as { lepton: { before_script: string[]; script: string[] } }).lepton;
  gitlabJob = [...job.before_script, ...job.script].join('\n');
});
afterAll(() => Promise.all([repo?.cleanup(), bin && rm(bin, { recursive: true, force: true })]));

describe('GitHub: does this change move phase:?', () => {
  async function previousFor(base: string): Promise<string> {
    const output = path.join(bin, `output-${Math.random().toString(36).slice(2)}`);
    const result = await shell(phaseStep, { BASE_SHA: base, GITHUB_OUTPUT: output });
    expect(result.exitCode, result.stderr).toBe(0);
    return readFile(output, 'utf8');
  }

  it('names the phase the change completes when phase: moved since the base', async () => {
    expect(await previousFor(baseSha)).toBe('previous=poc\n');
  });

  it('names none when phase: did not move, on a new branch (all-zero base) and without a base', async () => {
    expect(await previousFor(await repo.git('rev-parse', 'HEAD'))).toBe('previous=\n');
    expect(await previousFor('0'.repeat(40))).toBe('previous=\n');
    expect(await previousFor('')).toBe('previous=\n');
  });
});

describe('progress of the current phase', () => {
  it('reports a failing gate in the log and the job summary without failing the step', async () => {
    const temp = await makeTempDir('lepton-runner-');
    try {
      const summary = path.join(temp, 'summary.md');
      const result = await shell(progressStep, { RUNNER_TEMP: temp, GITHUB_STEP_SUMMARY: summary });
      expect(result.exitCode, result.stderr).toBe(0);
      expect(result.stdout).toContain('## ❌ lepton gate: churn — failed');
      expect(result.stdout).toContain("the current phase's gate does not pass yet: reported as progress, not enforced");
      expect(await readFile(summary, 'utf8')).toContain('| ❌ fail | `architecture` | file |');
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
  });
});

describe('the GitLab job', () => {
  const env = () => ({ CI_PROJECT_DIR: repo.dir, CI_MERGE_REQUEST_DIFF_BASE_SHA: baseSha });

  it('passes when the ledger verifies and the completed gate passes, writing JUnit reports git does not see', async () => {
    const result = await shell(gitlabJob, env());
    expect(result.exitCode, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout).toContain('this change moves phase: from poc to design; the gate of poc must pass');
    expect((await readdir(path.join(repo.dir, 'lepton-reports'))).sort()).toEqual(['completed.xml', 'phase-poc.xml', 'verify.xml']);
    expect(await readFile(path.join(repo.dir, 'lepton-reports/completed.xml'), 'utf8')).toMatch(/<testsuite name="lepton\.poc"[^>]* tests="1" failures="0"/);
    expect(await repo.git('status', '--porcelain')).toBe('');
  });

  it('fails when a completed gate no longer passes, after running every gate', async () => {
    await rm(path.join(repo.dir, 'docs/plan.md'));
    await repo.commitAll('remove the plan');
    await mkdir(path.join(repo.dir, 'lepton-reports'), { recursive: true });
    const result = await shell(gitlabJob, env());
    expect(result.exitCode).toBe(1);
    expect(await readFile(path.join(repo.dir, 'lepton-reports/completed.xml'), 'utf8')).toMatch(/tests="1" failures="1"/);
    expect(await readFile(path.join(repo.dir, 'lepton-reports/verify.xml'), 'utf8')).toMatch(/<testsuite name="lepton\.verify"[^>]* failures="0"/);
    expect(result.stdout).toContain('## ❌ lepton gate: churn — failed');
  });

  it('writes its progress report to a file of its own, never a fixed path that concurrent jobs would share', () => {
    expect(gitlabJob).toContain('progress="$(mktemp)"');
    expect(gitlabJob).toContain('lepton gate --format markdown > "$progress"');
    expect(gitlabJob).not.toMatch(/\/tmp\//);
  });
});
