// The "done when": init a project, see its PoC gate fail on TODOs and missing results,
// fill the plan in, and watch the doc and metric checks pass — or the metric fail by a margin.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runLepton } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/git-repo.js';
import { fillDocuments, initEnv } from '../helpers/init-project.js';

interface GateJson {
  passed: boolean;
  checks: { id: string; kind: string; status: string; message: string; problems: { file: string; line?: number; message: string }[] }[];
}

async function gateJson(cwd: string): Promise<{ exitCode: number; report: GateJson }> {
  const result = await runLepton(['gate', '-C', 'demo', '--format', 'json'], { cwd, env: initEnv() });
  return { exitCode: result.exitCode, report: JSON.parse(result.stdout) as GateJson };
}

const byId = (report: GateJson, id: string) => report.checks.find((check) => check.id === id)!;

describe.each([
  { lang: 'en', heading: /^# demo — Proof-of-concept plan/m },
  { lang: 'zh-CN', heading: /^## 成功标准$/m },
])('lepton init demo --yes --metric "accuracy>=0.85" --lang $lang', ({ lang, heading }) => {
  let dir: string;
  beforeAll(async () => {
    dir = await makeTempDir();
    const init = await runLepton(['init', 'demo', '--yes', '--metric', 'accuracy>=0.85', '--lang', lang], { cwd: dir, env: initEnv() });
    expect(init.stderr).not.toMatch(/lepton:/);
    expect(init.exitCode).toBe(0);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  test('writes the PoC plan in the chosen language, with the success criterion', async () => {
    const plan = await readFile(path.join(dir, 'demo/docs/poc-plan.md'), 'utf8');
    expect(plan).toMatch(heading);
    expect(plan).toContain('accuracy');
    expect(plan).toContain('0.85');
    expect(plan).toContain('poc/results.json');
    if (lang === 'zh-CN') expect(plan).toMatch(/[\u4e00-\u9fff]{20}/);
  });

  test('the fresh gate fails on the TODOs and the missing results', async () => {
    const { exitCode, report } = await gateJson(dir);
    expect(exitCode).toBe(1);
    expect(report.passed).toBe(false);
    const plan = byId(report, 'plan-written');
    expect(plan.kind).toBe('doc');
    expect(plan.status).toBe('fail');
    expect(plan.problems.some((problem) => problem.file === 'docs/poc-plan.md' && /TODO/.test(problem.message))).toBe(true);
    const metric = byId(report, 'metric-accuracy');
    expect(metric.status).toBe('fail');
    expect(metric.message).toContain('poc/results.json');
  });

  test('filled in and with accuracy 0.9 the doc and metric checks pass; with 0.8 the metric fails by 0.05', async () => {
    await fillDocuments(path.join(dir, 'demo'));
    await mkdir(path.join(dir, 'demo/poc'), { recursive: true });
    await writeFile(path.join(dir, 'demo/poc/results.json'), '{"accuracy": 0.9}\n');
    const passing = await gateJson(dir);
    expect(byId(passing.report, 'plan-written')).toMatchObject({ status: 'pass' });
    expect(byId(passing.report, 'metric-accuracy')).toMatchObject({ status: 'pass' });
    // Only the go/no-go sign-off is left.
    expect(passing.report.checks.filter((check) => check.status !== 'pass').map((check) => check.id)).toEqual(['go-decision']);

    await writeFile(path.join(dir, 'demo/poc/results.json'), '{"accuracy": 0.8}\n');
    const failing = await gateJson(dir);
    const metric = byId(failing.report, 'metric-accuracy');
    expect(metric.status).toBe('fail');
    expect(metric.message).toMatch(/0\.8/);
    expect(metric.message).toMatch(/0\.05/);
  });
});
