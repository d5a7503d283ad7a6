// Rules across fields that a schema cannot express: unique ids, the current
// phase, paths that stay inside the project, valid regular expressions.
import { checkKind } from './kinds.js';
import type { Check, Manifest } from './schema.js';
import { pathEscapeReason } from './paths.js';

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
        errors.push({ path: [...checkPath, 'id'], message: `duplicate check id "${check.id}" in phase "${phase.id}" (also gate[${seen}]); check ids must be unique within a phase` });
      } else {
        checkIds.set(check.id, checkIndex);
      }
      errors.push(...checkProblems(check, checkPath, root));
    });
  });

  if (!phaseIds.has(manifest.phase)) {
    errors.push({ path: ['phase'], message: `"${manifest.phase}" names no phase; expected one of ${[...phaseIds.keys()].join(', ')}` });
  }

  // An email identifies an owner in the ledger: two owners sharing one (in any case) could act as each other.
  const ownerEmails = new Map<string, number>();
  manifest.project.owners.forEach((owner, ownerIndex) => {
    const email = owner.email.toLowerCase();
    const first = ownerEmails.get(email);
    if (first !== undefined) {
      errors.push({ path: ['project', 'owners', ownerIndex, 'email'], message: `duplicate owner email "${owner.email}" (also owners[${first}], emails compared ignoring case); each owner needs an email of their own` });
    } else {
      ownerEmails.set(email, ownerIndex);
    }
  });

  const heldRoles = new Set(manifest.project.owners.flatMap((owner) => owner.roles));
  for (const phase of manifest.phases) {
    for (const check of phase.gate) {
      if (!('approval' in check)) continue;
      const missing = check.approval.roles.filter((role) => !heldRoles.has(role));
      if (missing.length === check.approval.roles.length) {
        warnings.push(`check "${check.id}" of phase "${phase.id}" needs a sign-off from ${missing.join(' or ')}, but no owner holds ${missing.length > 1 ? 'those roles' : 'that role'}`);
      }
    }
  }
  return { errors, warnings };
}

/** The project paths a check names, each with where it sits and whether it is a glob. */
function pathsOf(check: Check): { keyPath: (string | number)[]; value: string; glob: boolean }[] {
  const listed = (value: string | string[], keyPath: (string | number)[]) =>
    (Array.isArray(value) ? value : [value]).map((item, index) => ({
      keyPath: Array.isArray(value) ? [...keyPath, index] : keyPath,
      value: item,
      glob: true,
    }));
  switch (checkKind(check)) {
    case 'file':
      return 'file' in check ? listed(check.file, ['file']) : [];
    case 'doc':
      return 'doc' in check ? [{ keyPath: ['doc'], value: check.doc, glob: false }] : [];
    case 'run':
      if (!('run' in check)) return [];
      return [
        ...(check.cwd ? [{ keyPath: ['cwd'], value: check.cwd, glob: false }] : []),
        ...(check.inputs ? listed(check.inputs, ['inputs']) : []),
      ];
    case 'metric':
      return 'metric' in check ? [{ keyPath: ['metric', 'file'], value: check.metric.file, glob: false }] : [];
    case 'coverage':
      return 'coverage' in check ? [{ keyPath: ['coverage', 'file'], value: check.coverage.file, glob: false }] : [];
    case 'tests':
      return 'tests' in check ? listed(check.tests.junit, ['tests', 'junit']) : [];
    default:
      return [];
  }
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
  if ('doc' in check && check.placeholder !== undefined) {
    try {
      new RegExp(check.placeholder);
    } catch (error) {
      problems.push({ path: [...checkPath, 'placeholder'], message: `not a valid regular expression: ${(error as Error).message}` });
    }
  }
  return problems;
}
