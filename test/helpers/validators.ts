// The independent validators in ../shared/validators (beside the repository, as CI lays it out);
// LEPTON_VALIDATORS points elsewhere, e.g. from a git worktree whose parent folder has none.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** LEPTON_VALIDATORS, else shared/ beside the repository (beside /work/main, or two levels up from a worktree). */
export function validatorsDir(): string {
  if (process.env.LEPTON_VALIDATORS) return process.env.LEPTON_VALIDATORS;
  const candidates = ['../../../shared/validators/', '../../../../shared/validators/'].map((relative) => fileURLToPath(new URL(relative, import.meta.url)));
  return candidates.find((folder) => existsSync(folder)) ?? candidates[0]!;
}

/** The folder of one validator, or undefined (with a warning naming what is skipped) when it is missing. */
export function validatorFolder(name: string, file: string, skipped: string): string | undefined {
  const folder = path.join(validatorsDir(), name);
  if (existsSync(path.join(folder, file))) return folder;
  console.warn(`${skipped}: ${path.join(folder, file)} not found, skipped (set LEPTON_VALIDATORS to the validators folder)`);
  return undefined;
}
