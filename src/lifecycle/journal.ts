// Crash safety for a transition that writes several files (the ledger, lepton.yaml, and for an
// advance the new phase's documents): the new content of each goes into `.lepton/pending.json`
// first, then each file is replaced, then the journal is removed. A journal left by a crash is
// applied again (idempotently) before anything else reads or writes the project, so the ledger,
// `phase:` and the documents never disagree. A document is only created: one that exists (a user
// wrote it after the crash) is kept, as rendering keeps it.
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { LeptonError } from '../errors.js';
import { writeFileAtomic } from '../fs.js';
import { isInside } from '../manifest/paths.js';
import { withLock } from './lock.js';
import { sha256 } from '../text.js';
import { crashPoint } from './test-hooks.js';

export const JOURNAL_PATH = '.lepton/pending.json';

export interface JournalWrite {
  /** Relative to the project root. */
  path: string;
  content: string;
  /** SHA-256 of the file this write replaces (null: it did not exist), set by commitWrites. */
  replaces?: string | null;
  /** Names the crash point after this write, for the crash tests. */
  label: 'ledger' | 'manifest' | 'document';
  /** A document's writes (the record, then the document): none is made once this file exists. */
  unless?: string;
}

interface Journal {
  version: 1;
  writes: JournalWrite[];
}

/** Writes every file or, after a crash, leaves a journal that `rollForward` completes. Call it holding the lock. */
export async function commitWrites(root: string, writes: JournalWrite[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const journal: Journal = { version: 1, writes: await Promise.all(writes.map(async (write) => ({ ...write, replaces: await fileHash(root, write.path) }))) };
  await writeFileAtomic(path.join(root, JOURNAL_PATH), `${JSON.stringify(journal)}\n`);
  crashPoint('after-journal', env);
  await applyWrites(root, writes, env);
  await rm(path.join(root, JOURNAL_PATH), { force: true });
  crashPoint('after-commit', env);
}

async function applyWrites(root: string, writes: JournalWrite[], env?: NodeJS.ProcessEnv): Promise<void> {
  for (const write of writes) {
    const target = path.resolve(root, write.path);
    if (!isInside(root, target) || (write.unless !== undefined && !isInside(root, path.resolve(root, write.unless)))) {
      throw new LeptonError(`${JOURNAL_PATH} names a file outside the project: ${write.unless ?? write.path}`, { hint: `remove ${JOURNAL_PATH}` });
    }
    if (write.unless !== undefined && existsSync(path.resolve(root, write.unless))) continue;
    await writeFileAtomic(target, write.content);
    if (env) crashPoint(`after-${write.label}`, env);
  }
}

/** The step a roll-forward completed: the ledger entry it wrote (the last line of the journal's ledger). */
export interface CompletedStep {
  seq?: number;
  event?: string;
  from?: string;
  to?: string;
  time?: string;
  /** Files the journal wrote, relative to the root. */
  files: string[];
  /** The documents the step created (or found written by the crashed command): `kept` when another file was there. */
  documents: { file: string; status: 'created' | 'kept' }[];
}

/** Completes a transition a crash interrupted, if any, and says what it was. */
export async function rollForward(root: string): Promise<CompletedStep | undefined> {
  const file = path.join(root, JOURNAL_PATH);
  // Checked on every start: synchronously, as an await through the thread pool costs more than the check.
  if (!existsSync(file)) return undefined;
  return withLock(root, async () => {
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) return undefined;
    let journal: Journal;
    try {
      journal = JSON.parse(text) as Journal;
    } catch {
      throw new LeptonError(`${JOURNAL_PATH} is not valid JSON`, { hint: `it is written atomically, so it was edited; remove it and run \`lepton verify\`` });
    }
    if (journal.version !== 1 || !Array.isArray(journal.writes)) {
      throw new LeptonError(`${JOURNAL_PATH} is not a lepton journal`, { hint: `remove it and run \`lepton verify\`` });
    }
    // A file edited by hand after the crash is neither what the step replaced nor what it wrote:
    // replaying over it would lose the edit, so refuse and say which.
    for (const write of journal.writes) {
      // A document's writes never replace a file: no change to lose.
      if (write.unless !== undefined) continue;
      const current = await fileHash(root, write.path);
      if (write.replaces !== undefined && current !== write.replaces && current !== sha256(write.content)) {
        throw new LeptonError(`${write.path} changed after an interrupted lepton command; ${JOURNAL_PATH} would overwrite that change`, {
          hint: `compare ${write.path} with the content in ${JOURNAL_PATH}, keep what you want, remove ${JOURNAL_PATH}, then run \`lepton verify\``,
        });
      }
    }
    await applyWrites(root, journal.writes);
    await rm(file, { force: true });
    const documents = await Promise.all(
      journal.writes
        .filter((write) => write.label === 'document' && write.path === write.unless)
        .map(async (write) => ({ file: write.path, status: (await fileHash(root, write.path)) === sha256(write.content) ? ('created' as const) : ('kept' as const) })),
    );
    return { ...completedStep(journal.writes), documents };
  });
}

function completedStep(writes: readonly JournalWrite[]): Omit<CompletedStep, 'documents'> {
  const ledger = writes.find((write) => write.label === 'ledger');
  const last = ledger?.content.trimEnd().split('\n').at(-1);
  let entry: Record<string, unknown> = {};
  try {
    entry = last ? (JSON.parse(last) as Record<string, unknown>) : {};
  } catch {
    // A journal's ledger is written by lepton: a line that does not parse names no entry.
  }
  const text = (key: string) => (typeof entry[key] === 'string' ? (entry[key] as string) : undefined);
  const seq = typeof entry.seq === 'number' ? entry.seq : undefined;
  const [event, from, to, time] = [text('event'), text('from'), text('to'), text('time')];
  return {
    files: writes.filter((write) => write.label !== 'document').map((write) => write.path),
    ...(seq !== undefined && { seq }),
    ...(event && { event }),
    ...(from && { from }),
    ...(to && { to }),
    ...(time && { time }),
  };
}

async function fileHash(root: string, relativePath: string): Promise<string | null> {
  const content = await readFile(path.resolve(root, relativePath), 'utf8').catch(() => undefined);
  return content === undefined ? null : sha256(content);
}
