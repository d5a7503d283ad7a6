// `lepton ledger merge BASE OURS THEIRS`: git's merge driver for .lepton/ledger.jsonl (also usable
// by hand). Writes the merged ledger to OURS and exits 0, or exits 1 naming what conflicts.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { EXIT, LeptonError } from '../errors.js';
import { writeFileAtomic } from '../fs.js';
import { checkChain, ledgerLines, type LedgerEntry } from '../lifecycle/ledger.js';
import { mergeLedgerEntries } from '../lifecycle/ledger-merge.js';
import { formatLedgerMerge } from '../report/ledger-merge.js';
import type { CommandRun } from './types.js';

/** Each side's place on the command line, as git's merge driver passes them (merge.lepton-ledger.driver: `… ledger merge %O %A %B`). */
const ARGUMENTS: Record<string, string> = {
  base: "the first argument (BASE, git's %O)",
  ours: "the second argument (OURS, git's %A)",
  theirs: "the third argument (THEIRS, git's %B)",
};

async function readSide(cwd: string, file: string, side: string): Promise<LedgerEntry[]> {
  const text = await readFile(path.resolve(cwd, file), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' && side === 'base') return '';
    const why = error.code === 'ENOENT' ? 'no such file' : error.code === 'EISDIR' ? 'it is a folder' : error.message;
    throw new LeptonError(`cannot read ${file}, ${ARGUMENTS[side]}: ${why}`, {
      hint:
        'it takes three ledger files, BASE OURS THEIRS, and writes the merged ledger to OURS; git passes them itself ' +
        '(.gitattributes names the driver, git config merge.lepton-ledger.driver runs `… ledger merge %O %A %B`, set by `lepton hooks install`); ' +
        'by hand: `lepton ledger merge base.jsonl ours.jsonl theirs.jsonl`',
    });
  });
  const { entries, problems } = checkChain(ledgerLines(text));
  if (problems[0])
    throw new LeptonError(`${side} ledger ${file} cannot be trusted: ${problems[0].message}`, {
      exitCode: EXIT.gateFailed,
      hint: 'resolve the merge by hand from git: `git checkout --ours` or `--theirs` .lepton/ledger.jsonl',
    });
  return entries;
}

export const run: CommandRun = async ({ args, globals, io }) => {
  const [base, ours, theirs] = args as [string, string, string];
  const result = mergeLedgerEntries(await readSide(globals.cwd, base, 'base'), await readSide(globals.cwd, ours, 'ours'), await readSide(globals.cwd, theirs, 'theirs'));
  if (!result.ok) {
    io.stderr(formatLedgerMerge(result));
    return EXIT.gateFailed;
  }
  await writeFileAtomic(path.resolve(globals.cwd, ours), result.entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
  if (!globals.quiet) io.stderr(formatLedgerMerge(result));
  return EXIT.ok;
};
