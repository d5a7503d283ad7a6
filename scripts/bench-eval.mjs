// `npm run bench`, eval part: `lepton gate` on a 100,000-case × 3-repeat JSONL results file with a
// regression comparison against a blessed baseline of the same size, against its budget
// (1.5 s wall, 300 MB peak memory). Peak memory comes from GNU time (/usr/bin/time) where it exists.
// Exits 1 over budget.
import { execFileSync, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const bin = path.join(repo, 'bin', 'lepton.js');
const CASES = 100_000;
const REPEATS = 3;
const BUDGET_MS = 1500;
const BUDGET_MB = 300;
const runs = Number(process.env.BENCH_EVAL_RUNS ?? 5);

const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(CI|GITHUB_.*|GITLAB_.*|LEPTON_.*|GIT_.*|FORCE_COLOR)$/.test(name)));
Object.assign(env, { NO_COLOR: '1', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' });

/** A deterministic stream of cases: about 92% pass; `shift` moves the pass rate a little. */
async function writeResults(file, seed, shift) {
  const out = createWriteStream(file);
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  for (let index = 0; index < CASES; index++) {
    const category = ['billing', 'shipping', 'returns', 'pii'][index % 4];
    for (let repeat = 0; repeat < REPEATS; repeat++) {
      const line = `{"id":"case-${index}","pass":${random() < 0.92 + shift},"metrics":{"faithfulness":${(0.7 + 0.3 * random()).toFixed(4)},"latency_ms":${Math.round(200 + 800 * random())}},"category":"${category}","repeat":${repeat}}\n`;
      if (!out.write(line)) await new Promise((resolve) => out.once('drain', resolve));
    }
  }
  await new Promise((resolve) => out.end(resolve));
}

const dir = mkdtempSync(path.join(tmpdir(), 'lepton-bench-eval-'));
try {
  const git = (...args) => execFileSync('git', args, { cwd: dir, env, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Bench Owner');
  git('config', 'user.email', 'bench@example.com');
  writeFileSync(
    path.join(dir, 'lepton.yaml'),
    [
      'version: 1',
      'project:',
      '  name: eval-bench',
      '  owners: [{ name: Bench Owner, email: bench@example.com, roles: [tech-lead] }]',
      'phase: test',
      'phases:',
      '  - id: test',
      '    title: Testing',
      '    gate:',
      '      - id: answers',
      '        eval:',
      '          file: evals/results.jsonl',
      '          min-cases: 1000',
      '          checks:',
      '            - { metric: pass, stat: rate, op: ">=", value: 0.8 }',
      '            - { metric: latency_ms, stat: p95, op: "<=", value: 2000 }',
      '            - { metric: pass, stat: rate, by: category, op: ">=", value: 0.8 }',
      '          regression: { metrics: [pass, faithfulness], margin: 0.02, confidence: 0.95 }',
      '',
    ].join('\n'),
  );
  execFileSync('mkdir', ['-p', path.join(dir, 'evals')]);
  const results = path.join(dir, 'evals', 'results.jsonl');
  await writeResults(results, 7, 0);
  execFileSync(process.execPath, [bin, 'baseline', 'bless', 'answers', '--reason', 'bench baseline'], { cwd: dir, env, stdio: 'ignore' });
  await writeResults(results, 11, -0.005);

  const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  const samples = [];
  let peakKb;
  let verdict;
  for (let run = 0; run < runs; run++) {
    const command = timeBin ? [timeBin, '-f', '%M', process.execPath, bin, 'gate', '--format', 'json'] : [process.execPath, bin, 'gate', '--format', 'json'];
    const started = process.hrtime.bigint();
    const result = spawnSync(command[0], command.slice(1), { cwd: dir, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (result.status !== 0 && result.status !== 1) throw new Error(`lepton gate exited ${result.status}: ${result.stderr}`);
    const report = JSON.parse(result.stdout);
    verdict = report.checks[0].comparison?.verdict;
    if (timeBin) peakKb = Math.max(peakKb ?? 0, Number(result.stderr.trim().split('\n').at(-1)));
  }
  const median = [...samples].sort((left, right) => left - right)[Math.floor(samples.length / 2)];
  const peakMb = peakKb === undefined ? undefined : peakKb / 1024;
  const over = median > BUDGET_MS || (peakMb !== undefined && peakMb > BUDGET_MB);
  console.log(`eval gate: ${CASES.toLocaleString('en')} cases × ${REPEATS} repeats (JSONL, streamed) against a blessed baseline, median of ${runs} runs`);
  console.log(
    `  wall ${median.toFixed(0)} ms (budget ${BUDGET_MS} ms) · peak memory ${peakMb === undefined ? 'not measured (no /usr/bin/time)' : `${peakMb.toFixed(0)} MB`} (budget ${BUDGET_MB} MB) · verdict ${verdict}${over ? '  over budget' : ''}`,
  );
  if (over) process.exitCode = 1;
} finally {
  if (!process.env.BENCH_EVAL_KEEP) rmSync(dir, { recursive: true, force: true });
  else console.log(dir);
}
