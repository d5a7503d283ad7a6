// What `lepton hooks install|uninstall|status` print.
import path from 'node:path';
import type { HookInstall, HookRemoval, HookReview } from '../ci/hooks.js';
import { isInside } from '../fs.js';
import type { HookLocation, HookSettings, HookStatus } from '../git/hooks.js';
import type { GatedUpdate } from '../lifecycle/pre-push.js';
import type { PrePushOutcome } from '../lifecycle/pre-push-gate.js';

/** As the hooks module names it: the kept hook that runs before lepton's. */
const CHAINED_NAME = 'pre-push.lepton-chained';

/** A path as the user knows it: relative to the working tree when inside it. */
function shown(location: HookLocation, file: string): string {
  return isInside(location.worktree, file) ? path.relative(location.worktree, file) || '.' : file;
}

export function installText({ location, settings, result, source, mergeDriver }: HookInstall): { stdout: string; notes: string[] } {
  const lines = [`${result.action === 'updated' ? 'updated' : 'installed'} the pre-push hook: ${shown(location, result.hookFile)}`];
  if (result.action === 'chained') lines.push(`the hook that was there is kept as ${CHAINED_NAME} and runs first; \`lepton hooks uninstall\` puts it back`);
  else if (result.chainedFile) lines.push(`${CHAINED_NAME} still runs first`);
  lines.push(
    settings.branches.length > 0
      ? `before a push to ${settings.branches.join(', ')} it runs \`lepton verify\` and \`lepton gate --completed\``
      : 'hooks.pre-push.branches is empty, so it gates no push',
  );
  lines.push(
    source === 'vendored'
      ? 'it runs the vendored .lepton/bin/lepton.cjs with node'
      : 'it runs the lepton package-lock.json pins, once `npm ci` (or `npm install`) has installed it',
  );
  lines.push(`registered the ledger merge driver (.gitattributes, git config merge.lepton-ledger: ${mergeDriver}): parallel sign-offs merge without conflicts`);
  const notes = ['skip it once with `git push --no-verify` or `LEPTON_SKIP=1 git push`'];
  if (isInside(location.worktree, location.hooksDir) && !isInside(location.commonDir, location.hooksDir))
    notes.push(`note: ${shown(location, location.hooksDir)} is part of the working tree (core.hooksPath): commit the change so the team gets the hook`);
  return { stdout: `${lines.join('\n')}\n`, notes };
}

export function uninstallText({ location, removed }: HookRemoval): { stdout: string; notes: string[] } {
  const lines: string[] = [];
  const notes: string[] = [];
  for (const { dir, result } of removed) {
    const file = shown(location, result.hookFile);
    if (result.action === 'restored') lines.push(`removed lepton's pre-push hook and put back the one that was there: ${file}`);
    else if (result.action === 'removed') lines.push(`removed lepton's pre-push hook: ${file}`);
    else if (result.foreign && dir === location.hooksDir) notes.push(`note: ${file} is not lepton's; left as it is`);
  }
  if (removed.every(({ result }) => result.action === 'absent')) lines.push(`lepton's pre-push hook is not installed in ${shown(location, location.hooksDir)}; nothing to do`);
  return { stdout: lines.length ? `${lines.join('\n')}\n` : '', notes };
}

export function statusText(review: HookReview): { stdout: string; notes: string[]; ok: boolean } {
  const { lines, ok } = describeStatus(review.status, review.expected);
  return { stdout: `${lines.join('\n')}\n`, notes: review.unreadable ? [`note: cannot compare the hook with lepton.yaml: ${review.unreadable}`] : [], ok };
}

/** Lines describing the hook's state, and whether it is in order (git runs it with the manifest's settings). */
export function describeStatus(status: HookStatus, expected: HookSettings | undefined): { lines: string[]; ok: boolean } {
  const { location } = status;
  const show = (file: string) => shown(location, file);
  const lines: string[] = [];
  let ok = status.willRun;
  const origin = location.hooksPath ? ` (core.hooksPath = ${location.hooksPath.value}, ${location.hooksPath.scope} config)` : '';
  if (status.state === 'installed') {
    lines.push(`pre-push hook: installed in ${show(status.hookFile)}${origin}`);
    if (!status.executable) lines.push(`  problem: it is not executable, so git will not run it; fix: chmod +x ${show(status.hookFile)}`);
    if (status.chainedFile) {
      lines.push(`  runs first: ${show(status.chainedFile)} (the hook that was there before)`);
      if (!status.chainedExecutable) lines.push(`  note: ${CHAINED_NAME} is not executable, so it is skipped, as git would skip it`);
    }
    if (status.settings) {
      lines.push(`  gates pushes to: ${status.settings.branches.join(', ') || 'no branch (hooks.pre-push.branches is empty)'}`);
      lines.push(`  when lepton is not installed: ${status.settings.required ? 'refuse the push' : 'warn and push'}`);
      if (expected && !sameSettings(status.settings, expected)) {
        ok = false;
        lines.push('  problem: its settings differ from hooks.pre-push in lepton.yaml; fix: run `lepton hooks install` to rewrite it');
      }
    } else {
      ok = false;
      lines.push('  problem: it was written by another version of lepton; fix: run `lepton hooks install` to rewrite it');
    }
  } else if (status.state === 'foreign') {
    lines.push(`pre-push hook: ${show(status.hookFile)} is not lepton's${origin}; \`lepton hooks install\` keeps it and runs it first`);
  } else {
    lines.push(`pre-push hook: not installed in ${show(location.hooksDir)}${origin}; run \`lepton hooks install\``);
  }
  if (status.strandedFile) {
    lines.push(
      `  problem: lepton's hook in ${show(status.strandedFile)} never runs: git runs hooks from ${show(location.hooksDir)}${origin}; fix: run \`lepton hooks install\` again, or unset core.hooksPath`,
    );
  }
  return { lines, ok };
}

function sameSettings(left: HookSettings, right: HookSettings): boolean {
  return left.required === right.required && left.project === right.project && left.branches.join(' ') === right.branches.join(' ');
}

// ——— `lepton hooks run pre-push` ———

export const PRE_PUSH_SKIPPED = 'lepton: LEPTON_SKIP=1, skipping the pre-push gate\n';

export const BYPASS_HINT = 'fix it and push again, or push once without the gate: `git push --no-verify` or `LEPTON_SKIP=1 git push`';

const branchesOf = (gated: readonly GatedUpdate[]) => [...new Set(gated.map((update) => update.branch))].join(', ');

export function prePushPassedMessage(outcome: PrePushOutcome): string {
  const checks = outcome.report?.checks.length ?? 0;
  return `lepton: pre-push gate passed for ${branchesOf(outcome.gated)} (verify, and ${checks} check${checks === 1 ? '' : 's'} of completed phases)\n`;
}

/** Why the push is refused: what verify found and which completed phases no longer pass. */
export function prePushRefusal(outcome: PrePushOutcome): { message: string; details: string[]; hint: string } {
  const reasons: string[] = [];
  const details: string[] = [];
  if (outcome.verify && !outcome.verify.ok) {
    reasons.push('`lepton verify` found problems');
    for (const problem of outcome.verify.problems) details.push(`verify: ${problem.seq === undefined ? '' : `entry ${problem.seq}: `}${problem.message}`);
  }
  const failed = outcome.report?.checks.filter((check) => check.required && (check.status === 'fail' || check.status === 'error')) ?? [];
  if (failed.length > 0) {
    const phases = [...new Set(failed.map((check) => check.phase))].join(', ');
    reasons.push(`completed phase ${phases} no longer passes its gate (${failed.map((check) => check.id).join(', ')})`);
  }
  return { message: `push to ${branchesOf(outcome.gated)} refused: ${reasons.join('; ') || 'the regression guard failed'}`, details, hint: BYPASS_HINT };
}

/** An error met while gating, worded as the refused push it causes, with how to bypass the gate. */
export function prePushErrorRefusal(error: { message: string; hint?: string | undefined }, gated: readonly GatedUpdate[]): { message: string; hint: string } {
  return {
    message: `push to ${branchesOf(gated) || 'a protected branch'} refused: ${error.message}`,
    hint: error.hint ? `${error.hint}; or push once without the gate: \`git push --no-verify\` or \`LEPTON_SKIP=1 git push\`` : BYPASS_HINT,
  };
}
