// Loading a project for a lifecycle command: a transition a crash interrupted is completed
// first, then the manifest is loaded and the ledger replayed.
import path from 'node:path';
import { findManifest, loadManifest, type LoadedManifest, type LoadOptions } from '../manifest/load.js';
import { LeptonError } from '../errors.js';
import { rollForward, type CompletedStep } from './journal.js';
import { checkedLines, rememberCheckedLines } from './ledger-cache.js';
import { ledgerLines, parseLedger, readLedgerText, type LedgerEntry } from './ledger.js';
import { replayLedger, type LifecycleState } from './state.js';

/** What completing an interrupted step did, for the command to say. */
export interface Recovered extends CompletedStep {
  /** The documents of the phase an interrupted advance moved to, rendered where missing. */
  documents: { file: string; status: string }[];
  /** Why they could not be rendered, when they could not. */
  renderProblem?: string;
}

export async function loadProject(options: LoadOptions, onRecovered?: (recovered: Recovered) => void): Promise<LoadedManifest> {
  const file = options.manifest ? path.resolve(options.cwd, options.manifest) : await findManifest(options.cwd);
  if (!file) return loadManifest(options);
  const completed = await rollForward(path.dirname(file));
  // The file is found once: the loader is told which one.
  const loaded = await loadManifest({ cwd: options.cwd, manifest: file });
  if (completed) onRecovered?.(await renderAfterAdvance(loaded, completed));
  return loaded;
}

/** An advance renders the next phase's documents after its writes: a crash before that leaves them to the roll-forward. */
async function renderAfterAdvance(loaded: LoadedManifest, completed: CompletedStep): Promise<Recovered> {
  const next = completed.event === 'advance' && completed.to ? loaded.manifest.phases.find((phase) => phase.id === completed.to) : undefined;
  if (!next?.templates?.length) return { ...completed, documents: [] };
  const { renderTemplates } = await import('../templates/generate.js');
  try {
    const documents = await renderTemplates(loaded, next.templates, { force: false });
    return { ...completed, documents: documents.map((document) => ({ file: document.file, status: document.status })) };
  } catch (error) {
    if (!(error instanceof LeptonError)) throw error;
    return { ...completed, documents: [], renderProblem: error.message };
  }
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
