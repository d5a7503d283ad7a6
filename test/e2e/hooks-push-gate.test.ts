// A push to a protected branch runs the regression guard: refused while a completed phase's
// gate fails, accepted once it passes again; `HEAD:main` is gated too; an up-to-date push is not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAILING_RESULTS, PASSING_RESULTS, createHookProject, type HookProject } from './hooks-setup.js';

let project: HookProject;

beforeAll(async () => {
  project = await createHookProject();
});

afterAll(async () => {
  await project?.cleanupAll();
});

describe("a push to main with lepton's hook", () => {
  it('is refused when a completed gate no longer passes, naming the check and the bypass', async () => {
    await project.write('poc/results.json', FAILING_RESULTS);
    await project.commitAll('worse model');
    const before = await project.remoteRef('main');
    const result = await project.push(['origin', 'main']);
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain('push to main refused');
    expect(result.stderr).toContain('results-meet-criteria');
    expect(result.stderr).toContain('git push --no-verify');
    expect(result.stderr).toContain('LEPTON_SKIP=1');
    expect(await project.remoteRef('main')).toBe(before);
  });

  it('is refused as HEAD:main from another branch', async () => {
    await project.git('checkout', '-q', '-b', 'topic');
    const result = await project.push(['origin', 'HEAD:main']);
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain('results-meet-criteria');
    await project.git('checkout', '-q', 'main');
  });

  it('is accepted once the gate passes again', async () => {
    await project.write('poc/results.json', PASSING_RESULTS);
    await project.commitAll('better model');
    const result = await project.push(['origin', 'main']);
    expect(result.stderr).toContain('pre-push gate passed for main');
    expect(result.exitCode).toBe(0);
    expect(await project.remoteRef('main')).toBe(await project.git('rev-parse', 'HEAD'));
  });

  it('is not gated when it is up to date, even with a failing gate', async () => {
    await project.write('poc/results.json', FAILING_RESULTS);
    await project.commitAll('worse again');
    expect((await project.push(['--no-verify', 'origin', 'main'])).exitCode).toBe(0);
    const result = await project.push(['origin', 'main']);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain('Everything up-to-date');
    expect(result.stderr).not.toContain('lepton');
  });

  it('is refused when the ledger no longer agrees with phase:', async () => {
    await project.write('poc/results.json', PASSING_RESULTS);
    const manifest = (await project.git('show', 'HEAD:lepton.yaml')).replace('phase: design', 'phase: poc');
    await project.write('lepton.yaml', `${manifest}\n`);
    await project.commitAll('phase edited by hand');
    const result = await project.push(['origin', 'main']);
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain('push to main refused');
    expect(result.stderr).toMatch(/ledger/);
    // verify's own findings, in full, rather than the first error of a gate that could not start.
    expect(result.stderr).toContain('`lepton verify` found problems');
    expect(result.stderr).toMatch(/^ {2}verify: .*phase: was changed without `lepton advance`/m);
    expect(result.stderr).toContain('git push --no-verify');
  });
});
