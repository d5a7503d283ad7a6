// `lepton vendor` in a fresh repository with no package.json: the vendored .lepton/bin/lepton.cjs
// is committed (.lepton/.gitignore lets it through), runs with plain node when no node_modules is
// anywhere above it and nothing but Node's built-in modules can be required, renders the
// built-in templates it carries, and is what the pre-push hook runs.
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, runLepton } from '../helpers/cli.js';
import { createTempRepo, gitEnv, makeTempDir, type TempRepo } from '../helpers/git-repo.js';

const VENDORED = '.lepton/bin/lepton.cjs';

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
      - { id: prototype-exists, file: "src/*.py" }
      - { id: plan-written, doc: docs/poc-plan.md }
      - id: results-meet-criteria
        metric: { file: poc/results.json, checks: [{ path: accuracy, op: ">=", value: 0.85 }] }
  - id: design
    title: Design
    templates: [architecture]
    gate:
      - { id: architecture-written, doc: docs/architecture.md }
`;

// Preloaded with --require: any require() of something other than a Node built-in (or the
// vendored file itself) throws, so a vendored file that still needs a package cannot pass.
const GUARD = `const Module = require('node:module');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (!Module.isBuiltin(request) && request !== process.env.LEPTON_VENDORED) throw new Error('the vendored lepton required ' + request);
  return resolve.call(this, request, ...rest);
};
`;

let repo: TempRepo;
let remote: string;
let tools: string;
let vendorRun: Awaited<ReturnType<typeof runLepton>>;

/** A PATH holding git, node and the shell tools a hook uses, and no lepton. */
async function pathWithoutLepton(dir: string): Promise<string> {
  for (const tool of ['git', 'node', 'sh', 'cat', 'dirname']) {
    const found = (await execa('sh', ['-c', `command -v ${tool}`])).stdout.trim();
    await symlink(found, path.join(dir, tool));
  }
  return dir;
}

/** Runs the vendored file with plain node, from the project, with the require guard. */
async function vendored(args: string[]) {
  const file = path.join(repo.dir, VENDORED);
  const result = await execa('node', ['--require', path.join(tools, 'guard.cjs'), file, ...args], {
    cwd: repo.dir,
    env: cleanEnv({ ...gitEnv(), PATH: tools, LEPTON_VENDORED: file, NODE_PATH: undefined }),
    extendEnv: false,
    reject: false,
  });
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}

async function push(args: string[]) {
  const result = await execa('git', ['push', ...args], { cwd: repo.dir, env: cleanEnv({ ...gitEnv(), PATH: tools }), extendEnv: false, reject: false });
  return { exitCode: result.exitCode ?? -1, stderr: String(result.stderr) };
}

beforeAll(async () => {
  repo = await createTempRepo({
    files: {
      'lepton.yaml': MANIFEST,
      'src/model.py': 'def predict(x):\n    return x\n',
      'docs/poc-plan.md': '# PoC plan\n\n## Goal\n\nPredict churn.\n',
      'poc/results.json': '{ "accuracy": 0.91 }\n',
    },
  });
  remote = await makeTempDir('lepton-remote-');
  await execa('git', ['init', '-q', '--bare', '-b', 'main', remote], { env: gitEnv() });
  await repo.git('remote', 'add', 'origin', remote);
  tools = await pathWithoutLepton(await makeTempDir('lepton-tools-'));
  await writeFile(path.join(tools, 'guard.cjs'), GUARD);
  vendorRun = await runLepton(['vendor'], { cwd: repo.dir });
});
afterAll(() => Promise.all([repo?.cleanup(), remote && rm(remote, { recursive: true, force: true }), tools && rm(tools, { recursive: true, force: true })]));

describe('lepton vendor', () => {
  it('writes an executable .lepton/bin/lepton.cjs that git sees, and says how to commit it', async () => {
    expect(vendorRun.exitCode, vendorRun.stderr).toBe(0);
    expect(vendorRun.stderr).toBe('');
    expect(vendorRun.stdout).toMatch(/^wrote \.lepton\/bin\/lepton\.cjs \(lepton \d+\.\d+\.\d+\S*\)\n/);
    expect(vendorRun.stdout).toContain('git add .lepton/bin/lepton.cjs .lepton/.gitignore');
    expect((await stat(path.join(repo.dir, VENDORED))).mode & 0o111).not.toBe(0);
    expect(await repo.git('status', '--porcelain', '--untracked-files=all', '.lepton')).toContain('?? .lepton/bin/lepton.cjs');
  });

  it('leaves an up-to-date copy as it is', async () => {
    const again = await runLepton(['vendor'], { cwd: repo.dir });
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^already up to date: \.lepton\/bin\/lepton\.cjs/);
  });

  it('runs `gate` with plain node, no package.json and no node_modules above it, requiring only Node built-ins', async () => {
    await repo.commitAll('vendor lepton');
    expect(await repo.git('ls-files', '.lepton')).toContain(VENDORED);
    for (let dir = repo.dir; dir !== path.dirname(dir); dir = path.dirname(dir)) {
      expect(existsSync(path.join(dir, 'node_modules')), `${dir}/node_modules`).toBe(false);
      expect(existsSync(path.join(dir, 'package.json')), `${dir}/package.json`).toBe(false);
    }
    const gate = await vendored(['gate', '--format', 'json']);
    expect(gate.exitCode, gate.stderr).toBe(0);
    const report = JSON.parse(gate.stdout) as { passed: boolean; checks: { id: string; status: string }[] };
    expect(report.passed).toBe(true);
    expect(report.checks.map((check) => `${check.id}:${check.status}`)).toEqual(['prototype-exists:pass', 'plan-written:pass', 'results-meet-criteria:pass']);
    // The code cache it compiles through is written beside it, and git ignores it.
    expect(existsSync(path.join(repo.dir, `${VENDORED}.cache`))).toBe(true);
    expect(await repo.git('status', '--porcelain', '--ignored=no')).toBe('');
    const cached = await vendored(['gate']);
    expect(cached.exitCode, cached.stderr).toBe(0);
  });

  it("renders the built-in templates it carries: advance writes the next phase's document", async () => {
    const advanced = await vendored(['advance']);
    expect(advanced.exitCode, advanced.stderr).toBe(0);
    expect(advanced.stdout).toContain('created docs/architecture.md');
    expect(await readFile(path.join(repo.dir, 'docs/architecture.md'), 'utf8')).toMatch(/^# .*[Aa]rchitecture/m);
    const listed = await vendored(['generate', '--list']);
    expect(listed.exitCode, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/^poc-plan +\S* +en, zh-CN +built-in$/m);
    await repo.commitAll('enter design');
  });

  it('is what the pre-push hook runs when lepton is installed nowhere else', async () => {
    const installed = await runLepton(['hooks', 'install'], { cwd: repo.dir, env: gitEnv() });
    expect(installed.exitCode, installed.stderr).toBe(0);
    const passed = await push(['-q', 'origin', 'main']);
    expect(passed.stderr).toContain('lepton: pre-push gate passed for main');
    expect(passed.exitCode).toBe(0);

    await writeFile(path.join(repo.dir, 'poc/results.json'), '{ "accuracy": 0.52 }\n');
    await repo.commitAll('worse results');
    const refused = await push(['-q', 'origin', 'main']);
    expect(refused.exitCode).not.toBe(0);
    expect(refused.stderr).toContain('push to main refused: completed phase poc no longer passes its gate (results-meet-criteria)');
  });
});

describe('lepton vendor in a project made before vendoring existed', () => {
  it('appends the vendored file to the allow-list of its .lepton/.gitignore, changing nothing else', async () => {
    const old =
      '# lepton: commit the ledger, the schema and project templates; not the lock, journal or cache\n*\n!.gitignore\n!ledger.jsonl\n!schema.json\n!templates/\n!templates/**\n';
    const project = await createTempRepo({ files: { 'lepton.yaml': MANIFEST, '.lepton/.gitignore': old } });
    try {
      const result = await runLepton(['vendor'], { cwd: project.dir });
      expect(result.exitCode, result.stderr).toBe(0);
      expect(result.stdout).toContain('updated .lepton/.gitignore so git sees it');
      expect(await readFile(path.join(project.dir, '.lepton/.gitignore'), 'utf8')).toBe(`${old}!bin/\n!bin/lepton.cjs\n`);
      expect(await project.git('status', '--porcelain', '--untracked-files=all')).toContain('?? .lepton/bin/lepton.cjs');
    } finally {
      await project.cleanup();
    }
  });

  it('warns when another ignore file still hides it (a folder git ignores cannot be re-included from inside)', async () => {
    const project = await createTempRepo({ files: { 'lepton.yaml': MANIFEST, '.gitignore': '.lepton/\n' } });
    try {
      const result = await runLepton(['vendor'], { cwd: project.dir });
      expect(result.exitCode, result.stderr).toBe(0);
      expect(result.stderr).toBe('warning: git ignores .lepton/bin/lepton.cjs (.gitignore:1:.lepton/); allow it there, or add it with `git add -f .lepton/bin/lepton.cjs`\n');
    } finally {
      await project.cleanup();
    }
  });
});
