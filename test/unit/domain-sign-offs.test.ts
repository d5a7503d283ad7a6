// Domain sign-offs are approval checks of the phase where they are given, for the roles the owners
// hold (issue 13, Deliver 5); one nobody can give yet is written commented out, naming who to add.
import { describe, expect, it } from 'vitest';
import { parseManifest } from '../../src/manifest/load.js';
import type { Check, Domain, Manifest } from '../../src/manifest/schema.js';
import type { InitAnswers } from '../../src/templates/answers.js';
import { manifestText } from '../../src/templates/scaffold.js';
import { answersFor } from '../helpers/rendered-project.js';

async function manifestFor(answers: InitAnswers): Promise<{ manifest: Manifest; text: string; warnings: string[] }> {
  const text = manifestText(answers);
  const parsed = await parseManifest(new TextEncoder().encode(text), '/tmp/project');
  expect(parsed.problems).toEqual([]);
  return { manifest: parsed.manifest!, text, warnings: parsed.warnings };
}

const approvals = (manifest: Manifest, phase: string) =>
  manifest.phases.find((candidate) => candidate.id === phase)!.gate.filter((check): check is Extract<Check, { approval: unknown }> => 'approval' in check);

const WITH_ROLES: Record<Exclude<Domain, 'general'>, { roles: string[]; expected: Record<string, { id: string; roles: string[]; count?: number }[]> }> = {
  finance: {
    roles: ['model-risk'],
    expected: {
      test: [{ id: 'independent-validation', roles: ['model-risk'] }],
      deploy: [{ id: 'release-approval', roles: ['product-owner', 'model-risk'], count: 2 }],
    },
  },
  healthcare: { roles: ['clinical-safety-officer'], expected: { test: [], deploy: [{ id: 'clinical-safety-sign-off', roles: ['clinical-safety-officer'] }] } },
  retail: { roles: ['experiment-owner'], expected: { test: [], deploy: [{ id: 'experiment-approved', roles: ['experiment-owner'] }] } },
};

describe.each(Object.entries(WITH_ROLES))('%s', (domain, { roles, expected }) => {
  const base = answersFor({ preset: 'ml-model', domain: domain as Domain, language: 'en' });

  it('adds the sign-offs as approval checks for the roles the owners hold', async () => {
    const { manifest, warnings } = await manifestFor({ ...base, owners: [...base.owners, { name: 'Val Idator', email: 'val@example.com', roles }] });
    expect(warnings).toEqual([]);
    for (const [phase, checks] of Object.entries(expected)) {
      expect(approvals(manifest, phase).map((check) => ({ id: check.id, roles: check.approval.roles, ...(check.approval.count ? { count: check.approval.count } : {}) }))).toEqual(
        checks,
      );
    }
  });

  it('writes a sign-off nobody can give yet commented out, naming the role to add', async () => {
    const { manifest, text, warnings } = await manifestFor(base);
    expect(warnings).toEqual([]);
    for (const [phase, checks] of Object.entries(expected)) {
      for (const check of checks) {
        expect(approvals(manifest, phase).map((candidate) => candidate.id)).not.toContain(check.id);
        expect(text).toContain(`# - { id: ${check.id}, approval: { roles: [${check.roles.join(', ')}]`);
      }
    }
    expect(text).toMatch(new RegExp(`needs (an owner|2 owners) holding [^;]*${roles[0]}`));
  });
});

it('a model-risk owner is used by a check', async () => {
  const base = answersFor({ preset: 'llm-app', domain: 'finance', language: 'zh-CN' });
  const { manifest } = await manifestFor({ ...base, owners: [...base.owners, { name: 'Val Idator', email: 'val@example.com', roles: ['model-risk'] }] });
  const used = manifest.phases.flatMap((phase) => phase.gate).filter((check) => 'approval' in check && check.approval.roles.includes('model-risk'));
  expect(used.map((check) => check.id)).toEqual(['independent-validation', 'release-approval']);
});

it('the general domain adds no sign-off beyond the go/no-go', async () => {
  const { manifest } = await manifestFor(answersFor({ preset: 'ml-model', domain: 'general', language: 'en' }));
  expect(manifest.phases.flatMap((phase) => approvals(manifest, phase.id).map((check) => check.id))).toEqual(['go-decision']);
});
