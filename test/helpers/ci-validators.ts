// The shared CI validators (SchemaStore's github-workflow schema through validate-ci.mjs), found
// in shared/ beside the repository: beside /work/main, and two levels up from a worktree in /work/wt.
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const VALIDATE_CI = ['../shared', '../../shared']
  .map((shared) => fileURLToPath(new URL(`${shared}/validators/ci/validate-ci.mjs`, new URL('../../', import.meta.url))))
  .find((file) => existsSync(file));

/** Validates workflow files against SchemaStore's schema, run from the repository root so the script finds ajv. */
export async function validateWorkflows(files: string[]): Promise<{ exitCode: number; output: string }> {
  if (!VALIDATE_CI) throw new Error('shared/validators/ci/validate-ci.mjs not found beside the repository');
  const result = await execa(process.execPath, [VALIDATE_CI, ...files], { cwd: REPO_ROOT, reject: false });
  return { exitCode: result.exitCode ?? -1, output: `${result.stdout}${result.stderr}` };
}
