// An owner with a key: lepton approve signs the entry with LEPTON_SIGNING_KEY, verify accepts it,
// and without a signing key the command refuses (exit 2) saying how to set one.
import { execa } from 'execa';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/git-repo.js';
import { ADA, GRACE, commitAs, createProject, lepton } from '../helpers/lifecycle-project.js';
import type { TempRepo } from '../helpers/git-repo.js';

let repo: TempRepo;
let keyDir: string;
let keyFile: string;
let otherKey: string;

const manifest = (publicKey: string) => `version: 1
project:
  name: signed-commands
  owners:
    - { name: ${ADA.name}, email: ${ADA.email}, roles: [tech-lead] }
    - { name: ${GRACE.name}, email: ${GRACE.email}, roles: [product-owner], key: "${publicKey}" }
phase: poc
phases:
  - id: poc
    title: PoC
    gate:
      - { id: go, approval: { roles: [product-owner] } }
  - id: design
    title: Design
`;

beforeAll(async () => {
  keyDir = await makeTempDir('lepton-keys-');
  keyFile = path.join(keyDir, 'grace');
  otherKey = path.join(keyDir, 'other');
  for (const file of [keyFile, otherKey]) await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'test', '-f', file]);
  const publicKey = (await readFile(`${keyFile}.pub`, 'utf8')).trim();
  repo = await createProject(manifest(publicKey));
});
afterAll(async () => {
  await repo?.cleanup();
  await execa('rm', ['-rf', keyDir]);
});

describe('commands by an owner with a key', () => {
  it('refuse without a signing key, saying how to set one', async () => {
    const refused = await lepton(repo, ['approve', 'go'], { as: GRACE });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/Grace Hopper <grace@example\.com> has a key in lepton\.yaml .* no signing key is set/);
    expect(refused.stderr).toMatch(/hint: point LEPTON_SIGNING_KEY at the private SSH key/);
  });

  it("refuse a signing key that is not the owner's", async () => {
    const wrong = await lepton(repo, ['approve', 'go'], { as: GRACE, env: { LEPTON_SIGNING_KEY: otherKey } });
    expect(wrong.exitCode).toBe(2);
    expect(wrong.stderr).toMatch(/is not the key lepton\.yaml gives Grace Hopper/);
  });

  it('sign the entry, which verify --strict accepts whoever commits it', async () => {
    const approved = await lepton(repo, ['approve', 'go'], { as: GRACE, env: { LEPTON_SIGNING_KEY: keyFile } });
    expect(approved.exitCode, approved.stderr).toBe(0);
    const entry = JSON.parse((await readFile(path.join(repo.dir, '.lepton/ledger.jsonl'), 'utf8')).trim().split('\n').at(-1)!);
    expect(entry.sig).toMatch(/^-----BEGIN SSH SIGNATURE-----/);
    await commitAs(repo, ADA, "Ada commits Grace's signed sign-off (a squash merge)");
    const strict = await lepton(repo, ['verify', '--strict', '--format', 'json']);
    expect(JSON.parse(strict.stdout).problems).toEqual([]);
    expect(strict.exitCode).toBe(0);
    expect((await lepton(repo, ['gate'])).exitCode).toBe(0);
  });
});
