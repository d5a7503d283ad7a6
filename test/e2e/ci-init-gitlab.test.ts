// `lepton ci init --provider gitlab`: a new .gitlab-ci.yml, or the `lepton` job merged into an
// existing one with its comments, anchors, tags and other jobs kept; an existing `lepton` job is
// replaced only with --force.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';
import { runLepton } from '../helpers/cli.js';
import { createTempRepo, type TempRepo } from '../helpers/git-repo.js';
import { PINNED_LEPTON_FILES } from '../helpers/pinned-lepton.js';

const MANIFEST = `version: 1
project: { name: churn }
phase: poc
phases:
  - id: poc
    title: Proof of concept
    gate:
      - { id: plan, doc: docs/poc-plan.md }
      - { id: unit-tests, run: "python -m pytest -q" }
`;

const EXISTING = `# Our pipeline: build, then deploy.
stages: [build, deploy]   # order matters

variables:
  PIP_CACHE_DIR: "$CI_PROJECT_DIR/.cache/pip"

.defaults: &defaults
  image: python:3.12
  tags: [docker]

build:
  <<: *defaults
  stage: build
  script:
    - pip install -r requirements.txt   # deps
    - python -m build

deploy:
  stage: deploy
  script: !reference [build, script]
  when: manual
`;

type Job = { stage: string; image: string; variables: Record<string, string>; rules: { if: string }[]; before_script: string[]; script: string[]; artifacts: any };

let fresh: TempRepo;
let merged: TempRepo;
let freshRun: Awaited<ReturnType<typeof runLepton>>;
let mergeRun: Awaited<ReturnType<typeof runLepton>>;

beforeAll(async () => {
  [fresh, merged] = await Promise.all([
    createTempRepo({ files: { 'lepton.yaml': MANIFEST, ...PINNED_LEPTON_FILES } }),
    createTempRepo({ files: { 'lepton.yaml': MANIFEST, '.gitlab-ci.yml': EXISTING, ...PINNED_LEPTON_FILES } }),
  ]);
  [freshRun, mergeRun] = await Promise.all([
    runLepton(['ci', 'init', '--provider', 'gitlab'], { cwd: fresh.dir }),
    runLepton(['ci', 'init', '--provider', 'gitlab'], { cwd: merged.dir }),
  ]);
});
afterAll(() => Promise.all([fresh.cleanup(), merged.cleanup()]));

describe('a new .gitlab-ci.yml', () => {
  it('holds one `lepton` job in the test stage, for merge requests and the default branch, with full history', async () => {
    expect(freshRun.exitCode, freshRun.stderr).toBe(0);
    expect(freshRun.stdout).toMatch(/^created \.gitlab-ci\.yml\n/);
    const config = parse(await readFile(`${fresh.dir}/.gitlab-ci.yml`, 'utf8')) as Record<string, Job>;
    expect(Object.keys(config)).toEqual(['lepton']);
    const job = config.lepton!;
    expect(job.stage).toBe('test');
    expect(job.image).toBe('node:24');
    expect(job.variables).toEqual({ GIT_DEPTH: '0' });
    expect(job.rules).toEqual([{ if: '$CI_PIPELINE_SOURCE == "merge_request_event"' }, { if: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH' }]);
  });

  it('installs lepton (and Python for `python -m pytest`), runs the enforced gates and publishes JUnit', async () => {
    const job = (parse(await readFile(`${fresh.dir}/.gitlab-ci.yml`, 'utf8')) as Record<string, Job>).lepton!;
    expect(job.before_script.slice(0, 2)).toEqual(['(cd "$CI_PROJECT_DIR" && npm ci)', 'export PATH="$CI_PROJECT_DIR/node_modules/.bin:$PATH"']);
    expect(job.before_script.join('\n')).toContain("'/lepton-reports/' 'node_modules/' >> \"$exclude\"");
    expect(job.before_script.join('\n')).not.toContain('npm install');
    expect(job.before_script.join('\n')).toContain('python3 -m venv /tmp/lepton-venv');
    expect(job.script.every((line) => typeof line === 'string')).toBe(true);
    expect(job.script).toContain('lepton verify --strict --junit "$CI_PROJECT_DIR/lepton-reports/verify.xml" || failed=$?');
    expect(job.script).toContain('lepton gate --completed --junit "$CI_PROJECT_DIR/lepton-reports/completed.xml" || failed=$?');
    expect(job.script.at(-1)).toBe('exit "$failed"');
    expect(job.artifacts).toEqual({ when: 'always', expire_in: '30 days', paths: ['lepton-reports/'], reports: { junit: 'lepton-reports/*.xml' } });
  });
});

describe('merging into an existing .gitlab-ci.yml', () => {
  it('keeps every comment, anchor, tag and job, adds `test` to stages and appends the job', async () => {
    expect(mergeRun.exitCode, mergeRun.stderr).toBe(0);
    expect(mergeRun.stdout).toContain('added the `lepton` job to .gitlab-ci.yml');
    expect(mergeRun.stdout).toContain('stages: added `test`');
    const text = await readFile(`${merged.dir}/.gitlab-ci.yml`, 'utf8');
    for (const kept of ['# Our pipeline: build, then deploy.', '# order matters', '# deps', '&defaults', '<<: *defaults', '!reference [build, script]'])
      expect(text).toContain(kept);
    expect(text).toContain('stages: [build, deploy, test]');
    const before = parseDocument(EXISTING).toJS({ maxAliasCount: -1 }) as Record<string, unknown>;
    const after = parseDocument(text).toJS({ maxAliasCount: -1 }) as Record<string, unknown>;
    const { lepton, stages, ...rest } = after;
    const { stages: _stages, ...restBefore } = before;
    expect(rest).toEqual(restBefore);
    expect(stages).toEqual(['build', 'deploy', 'test']);
    expect(lepton).toMatchObject({ stage: 'test' });
    expect(text.indexOf('\nlepton:')).toBeGreaterThan(text.indexOf('\ndeploy:'));
    expect(text).toMatch(/\n\n# lepton phase gates, added by `lepton ci init --provider gitlab`; edit freely\.\n/);
  });

  it('refuses to replace an existing `lepton` job without --force, and with it replaces only that job', async () => {
    const repo = await createTempRepo({
      files: { 'lepton.yaml': MANIFEST, '.gitlab-ci.yml': `${EXISTING}\n# ours\nlepton:\n  script: [echo old]\n\nafter:\n  script: [echo after]\n`, ...PINNED_LEPTON_FILES },
    });
    try {
      const original = await readFile(`${repo.dir}/.gitlab-ci.yml`, 'utf8');
      const refused = await runLepton(['ci', 'init', '--provider', 'gitlab'], { cwd: repo.dir });
      expect(refused.exitCode).toBe(2);
      expect(refused.stderr).toBe(
        'lepton: .gitlab-ci.yml already has a `lepton` job; not replacing it\nhint: pass --force to replace that job (the rest of the file stays as it is)\n',
      );
      expect(await readFile(`${repo.dir}/.gitlab-ci.yml`, 'utf8')).toBe(original);
      const forced = await runLepton(['ci', 'init', '--provider', 'gitlab', '--force'], { cwd: repo.dir });
      expect(forced.exitCode, forced.stderr).toBe(0);
      expect(forced.stdout).toContain('replaced the `lepton` job in .gitlab-ci.yml');
      const text = await readFile(`${repo.dir}/.gitlab-ci.yml`, 'utf8');
      expect(text).toContain('# ours\nlepton:\n  stage: test');
      expect(text).not.toContain('echo old');
      const config = parse(text) as Record<string, { script: string[] }>;
      expect(Object.keys(config)).toEqual(['stages', 'variables', '.defaults', 'build', 'deploy', 'lepton', 'after']);
      expect(config.after!.script).toEqual(['echo after']);
    } finally {
      await repo.cleanup();
    }
  });

  it('gives a monorepo one parallel job per project', async () => {
    const repo = await createTempRepo({ files: { 'a/lepton.yaml': MANIFEST, 'b/c/lepton.yaml': MANIFEST, ...PINNED_LEPTON_FILES } });
    try {
      const result = await runLepton(['ci', 'init', '--provider', 'gitlab'], { cwd: repo.dir });
      expect(result.exitCode, result.stderr).toBe(0);
      const job = (parse(await readFile(`${repo.dir}/.gitlab-ci.yml`, 'utf8')) as Record<string, Job & { parallel: unknown }>).lepton!;
      expect(job.parallel).toEqual({ matrix: [{ LEPTON_PROJECT: ['a', 'b/c'] }] });
      expect(job.before_script).toContain('cd "$LEPTON_PROJECT"');
    } finally {
      await repo.cleanup();
    }
  });

  it('refuses a .gitlab-ci.yml that is not valid YAML, changing nothing', async () => {
    const repo = await createTempRepo({ files: { 'lepton.yaml': MANIFEST, '.gitlab-ci.yml': 'build:\n  script: [unclosed\n', ...PINNED_LEPTON_FILES } });
    try {
      const result = await runLepton(['ci', 'init', '--provider', 'gitlab'], { cwd: repo.dir });
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toMatch(/^lepton: \.gitlab-ci\.yml is not valid YAML: .+\nhint: fix \.gitlab-ci\.yml first/);
      expect(await readFile(`${repo.dir}/.gitlab-ci.yml`, 'utf8')).toBe('build:\n  script: [unclosed\n');
    } finally {
      await repo.cleanup();
    }
  });
});
