// Signatures ssh-keygen has found valid, kept in `.lepton/cache/signatures.json`, so that `verify`
// (and the pre-push hook) on a signed ledger starts no `ssh-keygen -Y verify` for an entry it
// checked before. A verdict depends on three things only: the entry's content hash (what is
// signed), the signature text and the owner's public key in lepton.yaml. The cache keeps the
// SHA-256 over exactly those three, and only for signatures that verified: a change to any of them
// (an edited entry, another signature, a new key in lepton.yaml) is checked by ssh-keygen again,
// and so is an invalid signature every time.
//
// Trusting the cache is no weaker than trusting the ledger file itself. It is honoured only in
// the folder this build wrote it in (src/cache.ts: the cache folder's device and inode, and the
// folder ignores itself), so it never arrives with a clone, a pull or a merge: an entry forged
// elsewhere reaches this machine through git and is checked by ssh-keygen here. Planting a
// verdict takes write access to this working copy's `.lepton/`, as the same user, and that user
// can equally edit the ledger, lepton.yaml or the hooks, or push with --no-verify; signatures
// protect against entries forged by someone else, and CI's fresh clone and `verify --strict`
// trust no cache.
import { readCache, writeCache } from '../cache.js';
import { canonicalJson, sha256 } from '../text.js';

const FILE = 'signatures.json';

// One read per project and process: verify and gate --completed in one hook run share it.
const byRoot = new Map<string, Set<string>>();

/** What a verdict is cached under: the entry's content hash, the signature and the public key, exactly as given. */
export function signatureKey(contentHash: string, signature: string, publicKey: string): string {
  return sha256(canonicalJson([contentHash, signature, publicKey]));
}

/** The signature keys of this project known to have verified. */
export function verifiedSignatures(root: string): Set<string> {
  let known = byRoot.get(root);
  if (!known) {
    const cached = readCache<unknown>(root, FILE);
    known = new Set(Array.isArray(cached) ? cached.filter((item): item is string => typeof item === 'string') : []);
    byRoot.set(root, known);
  }
  return known;
}

/**
 * Records the keys of the signatures that verified in the current ledger (so the file keeps those
 * only), written when one is new.
 */
export async function rememberVerifiedSignatures(root: string, keys: readonly string[]): Promise<void> {
  const known = verifiedSignatures(root);
  if (keys.every((key) => known.has(key)) && keys.length === known.size) return;
  byRoot.set(root, new Set(keys));
  await writeCache(root, FILE, [...keys]);
}

/** Records one signature ssh-keygen just found valid: an entry lepton signed (and checked) as it wrote it. */
export async function rememberVerifiedSignature(root: string, key: string): Promise<void> {
  const known = verifiedSignatures(root);
  if (known.has(key)) return;
  known.add(key);
  await writeCache(root, FILE, [...known]);
}
