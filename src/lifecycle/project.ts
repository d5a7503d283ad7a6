// Loading a project for a lifecycle command: a transition a crash interrupted is completed
// first, then the manifest is loaded and the ledger replayed.
import path from 'node:path';
import { findManifest, loadManifest, type LoadedManifest, type LoadOptions } from '../manifest/load.js';
import { rollForward } from './journal.js';
import { checkedLines, rememberCheckedLines } from './ledger-cache.js';
import { ledgerLines, parseLedger, readLedgerText, type LedgerEntry } from './ledger.js';
import { replayLedger, type LifecycleState } from './state.js';

export async function loadProject(options: LoadOptions): Promise<LoadedManifest> {
  const file = options.manifest ? path.resolve(options.cwd, options.manifest) : await findManifest(options.cwd);
  if (!file) return loadManifest(options);
  await rollForward(path.dirname(file));
  // The file is found once: the loader is told which one.
  return loadManifest({ cwd: options.cwd, manifest: file });
}

export interface ProjectLedger {
  /** The ledger's text as read (undefined when there is none). */
  text: string | undefined;
  entries: LedgerEntry[];
  state: LifecycleState;
}

export async function readProjectLedger(loaded: LoadedManifest): Promise<ProjectLedger> {
  const text = await readLedgerText(loaded.root);
  const entries = parseLedger(text, await checkedLines(loaded.root));
  await rememberCheckedLines(loaded.root, ledgerLines(text));
  return { text, entries, state: replayLedger(loaded.manifest, entries) };
}
