// Signed entries are checked by ssh-keygen once: verify remembers the signatures that verified
// (.lepton/cache/signatures.json), bound to each entry's content, its signature and the owner's
// key, and those lepton signed as it wrote them. A second verify starts no ssh-keygen (PATH
// without it still passes); an edited entry, a changed key in lepton.yaml, a cache that did not
// come from this folder, and --strict check again.
import { execa } from 'execa';
import { cp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainEntry, type LedgerEntry } from '../../src/lifecycle/ledger.js';
import { makeTempDir, type TempRepo } from '../helpers/git-repo.js';
import { ADA, GRACE, commitAs, createProject, lepton } from '../helpers/lifecycle-project.js';

let repo: TempRepo;
let keyDir: string;
let keyFile: string;
let publicKey: string;
let otherPublicKey: string;
/** A PATH with git and no ssh-keygen. */
let noSshKeygen: string;

const CHECKS = ['go-data', 'go-model', 'go-cost'];
const manifest = (key: string) => `version: 1
project:
  name: signed-cache
  owners:
    - { name: ${ADA.name}, email: ${ADA.email}, roles: [tech-lead] }
    - { name: ${GRACE.name}, email: ${GRACE.email}, roles: [product-owner], key: "${key}" }
phase: poc
phases:
  - id: poc
    title: PoC
    gate:
${CHECKS.map((id) => `      - { id: ${id}, approval: { roles: [product-owner] } }`).join('\n')}
  - id: design
    title: Design
`;

const ledgerFile = () => path.join(repo.dir, '.lepton/ledger.jsonl');
const cacheFile = () => path.join(repo.dir, '.lepton/cache/signatures.json');
const verify = async (dir: string, env: Record<string, string> = {}, flags: string[] = []) => {
  const result = await lepton({ ...repo, dir }, ['verify', '--format', 'json', ...flags], { env });
  return { exitCode: result.exitCode, problems: JSON.parse(result.stdout || '{"problems":null}').problems as { check?: string; message: string }[] | null, stderr: result.stderr };
};

beforeAll(async () => {
  keyDir = await makeTempDir('lepton-keys-');
  keyFile = path.join(keyDir, 'grace');
  for (const file of [keyFile, path.join(keyDir, 'other')]) await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'test', '-f', file]);
  publicKey = (await readFile(`${keyFile}.pub`, 'utf8')).trim();
  otherPublicKey = (await readFile(path.join(keyDir, 'other.pub'), 'utf8')).trim();
  noSshKeygen = path.join(keyDir, 'bin');
  await mkdir(noSshKeygen);
  await symlink((await execa('sh', ['-c', 'command -v git'])).stdout.trim(), path.join(noSshKeygen, 'git'));
  repo = await createProject(manifest(publicKey));
  for (const id of CHECKS) {
    const approved = await lepton(repo, ['approve', id], { as: GRACE, env: { LEPTON_SIGNING_KEY: keyFile } });
    expect(approved.exitCode, approved.stderr).toBe(0);
  }
  await commitAs(repo, ADA, "Grace's signed sign-offs");
});
afterAll(async () => {
  await repo?.cleanup();
  await rm(keyDir, { recursive: true, force: true });
});

describe('verify on a signed ledger', () => {
  it('needs no ssh-keygen for entries lepton signed (and checked) as it wrote them', async () => {
    const afterApprovals = await verify(repo.dir, { PATH: noSshKeygen });
    expect(afterApprovals.problems).toEqual([]);
    expect(afterApprovals.exitCode).toBe(0);
  });

  it('cannot check a signature without ssh-keygen when nothing is cached (the PATH below holds none)', async () => {
    await rm(cacheFile(), { force: true });
    const blind = await verify(repo.dir, { PATH: noSshKeygen });
    expect(blind.exitCode).toBe(1);
    expect(blind.problems?.filter((problem) => problem.check === 'signatures')).toHaveLength(CHECKS.length);
  });

  it('checks each signature once: the second run passes with no ssh-keygen on PATH', async () => {
    await rm(cacheFile(), { force: true });
    const first = await verify(repo.dir);
    expect(first.problems).toEqual([]);
    expect(first.exitCode).toBe(0);
    expect(JSON.parse(await readFile(cacheFile(), 'utf8')).data).toHaveLength(CHECKS.length);
    const second = await verify(repo.dir, { PATH: noSshKeygen });
    expect(second.problems).toEqual([]);
    expect(second.exitCode).toBe(0);
    // --strict trusts no cache.
    const strict = await verify(repo.dir, { PATH: noSshKeygen }, ['--strict']);
    expect(strict.exitCode).toBe(1);
    expect(strict.problems?.filter((problem) => problem.check === 'signatures')).toHaveLength(CHECKS.length);
  });

  it('checks again when the key in lepton.yaml changes', async () => {
    await verify(repo.dir);
    await writeFile(path.join(repo.dir, 'lepton.yaml'), manifest(otherPublicKey));
    const changed = await verify(repo.dir);
    expect(changed.exitCode).toBe(1);
    expect(changed.problems?.filter((problem) => problem.check === 'signatures').map((problem) => problem.message)).toEqual(
      CHECKS.map((_, index) => expect.stringContaining(`entry #${index + 1} (approve by Grace Hopper <grace@example.com>): its signature does not verify`)),
    );
    // The cache keeps the current ledger's verdicts only: back to the first key, ssh-keygen checks again.
    await writeFile(path.join(repo.dir, 'lepton.yaml'), manifest(publicKey));
    expect((await verify(repo.dir, { PATH: noSshKeygen })).exitCode).toBe(1);
    expect((await verify(repo.dir)).exitCode).toBe(0);
    expect((await verify(repo.dir, { PATH: noSshKeygen })).exitCode).toBe(0);
  });

  it('checks an edited entry again, whose signature then fails', async () => {
    await verify(repo.dir);
    const original = await readFile(ledgerFile(), 'utf8');
    const entries = original
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as LedgerEntry);
    // The second entry edited and the chain recomputed, as an attacker would; its signature kept.
    const out: LedgerEntry[] = [];
    for (const [index, entry] of entries.entries()) {
      const { seq: _seq, prev: _prev, hash: _hash, time, actor, commit, ...rest } = entry;
      out.push(chainEntry(out.at(-1), index === 1 ? { ...rest, note: 'added later' } : rest, { actor, commit, time: new Date(time) }));
    }
    await writeFile(ledgerFile(), out.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
    const edited = await verify(repo.dir);
    expect(edited.exitCode).toBe(1);
    expect(edited.problems?.filter((problem) => problem.check === 'signatures').map((problem) => problem.message)).toEqual([
      expect.stringContaining('entry #2 (approve by Grace Hopper <grace@example.com>): its signature does not verify'),
    ]);
    // An invalid signature is never remembered: it fails again, with or without ssh-keygen.
    expect((await verify(repo.dir, { PATH: noSshKeygen })).exitCode).toBe(1);
    await writeFile(ledgerFile(), original);
  });

  it('trusts no cache that was not written in this folder, nor one that is not a cache', async () => {
    await verify(repo.dir);
    // A clone with this folder's cache copied in (as a force-committed or copied cache would come).
    const clone = path.join(keyDir, 'clone');
    await execa('git', ['clone', '-q', repo.dir, clone]);
    await cp(path.join(repo.dir, '.lepton/cache'), path.join(clone, '.lepton/cache'), { recursive: true });
    const copied = await verify(clone, { PATH: noSshKeygen });
    expect(copied.exitCode).toBe(1);
    expect(copied.problems?.filter((problem) => problem.check === 'signatures')).toHaveLength(CHECKS.length);
    await writeFile(cacheFile(), '{ not json');
    expect((await verify(repo.dir, { PATH: noSshKeygen })).exitCode).toBe(1);
    expect((await verify(repo.dir)).exitCode).toBe(0);
  });
});
