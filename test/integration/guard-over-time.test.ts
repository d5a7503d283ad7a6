// The regression guard over time (issue 10, "What broke" 1): checks that hold only at a moment (a
// tag on HEAD, the branch) are judged at advance and reported as recorded then; committing the
// ledger or pushing another branch does not undo them. A completed project still takes a waiver
// for a check the guard re-checks. Real git, lifecycle functions called in-process.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { evaluatePhases, passedPhases } from '../../src/lifecycle/evaluate.js';
import { advance } from '../../src/lifecycle/moves.js';
import { waive } from '../../src/lifecycle/sign-offs.js';
import { loadProject, readProjectLedger } from '../../src/lifecycle/project.js';
import { verifyProject } from '../../src/lifecycle/verify.js';
import { formatGateJson } from '../../src/report/json.js';
import { createTempRepo, type TempRepo } from '../helpers/git-repo.js';
import { manifestYaml } from '../helpers/manifest.js';

const MANIFEST = manifestYaml({
  name: 'over-time',
  phases: [
    { id: 'build', title: 'Build', gate: [{ id: 'code', file: 'src/*.py' }] },
    {
      id: 'deploy',
      title: 'Deploy',
      gate: [
        { id: 'runbook', file: 'docs/runbook.md' },
        { id: 'on-main', git: { branch: 'main' } },
        { id: 'release-tagged', git: { tag: 'v*', clean: true } },
      ],
    },
  ],
});

let repo: TempRepo;
beforeEach(async () => {
  repo = await createTempRepo({ files: { 'lepton.yaml': MANIFEST, 'src/app.py': 'print(1)\n', 'docs/runbook.md': '# Runbook\n' } });
});
afterEach(() => repo.cleanup());

async function guard(options: { recheckAll?: boolean } = {}) {
  const loaded = await loadProject({ cwd: repo.dir });
  const { state } = await readProjectLedger(loaded);
  return evaluatePhases(loaded, passedPhases(loaded.manifest, state), { state, completed: true, ...options });
}

async function completeWithTag(): Promise<number> {
  expect((await advance(await loadProject({ cwd: repo.dir }))).advanced).toBe(true);
  await repo.commitAll('build passed');
  await repo.git('tag', 'v1.0.0');
  const last = await advance(await loadProject({ cwd: repo.dir }));
  expect(last).toMatchObject({ advanced: true, complete: true });
  // As advance says to: commit the ledger. HEAD moves past the tag.
  await repo.commitAll('deploy passed');
  return last.entry!.seq;
}

describe('the regression guard after the last advance', () => {
  it('reports the tag and branch checks as recorded at advance; --recheck-all evaluates them again', async () => {
    const seq = await completeWithTag();
    const report = await guard();
    expect(report.passed).toBe(true);
    const tagged = report.checks.find((check) => check.id === 'release-tagged')!;
    expect(tagged).toMatchObject({ status: 'pass', recorded: { seq } });
    expect(tagged.message).toMatch(new RegExp(`^passed at advance \\(ledger entry #${seq}, \\d{4}-\\d{2}-\\d{2}\\); not re-checked$`));
    expect(report.checks.find((check) => check.id === 'runbook')).toMatchObject({ status: 'pass' });
    expect(report.checks.find((check) => check.id === 'runbook')!.recorded).toBeUndefined();
    const json = JSON.parse(formatGateJson(report));
    expect(json.checks.find((check: { id: string }) => check.id === 'on-main').recorded).toEqual({ seq, time: tagged.recorded!.time });

    const all = await guard({ recheckAll: true });
    expect(all.passed).toBe(false);
    expect(all.checks.find((check) => check.id === 'release-tagged')).toMatchObject({ status: 'fail' });
    expect(all.checks.find((check) => check.id === 'release-tagged')!.recorded).toBeUndefined();
  });

  it('passes on another branch, as a pull request in CI would be', async () => {
    await completeWithTag();
    await repo.git('checkout', '-q', '-b', 'feature/docs');
    await repo.write('docs/notes.md', '# Notes\n');
    await repo.commitAll('docs only');
    expect((await guard()).passed).toBe(true);
  });

  it('takes a waiver for a re-checked check of a completed project, and refuses one for a check judged at advance', async () => {
    await completeWithTag();
    await rm(path.join(repo.dir, 'docs/runbook.md'));
    expect((await guard()).passed).toBe(false);
    const loaded = await loadProject({ cwd: repo.dir });
    const waived = await waive(loaded, 'runbook', { reason: 'runbook moves to the wiki', until: '2099-12-31' });
    expect(waived).toMatchObject({ phase: 'deploy', checkId: 'runbook' });
    const report = await guard();
    expect(report.passed).toBe(true);
    expect(report.checks.find((check) => check.id === 'runbook')).toMatchObject({ status: 'waived', waiver: { reason: 'runbook moves to the wiki' } });
    await expect(waive(loaded, 'release-tagged', { reason: 'r', until: '2099-12-31' })).rejects.toThrow(/judged at advance \(recheck: false\)/);
    // A waiver of an earlier phase's check too, and the ledger still verifies.
    await rm(path.join(repo.dir, 'src/app.py'));
    await waive(await loadProject({ cwd: repo.dir }), 'code', { reason: 'code moved to a package', until: '2099-12-31', phase: 'build' });
    expect((await guard()).passed).toBe(true);
    expect(await verifyProject(await loadProject({ cwd: repo.dir }))).toMatchObject({ ok: true, problems: [] });
  });

  it('evaluates a check again when it says recheck: true', async () => {
    await repo.write('lepton.yaml', MANIFEST.replace('{ id: on-main, git: { branch: main } }', '{ id: on-main, git: { branch: main }, recheck: true }'));
    await repo.commitAll('on-main is re-checked');
    await completeWithTag();
    await repo.git('checkout', '-q', '-b', 'feature/docs');
    const report = await guard();
    expect(report.checks.find((check) => check.id === 'on-main')).toMatchObject({ status: 'fail' });
  });
});
