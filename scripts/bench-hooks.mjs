// What lepton's pre-push hook adds to a real `git push` to a local bare repository, as a
// ratio to `node -e 0` measured in the same run. Scenarios run interleaved, so load on the
// machine hits them alike; the median of N runs is reported. The pushes the hook lets through
// unchecked (another branch, a deletion, an up-to-date push) are each set beside the same push
// without a hook; the gated push sends one new commit to main.
//
//   node scripts/bench-hooks.mjs            (BENCH_RUNS=N to change the number of runs, default 15)
//
// Budgets (issue 5): a push the hook does not gate adds at most 1× `node -e 0`; a push gating a
// manifest of file/doc/metric checks adds at most 2×. lefthook's Go binary running a no-op
// pre-push hook is shown for reference. Exits 1 when a hook is over its budget, as bench.mjs does.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { arch, platform, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const leptonBin = path.join(root, 'bin', 'lepton.js');
const runs = Math.max(3, Number(process.env.BENCH_RUNS) || 15);
const gitEnv = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
};
for (const key of Object.keys(gitEnv)) if (/^(LEPTON_|LEFTHOOK|CI$|GITHUB_)/.test(key)) delete gitEnv[key];

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { env: gitEnv, encoding: 'utf8', ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}) in ${options.cwd ?? '.'}:\n${result.stderr}${result.stdout}`);
  }
  return result.stdout;
}

// ——— the project: a completed phase of 20 file/doc/metric checks ———

const FILE_CHECKS = 7;
const DOC_CHECKS = 7;
const METRIC_CHECKS = 6;

function manifest() {
  const checks = [];
  for (let index = 0; index < FILE_CHECKS; index += 1) checks.push(`      - { id: file-${index}, file: "src/part${index}/*.py" }`);
  for (let index = 0; index < DOC_CHECKS; index += 1) checks.push(`      - { id: doc-${index}, doc: docs/doc-${index}.md }`);
  for (let index = 0; index < METRIC_CHECKS; index += 1) {
    checks.push(
      `      - id: metric-${index}\n        metric: { file: results/run-${index}.json, checks: [{ path: accuracy, op: ">=", value: 0.8 }, { path: latency_ms.p95, op: "<=", value: 300 }] }`,
    );
  }
  return `version: 1
project:
  name: bench-hooks
  description: Pre-push hook benchmark
  preset: ml-model
  domain: general
  language: en
  owners:
    - { name: Bench, email: bench@example.com, roles: [tech-lead] }
phase: poc
phases:
  - id: poc
    title: Proof of concept
    gate:
${checks.join('\n')}
  - id: design
    title: Design
    gate:
      - { id: architecture-written, doc: docs/architecture.md }
`;
}

async function writeProjectFiles(dir) {
  await writeFile(path.join(dir, 'lepton.yaml'), manifest());
  for (let index = 0; index < FILE_CHECKS; index += 1) {
    await mkdir(path.join(dir, 'src', `part${index}`), { recursive: true });
    await writeFile(path.join(dir, 'src', `part${index}`, 'model.py'), `def predict_${index}(x):\n    return x\n`);
  }
  await mkdir(path.join(dir, 'docs'), { recursive: true });
  for (let index = 0; index < DOC_CHECKS; index += 1) {
    await writeFile(path.join(dir, 'docs', `doc-${index}.md`), `# Document ${index}\n\n## Purpose\n\nWhy part ${index} exists.\n\n## Approach\n\nHow it works.\n`);
  }
  await mkdir(path.join(dir, 'results'), { recursive: true });
  for (let index = 0; index < METRIC_CHECKS; index += 1) {
    await writeFile(path.join(dir, 'results', `run-${index}.json`), JSON.stringify({ accuracy: 0.9, latency_ms: { p95: 120 } }));
  }
}

async function createRepo(base, name, remote) {
  const dir = path.join(base, name);
  await mkdir(dir);
  run('git', ['init', '-q', '-b', 'main'], { cwd: dir });
  run('git', ['config', 'commit.gpgsign', 'false'], { cwd: dir });
  run('git', ['remote', 'add', 'origin', remote], { cwd: dir });
  await writeProjectFiles(dir);
  // As `npm install` leaves it: lepton pinned in package-lock.json (which `hooks install` asks
  // for), node_modules/.bin/lepton linking to the package's bin file.
  const pinned = { lepton: 'file:vendor/lepton.tgz' };
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ name, private: true, devDependencies: pinned }));
  await writeFile(
    path.join(dir, 'package-lock.json'),
    JSON.stringify({ name, lockfileVersion: 3, packages: { '': { name, devDependencies: pinned }, 'node_modules/lepton': { resolved: pinned.lepton, dev: true } } }),
  );
  await mkdir(path.join(dir, 'node_modules', '.bin'), { recursive: true });
  await symlink(leptonBin, path.join(dir, 'node_modules', '.bin', 'lepton'));
  await writeFile(path.join(dir, '.git', 'info', 'exclude'), 'node_modules/\n');
  run('git', ['add', '-A'], { cwd: dir });
  run('git', ['commit', '-q', '-m', 'initial'], { cwd: dir });
  run(process.execPath, [leptonBin, '-q', 'advance'], { cwd: dir });
  run('git', ['add', '-A'], { cwd: dir });
  run('git', ['commit', '-q', '-m', 'enter design'], { cwd: dir });
  return dir;
}

function lefthookBinary() {
  const os = platform() === 'win32' ? 'windows' : platform();
  const cpu = arch() === 'x64' ? 'x64' : arch();
  const candidate = path.join(root, 'node_modules', `lefthook-${os}-${cpu}`, 'bin', platform() === 'win32' ? 'lefthook.exe' : 'lefthook');
  return existsSync(candidate) ? candidate : undefined;
}

// ——— measuring ———

function median(values) {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function timed(command, args, options) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { env: gitEnv, encoding: 'utf8', ...options });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stderr}`);
  return elapsed;
}

/** One push of a fresh commit from `repo` to `target`; only the push is timed. */
function pushOnce(repo, target, env) {
  run('git', ['commit', '-q', '--allow-empty', '-m', 'bench'], { cwd: repo });
  return timed('git', ['push', '-q', 'origin', `HEAD:refs/heads/${target}`], { cwd: repo, env: { ...gitEnv, ...env } });
}

/** Deletes a branch of the remote (made first, without the hook); only the deletion is timed. */
function deleteOnce(repo, branch, env) {
  run('git', ['push', '-q', '--no-verify', 'origin', `HEAD:refs/heads/${branch}`], { cwd: repo });
  return timed('git', ['push', '-q', 'origin', `:refs/heads/${branch}`], { cwd: repo, env: { ...gitEnv, ...env } });
}

/** A push with nothing to send: the remote branch is at HEAD already (git gives the hook no input). */
function upToDateOnce(repo, branch, env) {
  run('git', ['push', '-q', '--no-verify', 'origin', `HEAD:refs/heads/${branch}`], { cwd: repo });
  return timed('git', ['push', '-q', 'origin', `HEAD:refs/heads/${branch}`], { cwd: repo, env: { ...gitEnv, ...env } });
}

const base = await mkdtemp(path.join(tmpdir(), 'lepton-bench-hooks-'));
try {
  const remote = path.join(base, 'remote.git');
  run('git', ['init', '-q', '--bare', '-b', 'main', remote]);

  const plain = await createRepo(base, 'plain', remote);
  const lepton = await createRepo(base, 'lepton', remote);
  run(process.execPath, [leptonBin, '-q', 'hooks', 'install'], { cwd: lepton });
  run('git', ['push', '-q', '--no-verify', 'origin', 'main'], { cwd: lepton });

  const lefthookBin = lefthookBinary();
  let lefthook;
  if (lefthookBin) {
    lefthook = await createRepo(base, 'lefthook', remote);
    // The same decision as lepton's no-op: a pre-push command that applies to main only, pushed from another branch.
    await writeFile(path.join(lefthook, 'lefthook.yml'), 'pre-push:\n  commands:\n    lepton:\n      only:\n        - ref: main\n      run: npx lepton hooks run pre-push\n');
    run('git', ['checkout', '-q', '-b', 'bench'], { cwd: lefthook });
    run(lefthookBin, ['install'], { cwd: lefthook, env: { ...gitEnv, LEFTHOOK_BIN: lefthookBin } });
  }

  const scenarios = [
    { key: 'plain', label: 'git push, no hook', measure: () => pushOnce(plain, 'plain') },
    { key: 'noop', label: 'lepton hook, push of another branch (no-op)', budget: 1, measure: () => pushOnce(lepton, 'feature') },
    // A deletion and an up-to-date push, each beside the same git operation without a hook.
    { key: 'plain-delete', label: 'git push deleting a branch, no hook', measure: () => deleteOnce(plain, 'gone') },
    { key: 'delete', label: 'lepton hook, deleting release/old (no-op)', baseline: 'plain-delete', budget: 1, measure: () => deleteOnce(lepton, 'release/old') },
    { key: 'plain-uptodate', label: 'git push, up to date, no hook', measure: () => upToDateOnce(plain, 'plain') },
    { key: 'uptodate', label: 'lepton hook, up-to-date push to main (no-op)', baseline: 'plain-uptodate', budget: 1, measure: () => upToDateOnce(lepton, 'main') },
    {
      key: 'gate',
      label: `lepton hook, push to main gating ${FILE_CHECKS + DOC_CHECKS + METRIC_CHECKS} file/doc/metric checks`,
      budget: 2,
      measure: () => pushOnce(lepton, 'main'),
    },
    ...(lefthook ? [{ key: 'lefthook', label: 'lefthook 2.2.1, no-op pre-push (reference)', measure: () => pushOnce(lefthook, 'bench', { LEFTHOOK_BIN: lefthookBin }) }] : []),
    { key: 'node', label: 'node -e 0', measure: () => timed(process.execPath, ['-e', '0'], {}) },
  ];
  const samples = Object.fromEntries(scenarios.map((scenario) => [scenario.key, []]));
  for (const scenario of scenarios) scenario.measure(); // warm-up: caches, first-run costs
  for (let round = 0; round < runs; round += 1) {
    for (const scenario of scenarios) samples[scenario.key].push(scenario.measure());
  }

  const medians = Object.fromEntries(scenarios.map((scenario) => [scenario.key, median(samples[scenario.key])]));
  const node = medians.node;
  const overheadOf = (scenario) => medians[scenario.key] - medians[scenario.baseline ?? 'plain'];
  if (scenarios.some((scenario) => scenario.budget && overheadOf(scenario) / node > scenario.budget)) process.exitCode = 1;
  const rows = scenarios.map((scenario) => {
    const value = medians[scenario.key];
    const isHook = !scenario.key.startsWith('plain') && scenario.key !== 'node';
    const overhead = overheadOf(scenario);
    return [
      scenario.label,
      value.toFixed(1),
      isHook ? overhead.toFixed(1) : '',
      isHook ? (overhead / node).toFixed(2) : scenario.key === 'node' ? '1.00' : '',
      scenario.budget ? `≤ ${scenario.budget.toFixed(1)}${overhead / node <= scenario.budget ? '  ok' : '  OVER'}` : '',
    ];
  });
  const header = ['scenario', 'median ms', 'overhead ms', '× node -e 0', 'budget'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  console.log(`pre-push hook overhead: git push of one commit to a local bare repository, median of ${runs} interleaved runs`);
  console.log('overhead = push with the hook − the same push without one; ratio to `node -e 0` measured in the same run\n');
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows) console.log(line(row));
  if (!lefthook) console.log('\n(lefthook not measured: node_modules has no lefthook binary for this platform)');
} finally {
  await rm(base, { recursive: true, force: true });
}
