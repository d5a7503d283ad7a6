// Rules across fields that a schema cannot express: unique ids, the current phase, paths that
// stay inside the project, valid regular expressions, `needs` that name checks and form no cycle.
import type { Check, Manifest, Phase } from './schema.js';
import { findCycle, pathsOf, phaseNeeds } from './needs.js';
import { pathEscapeReason } from './paths.js';
import { isCalendarDate } from '../text.js';

export interface RuleProblem {
  path: (string | number)[];
  key?: string;
  message: string;
}

export async function crossFieldProblems(manifest: Manifest, root: string): Promise<{ errors: RuleProblem[]; warnings: string[] }> {
  const errors: RuleProblem[] = [];
  const warnings: string[] = [];
  const phaseIds = new Map<string, number>();

  manifest.phases.forEach((phase, phaseIndex) => {
    const first = phaseIds.get(phase.id);
    if (first !== undefined) {
      errors.push({ path: ['phases', phaseIndex, 'id'], message: `duplicate phase id "${phase.id}" (also phases[${first}]); phase ids must be unique` });
    } else {
      phaseIds.set(phase.id, phaseIndex);
    }
    const checkIds = new Map<string, number>();
    phase.gate.forEach((check, checkIndex) => {
      const checkPath = ['phases', phaseIndex, 'gate', checkIndex];
      const seen = checkIds.get(check.id);
      if (seen !== undefined) {
        errors.push({
          path: [...checkPath, 'id'],
          message: `duplicate check id "${check.id}" in phase "${phase.id}" (also gate[${seen}]); check ids must be unique within a phase`,
        });
      } else {
        checkIds.set(check.id, checkIndex);
      }
      errors.push(...checkProblems(check, checkPath, root));
    });
  });
  for (const [phaseIndex, phase] of manifest.phases.entries()) errors.push(...(await needsProblems(phase, phaseIndex)));

  if (!phaseIds.has(manifest.phase)) {
    errors.push({ path: ['phase'], message: `"${manifest.phase}" names no phase; expected one of ${[...phaseIds.keys()].join(', ')}` });
  }

  // An email identifies an owner in the ledger: two owners sharing one (in any case) could act as each other.
  const ownerEmails = new Map<string, number>();
  manifest.project.owners.forEach((owner, ownerIndex) => {
    const email = owner.email.toLowerCase();
    const first = ownerEmails.get(email);
    if (first !== undefined) {
      errors.push({
        path: ['project', 'owners', ownerIndex, 'email'],
        message: `duplicate owner email "${owner.email}" (also owners[${first}], emails compared ignoring case); each owner needs an email of their own`,
      });
    } else {
      ownerEmails.set(email, ownerIndex);
    }
    // The schema checks the form; a day that does not exist (2099-02-30) is refused here.
    if (owner.left !== undefined && !isCalendarDate(owner.left)) {
      errors.push({ path: ['project', 'owners', ownerIndex, 'left'], message: `"${owner.left}" is not a calendar date; give the owner's last day as YYYY-MM-DD (UTC)` });
    }
  });

  const heldRoles = new Set(manifest.project.owners.flatMap((owner) => owner.roles));
  const waiveRoles = manifest.governance?.waive?.roles ?? [];
  if (waiveRoles.length > 0 && !waiveRoles.some((role) => heldRoles.has(role))) {
    warnings.push(`governance.waive allows only ${waiveRoles.join(', ')}, but no owner holds ${waiveRoles.length > 1 ? 'those roles' : 'that role'}: nobody can waive a check`);
  }
  for (const phase of manifest.phases) {
    for (const check of phase.gate) {
      if (!('approval' in check)) continue;
      const missing = check.approval.roles.filter((role) => !heldRoles.has(role));
      if (missing.length === check.approval.roles.length) {
        warnings.push(
          `check "${check.id}" of phase "${phase.id}" needs a sign-off from ${missing.join(' or ')}, but no owner holds ${missing.length > 1 ? 'those roles' : 'that role'}`,
        );
      }
    }
  }
  return { errors, warnings };
}

function checkProblems(check: Check, checkPath: (string | number)[], root: string): RuleProblem[] {
  const problems: RuleProblem[] = [];
  for (const entry of pathsOf(check)) {
    const reason = pathEscapeReason(root, entry.value, { glob: entry.glob });
    if (reason) problems.push({ path: [...checkPath, ...entry.keyPath], message: reason });
  }
  if ('git' in check && check.git.clean === undefined && check.git.branch === undefined && check.git.tag === undefined) {
    problems.push({ path: [...checkPath, 'git'], message: 'a git check needs at least one of clean, branch, tag' });
  }
  if ('coverage' in check && check.coverage.lines === undefined && check.coverage.branches === undefined) {
    problems.push({ path: [...checkPath, 'coverage'], message: 'a coverage check needs a threshold: lines or branches' });
  }
  if ('eval' in check && !check.eval.checks?.length && !check.eval.regression) {
    problems.push({ path: [...checkPath, 'eval'], message: 'an eval check needs checks, a regression, or both' });
  }
  if ('doc' in check && check.placeholder !== undefined) {
    try {
      new RegExp(check.placeholder);
    } catch (error) {
      problems.push({ path: [...checkPath, 'placeholder'], message: `not a valid regular expression: ${(error as Error).message}` });
    }
  }
  return problems;
}

/** `needs` naming no check of the phase, or the check itself; a cycle through declared or implicit needs. */
async function needsProblems(phase: Phase, phaseIndex: number): Promise<RuleProblem[]> {
  const problems: RuleProblem[] = [];
  const ids = phase.gate.map((check) => check.id);
  phase.gate.forEach((check, checkIndex) => {
    (check.needs ?? []).forEach((id, needIndex) => {
      const at = ['phases', phaseIndex, 'gate', checkIndex, 'needs', needIndex];
      if (id === check.id) problems.push({ path: at, message: `check "${check.id}" cannot need itself` });
      else if (!ids.includes(id))
        problems.push({ path: at, message: `names no check "${id}" in phase "${phase.id}"; checks here: ${ids.filter((other) => other !== check.id).join(', ') || 'none'}` });
    });
  });
  if (problems.length > 0 || !phase.gate.some((check) => check.needs || 'outputs' in check)) return problems;
  const needs = await phaseNeeds(phase);
  const cycle = findCycle(needs);
  if (!cycle) return problems;
  const steps = cycle.slice(0, -1).map((id, index) => {
    const need = needs.get(id)!.find((candidate) => candidate.id === cycle[index + 1])!;
    return need.reads ? ` (${id} reads ${need.reads.path}, an output of ${need.id})` : '';
  });
  const first = phase.gate.findIndex((check) => check.id === cycle[0]);
  const declared = phase.gate[first]?.needs?.indexOf(cycle[1]!) ?? -1;
  const at = ['phases', phaseIndex, 'gate', first, ...(declared !== -1 ? ['needs', declared] : [])];
  problems.push({ path: at, message: `needs form a cycle: ${cycle.join(' → ')}${steps.join('')}; a check can only run after the checks it needs` });
  return problems;
}
