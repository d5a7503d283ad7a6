// The sign-offs a domain's documents require, as approval checks of the phase where they are given:
// finance's independent model validation (test) and four-eyes release approval (deploy), healthcare's
// clinical safety officer (deploy), retail's experiment owner (deploy). Each uses roles the owners
// hold; a sign-off nobody can give yet is written commented out, saying which owner to add.
import type { Check, Owner } from '../manifest/schema.js';
import type { InitAnswers } from './answers.js';

/** A check with the comment written above it (default-gates' ScaffoldCheck, without importing it back). */
interface CommentedCheck {
  check: Check;
  comment: string;
}

export interface SignOff {
  phase: 'test' | 'deploy';
  id: string;
  roles: string[];
  /** Distinct owners needed; more than one is a four-eyes approval. */
  count: number;
  /** What is signed, for the comment above the check. */
  what: string;
}

export const DOMAIN_SIGN_OFFS: Record<InitAnswers['domain'], SignOff[]> = {
  general: [],
  finance: [
    { phase: 'test', id: 'independent-validation', roles: ['model-risk'], count: 1, what: 'finance: model risk validates the model independently of its developers' },
    {
      phase: 'deploy',
      id: 'release-approval',
      roles: ['product-owner', 'model-risk'],
      count: 2,
      what: 'finance: four eyes, two distinct owners (business and model risk) approve the release',
    },
  ],
  healthcare: [
    {
      phase: 'deploy',
      id: 'clinical-safety-sign-off',
      roles: ['clinical-safety-officer'],
      count: 1,
      what: 'healthcare: the clinical safety officer signs the clinical safety case of the release',
    },
  ],
  retail: [
    {
      phase: 'deploy',
      id: 'experiment-approved',
      roles: ['experiment-owner'],
      count: 1,
      what: 'retail: the experiment owner approves the A/B test design and its guardrails before launch',
    },
  ],
};

/** How many distinct owners hold one of `roles`. */
function holders(owners: Owner[], roles: string[]): number {
  return owners.filter((owner) => owner.roles.some((role) => roles.includes(role))).length;
}

/** The domain's sign-offs of one phase: checks the owners can give, and commented-out lines for the others. */
export function domainSignOffs(answers: InitAnswers, phase: SignOff['phase']): { checks: CommentedCheck[]; trailer: string[] } {
  const checks: CommentedCheck[] = [];
  const trailer: string[] = [];
  for (const signOff of DOMAIN_SIGN_OFFS[answers.domain].filter((candidate) => candidate.phase === phase)) {
    const approval = { roles: signOff.roles, ...(signOff.count > 1 ? { count: signOff.count } : {}) };
    const line = `- { id: ${signOff.id}, approval: { roles: [${signOff.roles.join(', ')}]${signOff.count > 1 ? `, count: ${signOff.count}` : ''} } }`;
    if (holders(answers.owners, signOff.roles) >= signOff.count) {
      checks.push({ check: { id: signOff.id, approval }, comment: `${signOff.what} (\`lepton approve ${signOff.id}\`)` });
    } else {
      const who = signOff.count > 1 ? `${signOff.count} owners holding ${signOff.roles.join(' or ')}` : `an owner holding ${signOff.roles.join(' or ')}`;
      trailer.push(`${signOff.what}. This needs ${who}; add them to project.owners, then:`, line);
    }
  }
  return { checks, trailer };
}
