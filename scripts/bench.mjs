// `npm run bench`: start-up cost of lepton against `node -e 0`, measured side by side
// (runs interleaved, medians compared), on a manifest of 20 file/doc/metric checks, plus a first
// gate without caches for reference. Then the pre-push hook overheads (scripts/bench-hooks.mjs).
// Exits 1 when a budgeted ratio is over its budget.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const bin = path.join(repo, 'bin', 'lepton.js');
const runs = Number(process.env.BENCH_RUNS ?? 30);
const budget = 1.5;

if (!existsSync(path.join(repo, 'dist', 'lepton.cjs'))) {
  spawnSync(process.execPath, [path.join(repo, 'scripts', 'build.mjs')], { stdio: 'inherit' });
}

/** A project whose gate has 20 passing file, doc and metric checks. */
function makeProject({ state = true } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'lepton-bench-'));
  const gate = [];
  mkdirSync(path.join(dir, 'src'), { recursive: true });
  mkdirSync(path.join(dir, 'docs'), { recursive: true });
  mkdirSync(path.join(dir, 'poc'), { recursive: true });
  for (let index = 0; index < 7; index++) {
    writeFileSync(path.join(dir, 'src', `module_${index}.py`), `def f_${index}():\n    return ${index}\n`);
    gate.push(`      - { id: code-${index}, file: "src/module_${index}.py" }`);
  }
  for (let index = 0; index < 7; index++) {
    writeFileSync(path.join(dir, 'docs', `doc-${index}.md`), `# Document ${index}\n\n## Goals\n\nReduce churn by 5%.\n\n## Plan\n\n- [x] agreed\n`);
    gate.push(`      - { id: doc-${index}, doc: docs/doc-${index}.md }`);
  }
  writeFileSync(path.join(dir, 'poc', 'results.json'), JSON.stringify({ accuracy: 0.9, latency_ms: { p95: 120 }, runs: [{ f1: 0.8 }] }));
  for (let index = 0; index < 6; index++) {
    gate.push(
      `      - id: metric-${index}\n        metric: { file: poc/results.json, checks: [{ path: accuracy, op: ">=", value: 0.85 }, { path: latency_ms.p95, op: "<=", value: 300 }] }`,
    );
  }
  // As `lepton init` leaves it: lepton keeps its state (and its caches) in .lepton/.
  // Without it (a hand-written manifest, a fresh CI clone), lepton keeps no cache there.
  if (state) mkdirSync(path.join(dir, '.lepton'), { recursive: true });
  writeFileSync(
    path.join(dir, 'lepton.yaml'),
    ['version: 1', 'project: { name: bench }', 'phase: poc', 'phases:', '  - id: poc', '    title: Proof of concept', '    gate:', ...gate, ''].join('\n'),
  );
  return dir;
}

function timeOnce(args, cwd) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd, stdio: 'ignore', env });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  return { elapsed, status: result.status };
}

// A plain shell outside CI: inside GitHub Actions lepton would default to --format github.
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(CI|GITHUB_.*|GITLAB_.*|LEPTON_.*|FORCE_COLOR)$/.test(name)));
env.NO_COLOR = '1';

const median = (values) => {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const project = makeProject();
const stateless = makeProject({ state: false });
// The budgeted rows run as a developer or a hook repeats them, with .lepton/cache filled by the
// warm-up run, and in a folder lepton keeps no state for (no .lepton/: nothing is cached there). The last row, for reference and not budgeted, is a first run (as in a fresh CI
// clone): the cache is removed before each of its runs, outside the timing.
const cases = [
  { name: 'node -e 0', args: ['-e', '0'] },
  { name: 'lepton --version', args: [bin, '--version'] },
  { name: 'lepton validate', args: [bin, 'validate'] },
  { name: 'lepton gate (20 checks)', args: [bin, 'gate'] },
  { name: 'gate, no .lepton/ folder', args: [bin, 'gate'], cwd: stateless },
  { name: 'gate, first run (no cache)', args: [bin, 'gate'], cold: true },
];
try {
  for (const item of cases) {
    const warm = timeOnce(item.args, item.cwd ?? project);
    if (warm.status !== 0) throw new Error(`${item.name} exited ${warm.status}; the benchmark needs it to pass`);
  }
  const samples = cases.map(() => []);
  for (let run = 0; run < runs; run++) {
    cases.forEach((item, index) => {
      if (item.cold) rmSync(path.join(project, '.lepton', 'cache'), { recursive: true, force: true });
      samples[index].push(timeOnce(item.args, item.cwd ?? project).elapsed);
    });
  }
  const baseline = median(samples[0]);
  console.log(`lepton start-up, median of ${runs} interleaved runs (budget: ${budget}× node -e 0)\n`);
  console.log(`${'command'.padEnd(28)}${'median ms'.padStart(10)}${'× node'.padStart(9)}`);
  let over = false;
  cases.forEach((item, index) => {
    const value = median(samples[index]);
    const ratio = value / baseline;
    const budgeted = index > 0 && !item.cold;
    if (budgeted && ratio > budget) over = true;
    const remark = item.cold ? '  reference, not budgeted' : budgeted && ratio > budget ? '  over budget' : '';
    console.log(`${item.name.padEnd(28)}${value.toFixed(1).padStart(10)}${ratio.toFixed(2).padStart(9)}${remark}`);
  });
  if (over) process.exitCode = 1;
} finally {
  rmSync(project, { recursive: true, force: true });
  rmSync(stateless, { recursive: true, force: true });
}

const hooksBench = path.join(repo, 'scripts', 'bench-hooks.mjs');
if (existsSync(hooksBench)) {
  console.log('');
  const result = spawnSync(process.execPath, [hooksBench], { stdio: 'inherit' });
  if (result.status !== 0) process.exitCode = result.status ?? 1;
}

const evalBench = path.join(repo, 'scripts', 'bench-eval.mjs');
if (existsSync(evalBench)) {
  console.log('');
  const result = spawnSync(process.execPath, [evalBench], { stdio: 'inherit' });
  if (result.status !== 0) process.exitCode = result.status ?? 1;
}

const reportBench = path.join(repo, 'scripts', 'bench-report.mjs');
if (existsSync(reportBench)) {
  console.log('');
  const result = spawnSync(process.execPath, [reportBench], { stdio: 'inherit' });
  if (result.status !== 0) process.exitCode = result.status ?? 1;
}
