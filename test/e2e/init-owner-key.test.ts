// `lepton init --owner-key`: an owner's OpenSSH public key, paired with --owner by position like
// --role, given as the key line or as the path of a .pub file; anything else exits 2 before a
// file is written. The key lands in owners[].key, and that owner's entries must then be signed.
import { execa } from 'execa';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import YAML from 'yaml';
import { runLepton } from '../helpers/cli.js';
import { gitEnv, makeTempDir } from '../helpers/git-repo.js';
import { initEnv } from '../helpers/init-project.js';

let dir: string;
let adaKey: string;
beforeEach(async () => {
  dir = await makeTempDir();
  await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'ada@example.com', '-f', path.join(dir, 'ada')]);
  adaKey = (await readFile(path.join(dir, 'ada.pub'), 'utf8')).trim();
});
afterEach(() => rm(dir, { recursive: true, force: true }));

// init's own first entry is Ada's (the git identity), so it is signed: with LEPTON_SIGNING_KEY.
const init = (args: string[], env: Record<string, string> = {}) => runLepton(['init', 'demo', '--yes', ...args], { cwd: dir, env: initEnv(env) });
const owners = async () => YAML.parse(await readFile(path.join(dir, 'demo/lepton.yaml'), 'utf8')).project.owners;

test('a key line and a .pub file pair with the owners at their positions', async () => {
  await execa('ssh-keygen', ['-q', '-t', 'ecdsa', '-N', '', '-C', 'grace', '-f', path.join(dir, 'grace')]);
  const graceKey = (await readFile(path.join(dir, 'grace.pub'), 'utf8')).trim();
  const result = await init(
    [
      '--owner',
      'Ada Lovelace <ada@example.com>',
      '--role',
      'tech-lead',
      '--owner-key',
      adaKey,
      '--owner',
      'Grace Hopper <grace@example.com>',
      '--role',
      'product-owner',
      '--owner-key',
      'grace.pub',
      '--owner',
      'Linus Torvalds <linus@example.com>',
    ],
    { LEPTON_SIGNING_KEY: path.join(dir, 'ada') },
  );
  expect(result.exitCode, result.stderr).toBe(0);
  expect(await owners()).toEqual([
    { name: 'Ada Lovelace', email: 'ada@example.com', roles: ['tech-lead'], key: adaKey },
    { name: 'Grace Hopper', email: 'grace@example.com', roles: ['product-owner'], key: graceKey },
    { name: 'Linus Torvalds', email: 'linus@example.com', roles: ['tech-lead'] },
  ]);
  const validate = await runLepton(['validate'], { cwd: path.join(dir, 'demo') });
  expect(validate.exitCode, validate.stderr).toBe(0);
  // The key is in force: Ada's sign-off must be signed, and without a signing key it is refused.
  const terminate = await runLepton(['terminate', '--reason', 'test'], { cwd: path.join(dir, 'demo'), env: gitEnv({ name: 'Ada Lovelace', email: 'ada@example.com' }) });
  expect(terminate.exitCode).toBe(2);
  const signed = await runLepton(['terminate', '--reason', 'test'], {
    cwd: path.join(dir, 'demo'),
    env: { ...gitEnv({ name: 'Ada Lovelace', email: 'ada@example.com' }), LEPTON_SIGNING_KEY: path.join(dir, 'ada') },
  });
  expect(signed.exitCode, signed.stderr).toBe(0);
  const verify = await runLepton(['verify'], { cwd: path.join(dir, 'demo') });
  expect(verify.exitCode, verify.stdout).toBe(0);
});

test.each([
  ['a truncated key line', () => adaKey.slice(0, 40), /is not a public key: its key data is not a whole ssh-ed25519 key/],
  ['the private key file', () => path.join(dir, 'ada'), /is not a public key: not an OpenSSH public key line/],
  ['a path that does not exist', () => 'missing.pub', /"missing\.pub" is not a public key/],
  ['a key of another type than it says', () => adaKey.replace('ssh-ed25519', 'ssh-rsa'), /its key data is not a ssh-rsa key/],
])('%s exits 2 and writes nothing', async (_name, key, message) => {
  const result = await init(['--owner', 'Ada Lovelace <ada@example.com>', '--owner-key', key()]);
  expect(result.exitCode).toBe(2);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).toMatch(/^hint: give an OpenSSH public key line/m);
  expect((await readdir(dir)).sort()).toEqual(['ada', 'ada.pub']);
});

test("init's first entry is the keyed owner's: without a signing key init exits 2 and writes nothing", async () => {
  const result = await init(['--owner', 'Ada Lovelace <ada@example.com>', '--owner-key', adaKey]);
  expect(result.exitCode).toBe(2);
  expect(result.stderr).toMatch(/no signing key is set\nhint: point LEPTON_SIGNING_KEY at the private SSH key/);
  expect((await readdir(dir)).sort()).toEqual(['ada', 'ada.pub']);
});

test('more --owner-key than --owner exits 2', async () => {
  await writeFile(path.join(dir, 'x'), '');
  const result = await init(['--owner', 'Ada Lovelace <ada@example.com>', '--owner-key', adaKey, '--owner-key', adaKey]);
  expect(result.exitCode).toBe(2);
  expect(result.stderr).toContain('2 --owner-key but 1 --owner given');
});
