// `lepton ledger merge BASE OURS THEIRS`: git's merge driver for .lepton/ledger.jsonl (also usable
// by hand). Writes the merged ledger to OURS and exits 0, or exits 1 naming what conflicts.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { EXIT } from '../errors.js';
import { writeFileAtomic } from '../fs.js';
import { checkChain, ledgerLines, type LedgerEntry } from '../lifecycle/ledger.js';
import { ledgerText } from '../lifecycle/ledger-format.js';
import { mergeLedgerEntries } from '../lifecycle/ledger-merge.js';
import { formatLedgerMerge } from '../report/ledger-merge.js';
import { ledgerSideUnreadable, ledgerSideUntrusted } from './messages.js';
import type { CommandRun } from './types.js';

async function readSide(cwd: string, file: string, side: string): Promise<LedgerEntry[]> {
  const text = await readFile(path.resolve(cwd, file), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' && side === 'base') return '';
    throw ledgerSideUnreadable(side, file, error);
  });
  const { entries, problems } = checkChain(ledgerLines(text));
  if (problems[0]) throw ledgerSideUntrusted(side, file, problems[0].message);
  return entries;
}

export const run: CommandRun = async ({ args, globals, io }) => {
  const [base, ours, theirs] = args as [string, string, string];
  const result = mergeLedgerEntries(await readSide(globals.cwd, base, 'base'), await readSide(globals.cwd, ours, 'ours'), await readSide(globals.cwd, theirs, 'theirs'));
  if (!result.ok) {
    io.stderr(formatLedgerMerge(result));
    return EXIT.gateFailed;
  }
  await writeFileAtomic(path.resolve(globals.cwd, ours), ledgerText(result.entries));
  if (!globals.quiet) io.stderr(formatLedgerMerge(result));
  return EXIT.ok;
};
