// Evidence the ledger can name: `advance` records a commit, so every file its gate read must be in
// that commit as read. The declared outputs of the gate's `run` checks are exempt (a fresh clone
// makes them again); their inputs are among the files read, so those must be committed.
import type { GateReport } from '../gate/types.js';
import type { Phase } from '../manifest/schema.js';
import { pathsOf } from '../manifest/needs.js';

export interface DirtyFile {
  path: string;
  state: 'untracked' | 'ignored' | 'changed';
}

/** The files the gate read that are not committed as read; none outside a git repository. */
export async function dirtyEvidence(root: string, phase: Phase, gate: GateReport): Promise<DirtyFile[]> {
  const read = [...new Set(gate.checks.flatMap((check) => check.reads ?? []))].sort();
  if (read.length === 0) return [];
  const outputs = phase.gate.flatMap((check) =>
    pathsOf(check)
      .filter((entry) => entry.use === 'writes')
      .map((entry) => entry.value),
  );
  let exempt = (_file: string) => false;
  if (outputs.length) {
    const { default: picomatch } = await import('picomatch');
    exempt = picomatch(
      outputs.map((output) => output.replace(/^\.\//, '')),
      { dot: true },
    );
  }
  const git = await import('../git/git.js');
  if (!(await git.isRepository(root))) return [];
  return git.uncommittedFiles(
    root,
    read.filter((file) => !exempt(file)),
  );
}

/** `poc/results.json (untracked)`, for messages. */
export function describeDirty(files: readonly DirtyFile[]): string {
  return files.map((file) => `${file.path} (${file.state === 'changed' ? 'uncommitted changes' : file.state})`).join(', ');
}
