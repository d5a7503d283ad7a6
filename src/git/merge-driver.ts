// The git merge driver for the ledger: `.gitattributes` names it for `.lepton/ledger.jsonl`, and
// the repository's config says what runs (`lepton ledger merge %O %A %B`). Registered by
// `lepton init` and `lepton hooks install`; both steps are idempotent.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { simpleGit } from 'simple-git';
import { writeFileAtomic } from '../fs.js';

export const MERGE_DRIVER = 'lepton-ledger';
export const MERGE_DRIVER_COMMAND = 'lepton ledger merge %O %A %B';
export const LEDGER_ATTRIBUTE = `.lepton/ledger.jsonl merge=${MERGE_DRIVER}`;

/** Adds the attribute line to the project's `.gitattributes` (keeping what is there) and sets the driver in the repository config. */
export async function registerLedgerMergeDriver(root: string): Promise<{ attributesChanged: boolean }> {
  const file = path.join(root, '.gitattributes');
  const current = await readFile(file, 'utf8').catch(() => undefined);
  const lines = (current ?? '').split(/\r?\n/).map((line) => line.trim());
  const attributesChanged = !lines.includes(LEDGER_ATTRIBUTE);
  if (attributesChanged) {
    const body = current && !current.endsWith('\n') ? `${current}\n` : (current ?? '');
    await writeFileAtomic(file, `${body}${LEDGER_ATTRIBUTE}\n`);
  }
  // simple-git refuses merge.*.driver unless told: setting this one driver is the point here.
  const git = simpleGit({ baseDir: root, trimmed: true, unsafe: { allowUnsafeMergeDriver: true } });
  await git.addConfig(`merge.${MERGE_DRIVER}.name`, 'lepton ledger: keeps every sign-off of both sides');
  await git.addConfig(`merge.${MERGE_DRIVER}.driver`, MERGE_DRIVER_COMMAND);
  return { attributesChanged };
}
