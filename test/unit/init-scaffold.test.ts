// The lepton.yaml text init writes: it reads back as the intended data, passes the manifest's
// own validation, and explains itself in comments.
import { expect, test } from 'vitest';
import YAML from 'yaml';
import { parseManifest } from '../../src/manifest/load.js';
import { withDefaults } from '../../src/commands/init-answers.js';
import { SCHEMA_LINE, manifestText, yamlScalar } from '../../src/templates/scaffold.js';
import { defaultPhases } from '../../src/templates/default-gates.js';

const owners = [
  { name: 'Ada Lovelace', email: 'ada@example.com', roles: ['tech-lead'] },
  { name: '张伟: "PO"', email: 'zhang@example.com', roles: ['product-owner'] },
];

test.each(['plain', 'yes', 'null', '0.5', 'a: b', 'x #y', '- dash', '*star', '>=', 'trailing ', '', '# hash', '[x]', '数据平台', "it's", 'back\\slash', 'line\nbreak'])(
  'yamlScalar(%j) reads back as the same string',
  (value) => {
    expect(YAML.parse(`key: ${yamlScalar(value)}`)).toEqual({ key: value });
  },
);

test('the text parses back to the answers and validates, with the schema line first', async () => {
  const answers = withDefaults(
    {
      name: 'churn: predictor',
      description: 'Predict # of cancellations',
      preset: 'llm-app',
      domain: 'finance',
      language: 'zh-CN',
      strategy: 'blue-green',
      owners,
      metrics: [
        { path: 'accuracy', op: '>=', value: 0.85 },
        { path: 'latency_ms.p95', op: '<=', value: 300 },
      ],
    },
    { name: 'x' },
  );
  const text = manifestText(answers);
  expect(text.split('\n')[0]).toBe(SCHEMA_LINE);
  const parsed = await parseManifest(new TextEncoder().encode(text), '/tmp/project');
  expect(parsed.problems).toEqual([]);
  expect(parsed.warnings).toEqual([]);
  expect(parsed.manifest!.project).toEqual({
    name: 'churn: predictor',
    description: 'Predict # of cancellations',
    preset: 'llm-app',
    domain: 'finance',
    language: 'zh-CN',
    strategy: 'blue-green',
    owners,
  });
  const poc = parsed.manifest!.phases[0]!;
  expect(poc.gate.map((check) => check.id)).toEqual(['plan-written', 'llm-evaluation-planned', 'llm-eval', 'metric-accuracy', 'metric-latency-ms-p95', 'go-decision']);
  expect(parsed.manifest!.phases.map((phase) => phase.templates)).toEqual([
    ['poc-plan'],
    ['architecture', 'system-card', 'datasheet', 'risk-register'],
    ['development-guide'],
    ['test-plan', 'evaluation-report'],
    ['deploy-runbook', 'monitoring-plan', 'release-notes', 'incident-postmortem'],
  ]);
  const develop = parsed.manifest!.phases[2]!.gate;
  expect(develop).toContainEqual({ id: 'unit-tests', run: 'pytest -q', timeout: 600, inputs: ['src/**', 'tests/**'] });
  expect(parsed.manifest!.phases[4]!.gate).toContainEqual({ id: 'staging-healthy', http: { url: 'http://127.0.0.1:8080/health', status: 200 }, required: false });
});

test('no owners and no metrics: no approval or metric check, and comments say how to add them', async () => {
  const text = manifestText(withDefaults({}, { name: 'demo' }));
  const parsed = await parseManifest(new TextEncoder().encode(text), '/tmp/project');
  expect(parsed.manifest!.phases[0]!.gate.map((check) => check.id)).toEqual(['plan-written']);
  expect(text).toContain('# No success metric was given');
  expect(text).toContain('#  - { name: Ada Lovelace, email: ada@example.com, roles: [tech-lead] }');
  expect(text).toContain('# - { id: go-decision, approval: { roles: [product-owner] } }');
  // The commented-out examples are valid once uncommented.
  const uncommented = text
    .replace(/^(\s*)# (- \{ id: .*)$/gm, '$1$2')
    .replace('  owners: []', '  owners:')
    .replace('  #  - {', '    - {');
  const again = await parseManifest(new TextEncoder().encode(uncommented), '/tmp/project');
  expect(again.problems).toEqual([]);
  expect(again.manifest!.phases[0]!.gate.map((check) => check.id)).toEqual(['plan-written', 'metric-accuracy', 'go-decision']);
});

test('comments say how an owner leaves (left:) and how to limit waivers (governance), valid once uncommented', async () => {
  const text = manifestText(withDefaults({ owners: [{ name: 'Ada Lovelace', email: 'ada@example.com', roles: ['tech-lead'] }] }, { name: 'demo' }));
  expect(text).toContain('`left: YYYY-MM-DD`');
  const uncommented = text.replace('# governance:', 'governance:').replace('#   waive: {', '  waive: {');
  const parsed = await parseManifest(new TextEncoder().encode(uncommented), '/tmp/project');
  expect(parsed.problems).toEqual([]);
  expect(parsed.manifest!.governance).toEqual({ waive: { roles: ['tech-lead'], 'max-days': 30 } });
});

test('llm-app writes eval gates: the PoC evaluation set, and at test no regression, red-team per category, latency and cost', () => {
  const phases = defaultPhases(withDefaults({ preset: 'llm-app' }, { name: 'bot' }));
  const poc = phases[0]!.gate.map((item) => item.check);
  expect(poc).toContainEqual(
    expect.objectContaining({ id: 'llm-eval', eval: expect.objectContaining({ 'min-cases': 200, regression: { metrics: ['pass'], margin: 0.02, confidence: 0.95 } }) }),
  );
  const test = phases[3]!.gate.map((item) => item.check);
  const guard = test.find((check) => check.id === 'llm-no-regression') as { eval: { checks: { metric: string; stat: string }[] } };
  expect(guard.eval.checks.map((check) => `${check.metric}.${check.stat}`)).toEqual(['pass.rate', 'latency_ms.p95', 'cost.sum']);
  expect(test).toContainEqual(expect.objectContaining({ id: 'llm-red-team', eval: expect.objectContaining({ checks: [expect.objectContaining({ by: 'category' })] }) }));
  expect(
    defaultPhases(withDefaults({ preset: 'ml-model' }, { name: 'model' }))
      .flatMap((phase) => phase.gate.map((item) => item.check))
      .some((check) => 'eval' in check),
  ).toBe(false);
});

test('ml-model writes regression on its score metric checks (not on latency-like ones)', () => {
  const phases = defaultPhases(
    withDefaults(
      {
        preset: 'ml-model',
        metrics: [
          { path: 'accuracy', op: '>=', value: 0.85 },
          { path: 'latency_ms.p95', op: '<=', value: 300 },
        ],
      },
      { name: 'model' },
    ),
  );
  const metrics = phases[0]!.gate.map((item) => item.check).filter((check) => 'metric' in check) as { id: string; metric: { regression?: { margin: number } } }[];
  expect(metrics.map((check) => [check.id, check.metric.regression])).toEqual([
    ['metric-accuracy', { margin: 0.02 }],
    ['metric-latency-ms-p95', undefined],
  ]);
});
