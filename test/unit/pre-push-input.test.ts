import { describe, expect, it } from 'vitest';
import { DEFAULT_PRE_PUSH_BRANCHES, branchMatches, branchPatternProblem, parsePrePushInput, pushAction, updatesToGate } from '../../src/lifecycle/pre-push.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const ZERO = '0'.repeat(40);
const ZERO256 = '0'.repeat(64);
const C256 = 'c'.repeat(64);

describe('parsePrePushInput', () => {
  it('reads no update from the empty input of an up-to-date push', () => {
    expect(parsePrePushInput('')).toEqual([]);
    expect(parsePrePushInput('\n')).toEqual([]);
  });

  it('reads one update per line', () => {
    const input = `refs/heads/main ${A} refs/heads/main ${B}\nrefs/tags/v1 ${B} refs/tags/v1 ${ZERO}\n`;
    expect(parsePrePushInput(input)).toEqual([
      { localRef: 'refs/heads/main', localOid: A, remoteRef: 'refs/heads/main', remoteOid: B },
      { localRef: 'refs/tags/v1', localOid: B, remoteRef: 'refs/tags/v1', remoteOid: ZERO },
    ]);
  });

  it('takes fields from the right, so a local side with spaces stays whole', () => {
    const [update] = parsePrePushInput(`main@{1 day ago} ${A} refs/heads/main ${B}\n`);
    expect(update?.localRef).toBe('main@{1 day ago}');
    expect(update?.remoteRef).toBe('refs/heads/main');
  });

  it('accepts HEAD and (delete) as the local side, and SHA-256 object ids', () => {
    expect(parsePrePushInput(`HEAD ${C256} refs/heads/main ${ZERO256}\n`)[0]?.localRef).toBe('HEAD');
    expect(parsePrePushInput(`(delete) ${ZERO} refs/heads/old ${A}\r\n`)[0]?.localRef).toBe('(delete)');
  });

  it('rejects a line that is not four fields ending in object ids', () => {
    expect(() => parsePrePushInput('refs/heads/main refs/heads/main\n')).toThrow(/line 1/);
    expect(() => parsePrePushInput(`refs/heads/main ${A} refs/heads/main notanoid\n`)).toThrow(/not "<local ref>/);
  });
});

describe('pushAction', () => {
  it('tells deletions, new refs and updates apart with zero ids of either length', () => {
    expect(pushAction({ localRef: '(delete)', localOid: ZERO, remoteRef: 'refs/heads/x', remoteOid: A })).toBe('delete');
    expect(pushAction({ localRef: '(delete)', localOid: ZERO256, remoteRef: 'refs/heads/x', remoteOid: C256 })).toBe('delete');
    expect(pushAction({ localRef: 'x', localOid: A, remoteRef: 'refs/heads/x', remoteOid: ZERO })).toBe('create');
    expect(pushAction({ localRef: 'x', localOid: C256, remoteRef: 'refs/heads/x', remoteOid: ZERO256 })).toBe('create');
    expect(pushAction({ localRef: 'x', localOid: A, remoteRef: 'refs/heads/x', remoteOid: B })).toBe('update');
  });
});

describe('branchMatches', () => {
  it("matches * across slashes and ? as one character, like the hook script's case patterns", () => {
    expect(branchMatches('release/1.2', 'release/*')).toBe(true);
    expect(branchMatches('release/1.x/hotfix', 'release/*')).toBe(true);
    expect(branchMatches('release', 'release/*')).toBe(false);
    expect(branchMatches('v1', 'v?')).toBe(true);
    expect(branchMatches('v10', 'v?')).toBe(false);
  });

  it('takes every other character literally', () => {
    expect(branchMatches('main', 'main')).toBe(true);
    expect(branchMatches('mainline', 'main')).toBe(false);
    expect(branchMatches('rel+1', 'rel+1')).toBe(true);
    expect(branchMatches('relx1', 'rel.1')).toBe(false);
  });
});

describe('updatesToGate', () => {
  const gatedBranches = (input: string, patterns = DEFAULT_PRE_PUSH_BRANCHES) => updatesToGate(parsePrePushInput(input), patterns).map((update) => update.branch);

  it('gates main, master and release branches by default, matched on the remote ref', () => {
    expect(gatedBranches(`refs/heads/main ${A} refs/heads/main ${B}\n`)).toEqual(['main']);
    expect(gatedBranches(`refs/heads/wip ${A} refs/heads/master ${B}\n`)).toEqual(['master']);
    expect(gatedBranches(`HEAD ${A} refs/heads/release/2.0 ${ZERO}\n`)).toEqual(['release/2.0']);
    expect(gatedBranches(`refs/heads/main ${A} refs/heads/feature ${B}\n`)).toEqual([]);
  });

  it('lets deletions, tags and other refs through', () => {
    expect(gatedBranches(`(delete) ${ZERO} refs/heads/main ${A}\n`)).toEqual([]);
    expect(gatedBranches(`refs/tags/v1 ${A} refs/tags/v1 ${ZERO}\n`)).toEqual([]);
    expect(gatedBranches(`refs/notes/commits ${A} refs/notes/commits ${B}\n`)).toEqual([]);
  });

  it('still gates a push that mixes a protected branch with deletions and tags', () => {
    const input = [`(delete) ${ZERO} refs/heads/old ${A}`, `refs/tags/v2 ${B} refs/tags/v2 ${ZERO}`, `refs/heads/main ${A} refs/heads/main ${B}`, ''].join('\n');
    expect(gatedBranches(input)).toEqual(['main']);
  });

  it('uses the patterns given instead of the defaults', () => {
    expect(gatedBranches(`refs/heads/main ${A} refs/heads/main ${B}\n`, ['develop'])).toEqual([]);
    expect(gatedBranches(`refs/heads/develop ${A} refs/heads/develop ${B}\n`, ['develop'])).toEqual(['develop']);
  });
});

describe('branchPatternProblem', () => {
  it('accepts branch names with wildcards', () => {
    expect(branchPatternProblem('release/*')).toBeUndefined();
    expect(branchPatternProblem('hotfix-?')).toBeUndefined();
  });

  it('refuses what the hook script could not hold or git could not name', () => {
    expect(branchPatternProblem('')).toMatch(/empty/);
    expect(branchPatternProblem('main; rm -rf /')).toMatch(/holds/);
    expect(branchPatternProblem("it's")).toMatch(/holds/);
    expect(branchPatternProblem('$(id)')).toMatch(/holds/);
    expect(branchPatternProblem('refs/heads/main')).toMatch(/full ref/);
  });
});
