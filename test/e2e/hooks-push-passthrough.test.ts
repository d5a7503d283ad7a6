// Pushes the hook lets through while a completed gate fails: another branch, a branch deletion,
// a tag, and any push with LEPTON_SKIP=1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAILING_RESULTS, createHookProject, type HookProject } from './hooks-setup.js';

let project: HookProject;

beforeAll(async () => {
  project = await createHookProject();
  await project.write('poc/results.json', FAILING_RESULTS);
  await project.commitAll('worse model');
});

afterAll(async () => {
  await project?.cleanupAll();
});

describe("with a failing completed gate, lepton's hook lets through", () => {
  it('a push of another branch', async () => {
    await project.git('branch', 'experiment');
    const result = await project.push(['origin', 'experiment']);
    expect(result.exitCode).toBe(0);
    expect(await project.remoteRef('experiment')).toBe(await project.git('rev-parse', 'HEAD'));
  });

  it('a branch deletion, a protected branch (release/*) included', async () => {
    expect((await project.push(['origin', '--delete', 'experiment'])).exitCode).toBe(0);
    expect(await project.remoteRef('experiment')).toBeUndefined();
    await project.push(['--no-verify', 'origin', 'HEAD:refs/heads/release/old']);
    expect((await project.push(['origin', ':release/old'])).exitCode).toBe(0);
    expect(await project.remoteRef('release/old')).toBeUndefined();
  });

  it('a tag', async () => {
    await project.git('tag', 'v0.1');
    const result = await project.push(['origin', 'v0.1']);
    expect(result.exitCode).toBe(0);
    expect(await project.remoteRef('v0.1')).toBeDefined();
  });

  it('a push to main with LEPTON_SKIP=1, saying so', async () => {
    const result = await project.push(['origin', 'main'], { LEPTON_SKIP: '1' });
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain('lepton: LEPTON_SKIP=1, skipping the pre-push gate');
    expect(await project.remoteRef('main')).toBe(await project.git('rev-parse', 'HEAD'));
  });

  it('but not a push that mixes a tag with main', async () => {
    await project.commitAll('one more');
    await project.git('tag', 'v0.2');
    const result = await project.push(['origin', 'v0.2', 'main']);
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain('push to main refused');
    expect(await project.remoteRef('v0.2')).toBeUndefined();
  });
});
