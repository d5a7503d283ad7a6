// A whole, typed CheckContext for check-module tests: every field the engine supplies, with
// quiet defaults (no approvals, no cache, no evidence, no git), and the test's own fields on top.
import type { CheckContext } from '../../src/gate/types.js';
import { manifestSchema, type Manifest } from '../../src/manifest/schema.js';

/** A one-phase manifest (`poc`) with no owners and no checks, as the schema parses it. */
export function minimalManifest(name = 'checked'): Manifest {
  return manifestSchema.parse({ version: 1, project: { name }, phase: 'poc', phases: [{ id: 'poc', title: 'PoC' }] });
}

/**
 * The context a check gets, for the project at `root`. `phase` defaults to the manifest's first
 * phase; `git` refuses unless given (pass `git: () => import('src/git/git.js')` for real git).
 */
export function checkContext(overrides: Partial<CheckContext> & { root: string }): CheckContext {
  const manifest = overrides.manifest ?? minimalManifest();
  const phase = overrides.phase ?? manifest.phases[0];
  if (!phase) throw new Error('checkContext: the manifest has no phase');
  return {
    manifest,
    phase,
    now: () => new Date(),
    env: {},
    signal: new AbortController().signal,
    approvals: [],
    cache: undefined,
    evidence: false,
    git: () => Promise.reject(new Error('checkContext: this test gave the check no git')),
    ...overrides,
  };
}
