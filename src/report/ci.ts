// What `lepton ci init` and `lepton ci matrix` print: the file written and what the workflow enforces; the matrix.
import type { CiInitResult } from '../ci/init.js';
import type { CiMatrix } from '../ci/matrix.js';

const DONE: Record<CiInitResult['action'], (file: string) => string> = {
  created: (file) => `created ${file}`,
  overwritten: (file) => `overwrote ${file}`,
  merged: (file) => `added the \`lepton\` job to ${file}`,
  replaced: (file) => `replaced the \`lepton\` job in ${file}`,
};

export function describeCiInit(result: CiInitResult): string {
  const { plan } = result;
  const lines = [DONE[result.action](result.file)];
  lines.push(
    plan.projects.length > 1
      ? `  projects: ${plan.projects.length} (${result.provider === 'github' ? 'one job each, listed at run time by `lepton ci matrix`' : 'one job each through parallel:matrix; run `lepton ci init --provider gitlab --force` when projects are added'})`
      : `  project: ${plan.projects[0]}`,
  );
  lines.push(
    `  lepton: ${plan.install === 'npm-ci' ? 'the version package-lock.json pins (npm ci)' : 'the vendored .lepton/bin/lepton.cjs, run with node (`lepton vendor` upgrades it)'}`,
  );
  if (plan.python) lines.push("  python: set up for the gates' run checks; requirements*.txt and a pyproject.toml project installed when present");
  if (result.stageAdded) lines.push('  stages: added `test`, which the job runs in');
  const review = result.provider === 'gitlab' ? 'merge request' : 'pull request';
  lines.push(
    '',
    `Enforced on every ${review} and push to ${plan.branch}: \`lepton verify --strict\` and \`lepton gate --completed\`;`,
    "a change that moves phase: must also pass the gate of the phase it completes. The current phase's gate is reported, not enforced.",
    `Next: commit ${result.file}${plan.install === 'vendored' ? ' (and .lepton/bin/lepton.cjs, if it is not committed yet)' : ''} and push.`,
  );
  return `${lines.join('\n')}\n`;
}

/** `lepton ci matrix`: the matrix as one line of JSON. */
export function formatCiMatrix(matrix: CiMatrix): string {
  return `${JSON.stringify(matrix)}\n`;
}

export function emptyMatrixWarning(cwd: string): string {
  return `warning: no lepton.yaml found in ${cwd} or below it; the matrix is empty\n`;
}
