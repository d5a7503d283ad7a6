// The independent validators in ../shared/validators (beside the repository, as CI lays it out);
// LEPTON_VALIDATORS points elsewhere, e.g. from a git worktree whose parent folder has none.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function validatorsDir(): string {
  return process.env.LEPTON_VALIDATORS ?? fileURLToPath(new URL('../../../shared/validators/', import.meta.url));
}

/** The folder of one validator, or undefined (with a warning naming what is skipped) when it is missing. */
export function validatorFolder(name: string, file: string, skipped: string): string | undefined {
  const folder = path.join(validatorsDir(), name);
  if (existsSync(path.join(folder, file))) return folder;
  console.warn(`${skipped}: ${path.join(folder, file)} not found, skipped (set LEPTON_VALIDATORS to the validators folder)`);
  return undefined;
}
