// `lepton vendor`: lepton's standalone build copied into the project as .lepton/bin/lepton.cjs,
// committed, so a clone runs lepton with plain `node` (no package.json, no node_modules, no
// registry), as a committed Yarn release or the Gradle wrapper does. The pre-push hook and the CI
// that `lepton ci init` writes use it when it is there.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LeptonError } from '../errors.js';
import { writeFileAtomic } from '../fs.js';
import { VENDORED_PATH } from '../git/hook-script.js';
import { LEPTON_GITIGNORE, LEPTON_GITIGNORE_TEXT } from '../lifecycle/ledger.js';
import { packageRoot } from '../templates/registry.js';
import { loadManifest, type LoadOptions } from '../manifest/load.js';

/** Where the vendored lepton lives, relative to the project root (the hook looks there too). */
export { VENDORED_PATH };
/** The build of lepton that is one self-contained file (scripts/build.mjs), relative to the package. */
export const STANDALONE_BUILD = 'dist/lepton-standalone.cjs';
/** The lines `.lepton/.gitignore` needs so git sees the vendored file (its `*` ignores everything else). */
export const VENDORED_ALLOW_LINES = ['!bin/', '!bin/lepton.cjs'];

// Set by the standalone build: the running file is itself what `lepton vendor` copies.
declare const __LEPTON_STANDALONE__: boolean | undefined;
const RUNNING_STANDALONE = typeof __LEPTON_STANDALONE__ === 'boolean' && __LEPTON_STANDALONE__;

/** The standalone file this lepton would copy: itself when it is one, else the one built beside its bundle. */
export function standaloneSource(): string {
  return RUNNING_STANDALONE ? fileURLToPath(import.meta.url) : path.join(packageRoot(), STANDALONE_BUILD);
}

/** The version a standalone file names on its second line (`// lepton 0.1.0, standalone: …`). */
export function standaloneVersion(text: string): string | undefined {
  return /^\/\/ lepton (\S+), standalone/m.exec(text.slice(0, 300))?.[1];
}

export interface VendorResult {
  /** Absolute path of the vendored file. */
  file: string;
  action: 'created' | 'updated' | 'unchanged';
  version: string;
  /** The version the replaced file named (`updated` only). */
  previousVersion?: string | undefined;
  /** `.lepton/.gitignore` was written or given the lines that let git see the file. */
  gitignore: 'created' | 'updated' | 'unchanged';
}

/** Copies the standalone build to `root`/.lepton/bin/lepton.cjs (atomically, executable) and lets git see it. */
export async function vendorLepton(root: string, source = standaloneSource()): Promise<VendorResult> {
  const content = await readFile(source).catch((error: NodeJS.ErrnoException) => {
    throw new LeptonError(`cannot read lepton's standalone build ${source}: ${error.code === 'ENOENT' ? 'it is not there' : error.message}`, {
      hint: "run `npm run build` in lepton's own folder (it writes dist/lepton-standalone.cjs), then `lepton vendor` again",
    });
  });
  const version = standaloneVersion(content.toString('utf8'));
  if (!version) {
    throw new LeptonError(`${source} is not lepton's standalone build (its header names no version)`, { hint: 'rebuild lepton with `npm run build`' });
  }
  const file = path.join(root, VENDORED_PATH);
  const previous = await readFile(file).catch(() => undefined);
  let action: VendorResult['action'] = 'created';
  if (previous?.equals(content)) {
    action = 'unchanged';
  } else {
    if (previous) action = 'updated';
    await writeFileAtomic(file, content, { mode: 0o755 });
  }
  const gitignore = await allowVendoredFile(root);
  return { file, action, version, previousVersion: previous && action === 'updated' ? standaloneVersion(previous.toString('utf8')) : undefined, gitignore };
}

/**
 * `.lepton/.gitignore` ignores everything but what it lists: a project made before vendoring
 * existed lacks the vendored file in that list, so the lines are appended (nothing else changes).
 */
async function allowVendoredFile(root: string): Promise<VendorResult['gitignore']> {
  const file = path.join(root, LEPTON_GITIGNORE);
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new LeptonError(`cannot read ${LEPTON_GITIGNORE}: ${error.message}`, { hint: 'check the file permissions' });
  });
  if (text === undefined) {
    await writeFileAtomic(file, LEPTON_GITIGNORE_TEXT);
    return 'created';
  }
  const lines = new Set(text.split(/\r?\n/).map((line) => line.trim()));
  const missing = VENDORED_ALLOW_LINES.filter((line) => !lines.has(line));
  if (missing.length === 0) return 'unchanged';
  await writeFileAtomic(file, `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${missing.join('\n')}\n`);
  return 'updated';
}

export interface VendorReport extends VendorResult {
  /** The vendored file relative to the current folder. */
  shown: string;
  /** Where the vendored file and the ignore file that lets git see it are, in the project. */
  vendoredPath: string;
  gitignorePath: string;
  /** Why git would still not see the file (a rule of another ignore file), when it would not. */
  ignoredBy?: string | undefined;
  /** The ledger merge driver's new command, when it was registered with another lepton before. */
  mergeDriver?: string;
}

/** `lepton vendor`: the project found from `options`, lepton vendored into it, and whether git sees the file. */
export async function vendorProject(options: LoadOptions): Promise<VendorReport> {
  const loaded = await loadManifest(options);
  const result = await vendorLepton(loaded.root);
  const { isRepository, ignoringRule } = await import('../git/git.js');
  const inRepository = await isRepository(loaded.root);
  const ignoredBy = inRepository ? await ignoringRule(loaded.root, VENDORED_PATH) : undefined;
  // A merge driver `lepton init` registered runs the vendored file from now on, as the hook does.
  const mergeDriver = inRepository ? await switchMergeDriver(loaded.root) : undefined;
  return {
    ...result,
    shown: path.relative(options.cwd, result.file) || VENDORED_PATH,
    vendoredPath: VENDORED_PATH,
    gitignorePath: LEPTON_GITIGNORE,
    ignoredBy,
    ...(mergeDriver && { mergeDriver }),
  };
}

/** Re-registers the ledger's merge driver with the vendored lepton when one is registered with another; returns the new command. */
async function switchMergeDriver(root: string): Promise<string | undefined> {
  const { registeredMergeDriver, registerLedgerMergeDriver } = await import('../git/merge-driver.js');
  const before = await registeredMergeDriver(root);
  if (before === undefined) return undefined;
  const { command } = await registerLedgerMergeDriver(root, 'vendored');
  return command === before ? undefined : command;
}
