// Owners with an SSH key (owners[].key): verify checks each entry's signature with the system's
// ssh-keygen. A throwaway ed25519 key signs an entry; one field changed (and the hash chain
// recomputed, as an attacker would) makes verify name the entry; a keyed owner's unsigned entry
// is a finding too; a valid signature passes --strict whoever committed it.
import { execa } from 'execa';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chainEntry, type LedgerEntry } from '../../src/lifecycle/ledger.js';
import { contentHash, signHash } from '../../src/lifecycle/signatures.js';
import { makeTempDir, type TempRepo } from '../helpers/git-repo.js';
import { ADA, GRACE, commitAs, createProject, lepton } from '../helpers/lifecycle-project.js';

let repo: TempRepo;
let keyDir: string;
let keyFile: string;
let publicKey: string;

const manifest = (key: string) => `version: 1
project:
  name: signed
  owners:
    - { name: ${ADA.name}, email: ${ADA.email}, roles: [tech-lead] }
    - { name: ${GRACE.name}, email: ${GRACE.email}, roles: [product-owner], key: "${key}" }
phase: poc
phases:
  - id: poc
    title: Proof of concept
    gate:
      - { id: go-decision, approval: { roles: [product-owner] } }
  - id: design
    title: Design
`;

/** The entries renumbered and re-chained, as an attacker would after editing one. */
function rechain(entries: LedgerEntry[]): string {
  const out: LedgerEntry[] = [];
  for (const entry of entries) {
    const { seq: _seq, prev: _prev, hash: _hash, time, actor, commit, ...rest } = entry;
    out.push(chainEntry(out.at(-1), rest, { actor, commit, time: new Date(time) }));
  }
  return out.map((entry) => `${JSON.stringify(entry)}\n`).join('');
}

beforeAll(async () => {
  keyDir = await makeTempDir('lepton-keys-');
  keyFile = path.join(keyDir, 'grace');
  await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'grace', '-f', keyFile]);
  publicKey = (await readFile(`${keyFile}.pub`, 'utf8')).trim();
  repo = await createProject(manifest(publicKey));
});
afterAll(async () => {
  await repo.cleanup();
  await rm(keyDir, { recursive: true, force: true });
});

const ledgerFile = () => path.join(repo.dir, '.lepton/ledger.jsonl');
const NOW = '2026-06-15T12:00:00Z';

it('an unsigned entry by a keyed owner is a finding', async () => {
  // lepton itself signs a keyed owner's entries (test/e2e/signing-commands.test.ts): the unsigned
  // one is written as someone without the key would, by hand.
  const unsigned = chainEntry(undefined, { event: 'approve', phase: 'poc', checkId: 'go-decision', roles: ['product-owner'] }, { actor: GRACE, commit: null, time: new Date(NOW) });
  await mkdir(path.dirname(ledgerFile()), { recursive: true });
  await writeFile(ledgerFile(), `${JSON.stringify(unsigned)}\n`);
  const verify = await lepton(repo, ['verify', '--format', 'json'], { now: NOW });
  expect(verify.exitCode).toBe(1);
  expect(JSON.parse(verify.stdout).problems).toEqual([
    expect.objectContaining({ seq: 1, check: 'signatures', message: expect.stringContaining('is not signed, but Grace Hopper has a key') }),
  ]);
});

it('a signed entry verifies, passes --strict though another author committed it, and a tampered field is named', async () => {
  const [entry] = (await readFile(ledgerFile(), 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as LedgerEntry);
  const signed = { ...entry!, sig: await signHash(contentHash(entry!), keyFile) };
  await writeFile(ledgerFile(), rechain([signed]));
  // Ada commits Grace's signed sign-off, as a squash merge would.
  await commitAs(repo, ADA, 'squash: Grace signs off');
  const verify = await lepton(repo, ['verify', '--strict', '--format', 'json'], { now: NOW });
  expect(JSON.parse(verify.stdout).problems).toEqual([]);
  expect(verify.exitCode).toBe(0);

  await writeFile(ledgerFile(), rechain([{ ...signed, note: 'looked at it later' } as typeof signed]));
  const tampered = await lepton(repo, ['verify', '--format', 'json'], { now: NOW });
  expect(tampered.exitCode).toBe(1);
  expect(JSON.parse(tampered.stdout).problems).toEqual([
    // The committed entry's content is gone from the ledger…
    expect.objectContaining({ seq: 1, check: 'chain', message: expect.stringContaining('of the committed ledger (HEAD) is missing from the ledger') }),
    // …and the edited one no longer carries a valid signature.
    expect.objectContaining({
      seq: 1,
      check: 'signatures',
      message:
        "entry #1 (approve by Grace Hopper <grace@example.com>): its signature does not verify against Grace Hopper's key: the entry was changed after it was signed, or signed with another key",
    }),
  ]);
});
