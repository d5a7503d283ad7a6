// SSH signatures over ledger entries, made and checked by the system's `ssh-keygen -Y sign` /
// `-Y verify` in the `lepton` namespace: no cryptography of lepton's own. What is signed is the
// entry's content hash: the canonical entry without `seq`, `prev`, `hash` and `sig`, so an entry
// renumbered and re-chained by a ledger merge keeps its signature.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { LeptonError } from '../errors.js';
import { canonicalJson, sha256 } from '../text.js';

const run = promisify(execFile);
export const SIGNATURE_NAMESPACE = 'lepton';

/** The SHA-256 over what a signature covers: the entry without seq, prev, hash and sig. */
export function contentHash(entry: object): string {
  const { seq: _seq, prev: _prev, hash: _hash, sig: _sig, ...content } = entry as Record<string, unknown>;
  return sha256(canonicalJson(content));
}

/** The private key file to sign with: LEPTON_SIGNING_KEY, else git's user.signingkey; undefined when neither is set. */
export async function signingKeyFile(root: string, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const fromEnv = env.LEPTON_SIGNING_KEY?.trim();
  if (fromEnv) return expandHome(fromEnv);
  const configured = await run('git', ['config', '--get', 'user.signingkey'], { cwd: root, env }).then(
    (result) => result.stdout.trim(),
    () => '',
  );
  // A literal `key::ssh-ed25519 …` names a key held by an agent, which lepton does not drive.
  if (!configured || configured.startsWith('key::')) return undefined;
  return expandHome(configured);
}

function expandHome(file: string): string {
  return file === '~' || file.startsWith('~/') ? path.join(homedir(), file.slice(1)) : file;
}

/** An armored SSH signature (`-----BEGIN SSH SIGNATURE-----`…) over `hash`, made with `keyFile`. */
export async function signHash(hash: string, keyFile: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return withScratch(async (dir) => {
    const data = path.join(dir, 'content');
    await writeFile(data, hash);
    try {
      // stdin closed: a key with a passphrase fails instead of prompting where no one answers.
      await run('ssh-keygen', ['-Y', 'sign', '-n', SIGNATURE_NAMESPACE, '-f', keyFile, data], { env, timeout: 30_000 });
    } catch (error) {
      const detail = (error as { stderr?: string }).stderr?.trim().split('\n').at(-1) ?? (error as Error).message;
      throw new LeptonError(`cannot sign the ledger entry with ${keyFile}: ${detail}`, {
        hint: 'set LEPTON_SIGNING_KEY (or git config user.signingkey) to an SSH private key file without a passphrase prompt, matching your owners[].key',
      });
    }
    return (await readFile(`${data}.sig`, 'utf8')).trim();
  });
}

/** True when `signature` is a valid `lepton` signature over `hash` by `publicKey` (an OpenSSH public key line). */
export async function verifyHash(hash: string, signature: string, publicKey: string, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  return withScratch(async (dir) => {
    const allowed = path.join(dir, 'allowed_signers');
    const sig = path.join(dir, 'content.sig');
    // One principal: the owner whose key this is; the key may sign in the lepton namespace only.
    await writeFile(allowed, `owner namespaces="${SIGNATURE_NAMESPACE}" ${publicKey.trim()}\n`);
    await writeFile(sig, `${signature.trim()}\n`);
    const child = execFile('ssh-keygen', ['-Y', 'verify', '-f', allowed, '-I', 'owner', '-n', SIGNATURE_NAMESPACE, '-s', sig], { env, timeout: 30_000 });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.stdin?.end(hash);
    return (await exited) === 0;
  });
}

async function withScratch<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'lepton-sig-'));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The entry signed by `publicKey`'s private half (LEPTON_SIGNING_KEY or git's user.signingkey),
 * its hash recomputed over the signature. Refuses, saying how to set one, without a usable key.
 */
export async function signEntry<E extends { hash: string; actor: { name: string; email: string } }>(
  entry: E,
  publicKey: string,
  root: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<E & { sig: string }> {
  const who = `${entry.actor.name} <${entry.actor.email}>`;
  const keyFile = await signingKeyFile(root, env);
  if (!keyFile) {
    throw new LeptonError(`${who} has a key in lepton.yaml (owners[].key), so every entry they make is signed, but no signing key is set`, {
      hint: 'point LEPTON_SIGNING_KEY at the private SSH key, or run `git config user.signingkey ~/.ssh/id_ed25519`',
    });
  }
  const hash = contentHash(entry);
  const sig = await signHash(hash, keyFile, env);
  if (!(await verifyHash(hash, sig, publicKey, env))) {
    throw new LeptonError(`the signing key ${keyFile} is not the key lepton.yaml gives ${who} (owners[].key)`, {
      hint: 'sign with the private half of that key, or update owners[].key',
    });
  }
  const { hash: _unsigned, ...rest } = entry;
  const withSig = { ...rest, sig };
  return { ...withSig, hash: sha256(canonicalJson(withSig)) } as unknown as E & { sig: string };
}
