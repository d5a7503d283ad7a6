// SSH signatures over entries' content hashes, with throwaway ed25519 keys and the real ssh-keygen.
import { execa } from 'execa';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash, signHash, signingKeyFile, verifyHash } from '../../src/lifecycle/signatures.js';
import { makeTempDir } from '../helpers/git-repo.js';

let dir: string;
const keys: Record<'ada' | 'mallory', { file: string; pub: string }> = {} as never;

beforeAll(async () => {
  dir = await makeTempDir('lepton-keys-');
  for (const name of ['ada', 'mallory'] as const) {
    const file = path.join(dir, name);
    await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', file]);
    keys[name] = { file, pub: (await readFile(`${file}.pub`, 'utf8')).trim() };
  }
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

const ENTRY = {
  seq: 3,
  time: '2026-06-15T12:00:00.000Z',
  actor: { name: 'Ada', email: 'ada@example.com' },
  event: 'approve',
  phase: 'poc',
  checkId: 'go',
  commit: null,
  prev: 'ab',
  hash: 'cd',
};

describe('entry signatures', () => {
  it('the content hash leaves out seq, prev, hash and sig, and covers every other field', () => {
    const renumbered = { ...ENTRY, seq: 9, prev: 'ff', hash: '00', sig: 'x' };
    expect(contentHash(renumbered)).toBe(contentHash(ENTRY));
    expect(contentHash({ ...ENTRY, checkId: 'other' })).not.toBe(contentHash(ENTRY));
  });

  it("signs with ssh-keygen and verifies against the signer's public key only", async () => {
    const hash = contentHash(ENTRY);
    const signature = await signHash(hash, keys.ada.file);
    expect(signature).toMatch(/^-----BEGIN SSH SIGNATURE-----/);
    expect(await verifyHash(hash, signature, keys.ada.pub)).toBe(true);
    expect(await verifyHash(hash, signature, keys.mallory.pub)).toBe(false);
    // One field changed: the content hash changes and the signature no longer holds.
    expect(await verifyHash(contentHash({ ...ENTRY, phase: 'design' }), signature, keys.ada.pub)).toBe(false);
    expect(await verifyHash(hash, 'not a signature', keys.ada.pub)).toBe(false);
  });

  it('refuses to sign without a usable key, saying how to set one', async () => {
    await expect(signHash('00', path.join(dir, 'missing'))).rejects.toThrow(/cannot sign the ledger entry with .*missing/);
  });

  it('takes the key from LEPTON_SIGNING_KEY before git config', async () => {
    expect(await signingKeyFile(dir, { ...process.env, LEPTON_SIGNING_KEY: keys.ada.file })).toBe(keys.ada.file);
  });
});
