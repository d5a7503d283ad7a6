// Loading a project for a lifecycle command: a transition a crash interrupted is completed
// first, then the manifest is loaded and the ledger replayed.
import path from 'node:path';
import { findManifest, loadManifest, type LoadedManifest, type LoadOptions } from '../manifest/load.js';
import { rollForward, type CompletedStep } from './journal.js';
import { checkedLines, rememberCheckedLines } from './ledger-cache.js';
import { ledgerLines, parseLedger, readLedgerText, type LedgerEntry } from './ledger.js';
import { replayLedger, type LifecycleState } from './state.js';

/** What completing an interrupted step did, for the command to say (the documents were in its journal). */
export type Recovered = CompletedStep;

/** Loads the project at `options`; `onRecovered` hears of a step a crash interrupted that this load completed. */
export async function loadProject(options: LoadOptions, onRecovered?: (recovered: Recovered, loaded: LoadedManifest) => void): Promise<LoadedManifest> {
  const file = options.manifest ? path.resolve(options.cwd, options.manifest) : await findManifest(options.cwd);
  if (!file) return loadManifest(options);
  const completed = await rollForward(path.dirname(file));
  // The file is found once: the loader is told which one.
  const loaded = await loadManifest({ cwd: options.cwd, manifest: file });
  if (completed) onRecovered?.(completed, loaded);
  return loaded;
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
