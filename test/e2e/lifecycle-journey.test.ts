// A project made by `lepton init` walks all five phases to complete in a real git repository:
// sign-offs by two owners, a waiver that expires, a reopen, and `verify --strict` passing after
// every committed step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { verifyProject } from '../../src/lifecycle/verify.js';
import { loadProject } from '../../src/lifecycle/project.js';
import type { TempRepo } from '../helpers/git-repo.js';
import { createTempRepo } from '../helpers/git-repo.js';
import { ADA, GRACE, OWNERS_YAML, commitAs, lepton, phaseOf, readLedgerLines, readManifestText, type Identity } from '../helpers/lifecycle-project.js';

// The team's gates, written over the manifest init made (same phases; init's ledger entry stays).
const MANIFEST = `# yaml-language-server: $schema=./.lepton/schema.json
version: 1
project:
  name: journey
${OWNERS_YAML}
phase: poc
phases:
  - id: poc
    title: Proof of concept
    gate:
      - { id: prototype-exists, file: "src/*.py" }
      - id: results-meet-criteria
        metric: { file: poc/results.json, checks: [{ path: accuracy, op: ">=", value: 0.85 }] }
      - { id: go-decision, approval: { roles: [product-owner] } }
  - id: design
    title: Design
    templates: [architecture]
    gate:
      - { id: architecture-written, doc: docs/architecture.md }
      - { id: design-review, approval: { roles: [tech-lead, product-owner], count: 2 } }
  - id: develop
    title: Development
    gate:
      - { id: code-exists, file: "src/**/*.py" }
  - id: test
    title: Testing
    gate:
      - id: eval-metrics
        metric: { file: reports/eval.json, checks: [{ path: f1, op: ">=", value: 0.8 }] }
  - id: deploy
    title: Deployment
    gate:
      - { id: runbook-written, doc: docs/runbook.md }
      - { id: release-approved, approval: { roles: [product-owner] } }
`;

const MARCH_1 = '2026-03-01T10:00:00Z';
const MARCH_2 = '2026-03-02T10:00:00Z';
const MARCH_9 = '2026-03-09T10:00:00Z';

describe('a project from init to complete', () => {
  let repo: TempRepo;
  beforeAll(async () => {
    repo = await createTempRepo({ files: {} });
    const init = await lepton(repo, ['init', '--yes', '--name', 'journey'], { now: MARCH_1 });
    expect(init.exitCode, init.stderr).toBe(0);
    await commitAs(repo, ADA, 'lepton init');
    await repo.write('lepton.yaml', MANIFEST);
    await commitAs(repo, ADA, 'our gates');
    const report = await verifyProject(await loadProject({ cwd: repo.dir }), { strict: true });
    expect(report.problems).toEqual([]);
  });
  afterAll(async () => repo.cleanup());

  /**
   * Runs a command as `as`, expects its exit code, commits what it wrote as `as`, then verifies
   * strictly (in-process, against the real repository, to keep the suite fast; the CLI's `verify
   * --strict` runs at the end).
   */
  async function step(args: string[], expected: number, as: Identity = ADA, now = MARCH_2) {
    const result = await lepton(repo, args, { as, now });
    expect(result.exitCode, `lepton ${args.join(' ')}\n${result.stdout}${result.stderr}`).toBe(expected);
    await commitAs(repo, as, `lepton ${args.join(' ')}`);
    const report = await verifyProject(await loadProject({ cwd: repo.dir }), { strict: true });
    expect(report.problems, `verify --strict after lepton ${args.join(' ')}`).toEqual([]);
    return result;
  }

  async function work(files: Record<string, string>, as: Identity = ADA) {
    for (const [file, content] of Object.entries(files)) await repo.write(file, content);
    await commitAs(repo, as, 'work');
  }

  it('refuses to advance while the PoC gate fails, changing nothing', async () => {
    const before = await readManifestText(repo);
    const ledger = await readLedgerLines(repo);
    expect(ledger.map((line) => JSON.parse(line).event)).toEqual(['init']);
    const result = await step(['advance'], 1);
    expect(result.stdout).toContain('Not advanced');
    expect(await readManifestText(repo)).toBe(before);
    expect(await readLedgerLines(repo)).toEqual(ledger);
  });

  it('takes the go decision only from the product owner', async () => {
    await work({ 'src/model.py': 'print("model")\n', 'poc/results.json': '{"accuracy": 0.9}\n' });
    const refused = await lepton(repo, ['approve', 'go-decision'], { as: ADA });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('Grace Hopper <grace@example.com>');
    await step(['approve', 'go-decision', '--note', 'Meets the success criteria'], 0, GRACE);
  });

  it('advances to design and renders its documents', async () => {
    const result = await step(['advance', '-m', 'PoC accepted'], 0);
    expect(result.stdout).toContain('poc → design');
    expect(phaseOf(await readManifestText(repo))).toBe('design');
    expect(existsSync(path.join(repo.dir, 'docs/architecture.md'))).toBe(true);
  });

  it('reopens the PoC: its earlier sign-off no longer counts, nor design sign-offs from before', async () => {
    await work({ 'docs/architecture.md': '# Architecture\n\n## System architecture\n\nOne service.\n' });
    await step(['approve', 'design-review'], 0, ADA);
    await step(['reopen', 'poc', '--reason', 'Latency target needs another model'], 0);
    expect(phaseOf(await readManifestText(repo))).toBe('poc');
    const stale = await step(['advance'], 1);
    expect(stale.stdout).toMatch(/go-decision\s+0 of 1 sign-off/);
    await step(['approve', 'go-decision'], 0, GRACE);
    await step(['advance'], 0);
    // Ada's design sign-off from before the reopen is gone: signing again counts as new.
    const fresh = await step(['approve', 'design-review'], 0, ADA);
    expect(fresh.stdout).toContain('1 of 2 sign-offs');
  });

  it('needs two distinct sign-offs for the design review', async () => {
    const again = await step(['approve', 'design-review'], 0, ADA);
    expect(again.stdout).toContain('already signed off');
    await step(['approve', 'design-review'], 0, GRACE);
    await step(['advance'], 0);
    await step(['advance'], 0);
    expect(phaseOf(await readManifestText(repo))).toBe('test');
  });

  it('passes testing under a waiver, which blocks again once expired', async () => {
    await work({ 'reports/eval.json': '{"f1": 0.7}\n' });
    await step(['waive', 'eval-metrics', '--reason', 'New labels arrive next week', '--until', '2026-03-06'], 0);
    const waived = await lepton(repo, ['gate', '--format', 'json'], { now: MARCH_2 });
    expect(waived.exitCode).toBe(0);
    expect(JSON.parse(waived.stdout).checks[0]).toMatchObject({ status: 'waived', waiver: { until: '2026-03-06' } });
    const expired = await step(['advance'], 1, ADA, MARCH_9);
    expect(expired.stdout).toContain('waiver expired on 2026-03-06');
    await work({ 'reports/eval.json': '{"f1": 0.86}\n' });
    await step(['advance'], 0, ADA, MARCH_9);
  });

  it('completes after the last gate, keeps phase: deploy, and says so', async () => {
    await work({ 'docs/runbook.md': '# Runbook\n\n## Rollout\n\nRolling, one node at a time.\n' });
    await step(['approve', 'release-approved'], 0, GRACE, MARCH_9);
    const done = await step(['advance'], 0, ADA, MARCH_9);
    expect(done.stdout).toContain('Complete');
    expect(phaseOf(await readManifestText(repo))).toBe('deploy');

    const again = await lepton(repo, ['advance']);
    expect(again.exitCode, again.stderr).toBe(2);
    expect(again.stderr).toContain('the project is complete');

    const history = JSON.parse((await lepton(repo, ['history', '--format', 'json'])).stdout);
    expect(history).toMatchObject({ complete: true, terminated: false, phase: 'deploy' });
    expect(history.entries.map((entry: { event: string }) => entry.event)).toEqual([
      'init',
      'approve',
      'advance',
      'approve',
      'reopen',
      'approve',
      'advance',
      'approve',
      'approve',
      'advance',
      'advance',
      'waive',
      'advance',
      'approve',
      'advance',
    ]);
    expect(history.entries.at(-1)).toMatchObject({ event: 'advance', from: 'deploy', complete: true });
    expect((await lepton(repo, ['history'])).stdout).toContain('complete: all 5 phases passed');
    const verify = await lepton(repo, ['verify', '--strict']);
    expect(verify.exitCode, verify.stdout).toBe(0);
    expect(verify.stdout).toContain('15 ledger entries, hash chain intact, phase: deploy matches the ledger, each entry committed by its actor');

    const status = JSON.parse((await lepton(repo, ['status', '--format', 'json'], { now: MARCH_9 })).stdout);
    expect(status.lifecycle).toBe('complete');
    expect(status.phases.map((phase: { state: string }) => phase.state)).toEqual(['done', 'done', 'done', 'done', 'done']);

    const completed = await lepton(repo, ['gate', '--completed', '--format', 'json'], { now: MARCH_9 });
    expect(completed.exitCode, completed.stdout + completed.stderr).toBe(0);
    expect(new Set(JSON.parse(completed.stdout).checks.map((check: { phase: string }) => check.phase))).toEqual(new Set(['poc', 'design', 'develop', 'test', 'deploy']));
  });

  it('records each advance with its gate: check ids, statuses and evidence hashes', async () => {
    const entries = (await readLedgerLines(repo)).map((line) => JSON.parse(line));
    const firstAdvance = entries.find((entry) => entry.event === 'advance');
    expect(firstAdvance.checks.map((check: { id: string; status: string }) => [check.id, check.status])).toEqual([
      ['prototype-exists', 'pass'],
      ['results-meet-criteria', 'pass'],
      ['go-decision', 'pass'],
    ]);
    for (const check of firstAdvance.checks) expect(check.evidence).toMatch(/^[0-9a-f]{64}$/);
    expect(firstAdvance).toMatchObject({ actor: ADA, from: 'poc', to: 'design', message: 'PoC accepted', prev: entries[1].hash });
    expect(firstAdvance.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(await readFile(path.join(repo.dir, '.lepton/.gitignore'), 'utf8')).toContain('!ledger.jsonl');
  });
});
