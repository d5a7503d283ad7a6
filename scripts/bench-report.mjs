// `lepton report --all` over 200 projects (each with a ledger of sign-offs, an advance, a waiver,
// and file/doc/metric checks): the page must be written in under 2 s and weigh under 2 MB.
// Run by `npm run bench` after the start-up bench; exits 1 over budget.
// BENCH_KEEP=1 keeps the temporary folder (projects and page) and prints where it is.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const bin = path.join(repo, 'bin', 'lepton.js');
const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 200);
const TIME_BUDGET_MS = 2000;
const SIZE_BUDGET = 2_000_000;

const env = { ...process.env, CI: '', GITHUB_ACTIONS: '', NO_COLOR: '1' };
for (const key of ['CI', 'GITHUB_ACTIONS']) delete env[key];

function lepton(args, cwd, now) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, env: { ...env, LEPTON_NOW: now }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`lepton ${args.join(' ')} in ${cwd}: ${result.stderr}`);
}

function manifest(index) {
  return `version: 1
project:
  name: project-${index}
  description: Portfolio project ${index}
  owners:
    - { name: Ada Lovelace, email: ada@example.com, roles: [tech-lead, product-owner] }
phase: poc
phases:
  - id: poc
    title: Proof of concept
    gate:
      - { id: plan-written, doc: docs/plan.md }
      - { id: code, file: "src/*.py" }
      - id: results
        metric: { file: poc/results.json, checks: [{ path: accuracy, op: ">=", value: 0.85 }] }
      - { id: go-decision, approval: { roles: [product-owner] } }
  - id: design
    title: Design
    gate:
      - { id: architecture, doc: docs/architecture.md }
      - { id: model-card, file: docs/model-card.md }
  - id: develop
    title: Development
    gate:
      - { id: code-exists, file: "src/**/*.py" }
`;
}

const base = mkdtempSync(path.join(tmpdir(), 'lepton-bench-report-'));
try {
  // One project is walked through the CLI; the others are copies of it (same ledger, other names).
  const first = path.join(base, 'p000');
  mkdirSync(path.join(first, 'src'), { recursive: true });
  mkdirSync(path.join(first, 'docs'), { recursive: true });
  mkdirSync(path.join(first, 'poc'), { recursive: true });
  writeFileSync(path.join(first, 'lepton.yaml'), manifest(0));
  writeFileSync(path.join(first, 'docs/plan.md'), '# Plan\n\n## Goal\n\nPredict churn.\n\n## Success criteria\n\nAccuracy 0.85.\n');
  writeFileSync(path.join(first, 'src/model.py'), 'def predict(x):\n    return 0.5\n');
  writeFileSync(path.join(first, 'poc/results.json'), '{ "accuracy": 0.9 }\n');
  writeFileSync(path.join(first, 'docs/architecture.md'), '# Architecture\n\n## Modules\n\nTODO\n');
  const gitEnv = { GIT_AUTHOR_NAME: 'Ada Lovelace', GIT_AUTHOR_EMAIL: 'ada@example.com', GIT_COMMITTER_NAME: 'Ada Lovelace', GIT_COMMITTER_EMAIL: 'ada@example.com' };
  Object.assign(env, gitEnv);
  lepton(['approve', 'go-decision'], first, '2026-11-02T10:00:00Z');
  lepton(['advance'], first, '2026-11-03T10:00:00Z');
  lepton(['waive', 'architecture', '--reason', 'next sprint', '--until', '2026-12-20'], first, '2026-11-04T10:00:00Z');
  for (let index = 1; index < PROJECTS; index++) {
    const dir = path.join(base, `p${String(index).padStart(3, '0')}`);
    spawnSync('cp', ['-r', first, dir]);
    writeFileSync(path.join(dir, 'lepton.yaml'), manifest(index).replace('phase: poc', 'phase: design'));
  }
  const out = path.join(base, 'portfolio.html');
  const samples = [];
  // Run in order (the first one fills the projects' caches); the median is of the three.
  for (let run = 0; run < 3; run++) {
    const started = process.hrtime.bigint();
    lepton(['report', '--all', '--out', out, '-q'], base, '2026-12-02T09:00:00Z');
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  const best = Math.min(...samples);
  const median = [...samples].sort((left, right) => left - right)[1];
  const size = statSync(out).size;
  // BENCH_KEEP keeps the projects and the page in the temporary folder, and says where.
  if (process.env.BENCH_KEEP) console.error(`kept: ${out} (projects in ${base})`);
  const runs = samples.map((sample) => sample.toFixed(0)).join(', ');
  const verdict = (over) => (over ? 'OVER BUDGET' : 'within budget');
  console.log(`lepton report --all over ${PROJECTS} projects\n`);
  console.log(`wall time  median ${median.toFixed(0)} ms, best ${best.toFixed(0)} ms (runs: ${runs} ms)  budget ${TIME_BUDGET_MS} ms: ${verdict(median > TIME_BUDGET_MS)}`);
  console.log(
    `page size  ${size.toLocaleString('en-US')} bytes (${(size / 1e6).toFixed(2)} MB)  budget ${SIZE_BUDGET.toLocaleString('en-US')} bytes: ${verdict(size > SIZE_BUDGET)}`,
  );
  if (median > TIME_BUDGET_MS || size > SIZE_BUDGET) process.exitCode = 1;
} finally {
  if (!process.env.BENCH_KEEP) rmSync(base, { recursive: true, force: true });
}
