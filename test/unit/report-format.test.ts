// Which format a command prints by default, and how CI is detected from an injected environment.
import { describe, expect, it } from 'vitest';
import { ciVendor, isCI, resolveOutputMode } from '../../src/output.js';
import { resolveFormat } from '../../src/report/index.js';
import { PLAIN, palette } from '../../src/report/style.js';

describe('resolveFormat', () => {
  it('uses an explicit --format everywhere', () => {
    expect(resolveFormat('json', { GITHUB_ACTIONS: 'true' })).toBe('json');
    expect(resolveFormat('junit', {})).toBe('junit');
  });

  it('defaults to github inside GitHub Actions and to pretty elsewhere, including other CI', () => {
    expect(resolveFormat(undefined, { GITHUB_ACTIONS: 'true', CI: 'true' })).toBe('github');
    expect(resolveFormat(undefined, { GITLAB_CI: 'true', CI: 'true' })).toBe('pretty');
    expect(resolveFormat(undefined, { GITHUB_ACTIONS: 'false' })).toBe('pretty');
    expect(resolveFormat(undefined, {})).toBe('pretty');
  });
});

describe('palette', () => {
  it('without colour, paints nothing however styles chain, and survives being awaited', async () => {
    const paint = await palette(false);
    expect(paint).toBe(PLAIN);
    expect(paint.red.bold('gate failed')).toBe('gate failed');
    expect(paint.dim('a', 'b')).toBe('a b');
  });

  it('with colour, paints with 16-colour ANSI codes', async () => {
    const paint = await palette(true);
    expect(paint.red('FAIL')).toBe('\u001b[31mFAIL\u001b[39m');
  });
});

describe('CI detection (ci-info vendor table on the injected env)', () => {
  it('knows the vendors, also those that set only their own variable', () => {
    expect(ciVendor({ GITHUB_ACTIONS: 'true' })).toBe('GitHub Actions');
    expect(ciVendor({ GITLAB_CI: 'true' })).toBe('GitLab CI');
    expect(ciVendor({ JENKINS_URL: 'http://ci', BUILD_ID: '7' })).toBe('Jenkins');
    expect(ciVendor({ TF_BUILD: 'True' })).toBe('Azure Pipelines');
    expect(ciVendor({})).toBeUndefined();
    expect(isCI({ BUILDKITE: 'true' })).toBe(true);
    expect(isCI({ CI: 'true' })).toBe(true);
    expect(isCI({})).toBe(false);
  });

  it('lets CI=false (or 0) switch detection off, as ci-info does', () => {
    expect(isCI({ CI: 'false', GITHUB_ACTIONS: 'true' })).toBe(false);
    expect(isCI({ CI: '0' })).toBe(false);
  });

  it('in CI: no colours and no prompts, even on a terminal', () => {
    expect(resolveOutputMode({ env: { GITLAB_CI: 'true' }, stdoutIsTTY: true, stdinIsTTY: true })).toEqual({ color: false, interactive: false, ci: true });
    expect(resolveOutputMode({ env: {}, stdoutIsTTY: true, stdinIsTTY: true })).toMatchObject({ color: true, interactive: true, ci: false });
  });
});
