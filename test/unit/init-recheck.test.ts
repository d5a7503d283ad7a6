// The gates init writes judge their point-in-time checks at advance: the regression guard
// (`gate --completed`) evaluates again only what can keep holding — files, documents, runs,
// metrics, reports — and reports the tag, health and sign-off checks as recorded.
import { expect, test } from 'vitest';
import { checkKind, rechecks } from '../../src/manifest/kinds.js';
import { parseManifest } from '../../src/manifest/load.js';
import { withDefaults } from '../../src/commands/init-answers.js';
import { manifestText } from '../../src/templates/scaffold.js';

test.each(['ml-model', 'llm-app'] as const)("init's %s gates re-check only what can keep holding", async (preset) => {
  const answers = withDefaults({ preset, domain: 'finance', owners: [{ name: 'Ada', email: 'ada@example.com', roles: ['product-owner'] }] }, { name: 'x' });
  const { manifest } = await parseManifest(new TextEncoder().encode(manifestText(answers)), '/tmp/project');
  const checks = manifest!.phases.flatMap((phase) => phase.gate);
  const judgedAtAdvance = checks.filter((check) => !rechecks(check)).map((check) => `${checkKind(check)}:${check.id}`);
  expect(judgedAtAdvance).toEqual(['approval:go-decision', 'http:staging-healthy', 'git:release-tagged']);
  expect(
    checks
      .filter((check) => rechecks(check))
      .map(checkKind)
      .every((kind) => ['file', 'doc', 'run', 'metric', 'coverage', 'tests', 'mlscore', 'eval'].includes(kind)),
  ).toBe(true);
});
