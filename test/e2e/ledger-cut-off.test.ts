// Deleting the last ledger line leaves a valid, shorter chain: plain `verify` (which the pre-push
// hook runs) revived a terminated project. It now compares with the committed ledger (HEAD), and
// the hook with the remote branch the push updates.
import { execa } from 'execa';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { gitEnv, makeTempDir, type TempRepo } from '../helpers/git-repo.js';
import { ADA, OWNERS_YAML, commitAs, createProject, lepton } from '../helpers/lifecycle-project.js';
import { PINNED_LEPTON_FILES } from '../helpers/pinned-lepton.js';

const MANIFEST = `version: 1
project:
  name: cut-off
${OWNERS_YAML}
phase: poc
phases:
  - id: poc
    title: Proof of concept
    gate:
      - { id: prototype, file: "src/*.py" }
  - id: design
    title: Design
`;

let repo: TempRepo;
let remote: string;
beforeAll(async () => {
  repo = await createProject(MANIFEST, { 'src/model.py': 'print(1)\n' });
  remote = await makeTempDir('lepton-remote-');
  await execa('git', ['init', '-q', '--bare', remote]);
  await repo.git('remote', 'add', 'origin', remote);
  const terminated = await lepton(repo, ['terminate', '--reason', 'no-go'], { now: '2026-06-15T12:00:00Z' });
  expect(terminated.exitCode, terminated.stderr).toBe(0);
  await commitAs(repo, ADA, 'terminate');
  await repo.git('push', '-q', 'origin', 'main');
});
afterAll(async () => {
  await repo.cleanup();
  await execa('rm', ['-rf', remote]);
});

const ledgerFile = () => path.join(repo.dir, '.lepton/ledger.jsonl');

async function dropLastLine(): Promise<void> {
  const lines = (await readFile(ledgerFile(), 'utf8')).trim().split('\n');
  await writeFile(
    ledgerFile(),
    lines
      .slice(0, -1)
      .map((line) => `${line}\n`)
      .join(''),
  );
}

it("plain verify reports an entry cut off the end of the working tree's ledger", async () => {
  await dropLastLine();
  const verify = await lepton(repo, ['verify', '--format', 'json']);
  expect(verify.exitCode).toBe(1);
  expect(JSON.parse(verify.stdout).problems).toEqual([
    expect.objectContaining({
      seq: 1,
      message: expect.stringMatching(/^entry #1 \(terminate by Ada Lovelace, .*\) of the committed ledger \(HEAD\) is missing from the ledger: entries were removed$/),
    }),
  ]);
});

it('the pre-push hook refuses a push whose ledger lost entries the remote branch has', async () => {
  await commitAs(repo, ADA, 'drop the terminate entry');
  // lepton pinned as npm pins it: what `hooks install` asks for (or a vendored lepton).
  for (const [file, text] of Object.entries(PINNED_LEPTON_FILES)) await repo.write(file, text);
  const install = await lepton(repo, ['hooks', 'install']);
  expect(install.exitCode, install.stderr).toBe(0);
  await commitAs(repo, ADA, 'merge driver');
  const { LEPTON_BIN } = await import('../helpers/cli.js');
  const binDir = await makeTempDir('lepton-bin-');
  await writeFile(path.join(binDir, 'lepton'), `#!/bin/sh\nexec "${process.execPath}" "${LEPTON_BIN}" "$@"\n`, { mode: 0o755 });
  const push = await execa('git', ['push', 'origin', 'main'], { cwd: repo.dir, env: { ...gitEnv(ADA), PATH: `${binDir}:${process.env.PATH}` }, reject: false });
  await execa('rm', ['-rf', binDir]);
  expect(push.exitCode, push.stderr).not.toBe(0);
  expect(push.stderr).toMatch(/entry #1 \(terminate by Ada Lovelace, .*\) of main on the remote \([0-9a-f]{7}\) is missing from the ledger/);
});
