// Errors a new user met with no way forward: `ledger merge` naming a missing file without saying
// which argument it is and what git passes; `baseline show` of an unknown check not listing the
// eval checks; `--manifest` naming a folder giving a raw EISDIR.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run as ledgerMerge } from '../../src/commands/ledger-merge.js';
import { commandHint } from '../../src/commands/messages.js';
import type { CommandIO } from '../../src/commands/types.js';
import { LeptonError } from '../../src/errors.js';
import { listBaselines } from '../../src/lifecycle/baseline.js';
import { loadProject } from '../../src/lifecycle/project.js';
import { loadManifest } from '../../src/manifest/load.js';
import { createTempRepo, type TempRepo } from '../helpers/git-repo.js';

const MANIFEST = `version: 1
project: { name: support-bot }
phase: test
phases:
  - id: test
    title: Testing
    gate:
      - id: answers
        eval: { file: evals/output.json, checks: [{ metric: pass, stat: rate, op: ">=", value: 0.9 }] }
      - id: safety
        eval: { file: evals/safety.json, checks: [{ metric: pass, stat: rate, op: ">=", value: 1 }] }
      - { id: notes, doc: docs/notes.md }
`;

let repo: TempRepo;
beforeEach(async () => {
  repo = await createTempRepo({ files: { 'lepton.yaml': MANIFEST } });
});
afterEach(async () => repo.cleanup());

async function caught(promise: Promise<unknown>): Promise<LeptonError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(LeptonError);
  return error as LeptonError;
}

const io: CommandIO = {
  stdout: () => {},
  stderr: () => {},
  env: {},
  mode: { color: false } as CommandIO['mode'],
  signal: new AbortController().signal,
};

describe('errors that say what to do', () => {
  it('ledger merge names the argument that is missing and what git passes', async () => {
    const error = await caught(ledgerMerge({ args: ['a', 'b', 'c'], options: {}, globals: { cwd: repo.dir, quiet: true }, io }));
    expect(error.message).toMatch(/^cannot read b, the second argument \(OURS, git's %A\): no such file/);
    expect(error.hint).toContain('BASE OURS THEIRS');
    expect(error.hint).toContain('merge.lepton-ledger.driver');
  });

  it('baseline show of an unknown check lists the eval checks', async () => {
    const loaded = await loadProject({ cwd: repo.dir });
    const error = await caught(listBaselines(loaded, 'nope'));
    expect(error.message).toBe('no eval check "nope" in this manifest');
    expect(error.hint).toBe('its eval checks: answers, safety');
  });

  it('--manifest naming a folder says it is a folder and what to pass', async () => {
    await mkdir(path.join(repo.dir, 'docs'));
    const error = await caught(loadManifest({ cwd: repo.dir, manifest: 'docs' }));
    expect(error.message).toBe(`${path.join(repo.dir, 'docs')} is a folder, not a manifest file`);
    expect(error.message).not.toContain('EISDIR');
    expect(error.exitCode).toBe(2);
    expect(commandHint(error)).toBe('pass the file itself (--manifest docs/lepton.yaml), or -C docs to work in that folder');
  });
});
