// Parsing and completing init's answers: metrics, owners and roles, defaults, what is still open.
import { describe, expect, test } from 'vitest';
import { LeptonError } from '../../src/errors.js';
import { answersFromFlags, mergeOwners, parseMetric, parseOwner, unansweredQuestions, withDefaults } from '../../src/commands/init-answers.js';
import { parseAnswers } from '../../src/commands/init-answers-file.js';

describe('parseMetric', () => {
  test.each([
    ['accuracy>=0.85', { path: 'accuracy', op: '>=', value: 0.85 }],
    [' latency_ms.p95 <= 300 ', { path: 'latency_ms.p95', op: '<=', value: 300 }],
    ['runs[0].f1>.7', { path: 'runs[0].f1', op: '>', value: 0.7 }],
    ['drift!=-1e-3', { path: 'drift', op: '!=', value: -0.001 }],
    ['cost-per-request<0.01', { path: 'cost-per-request', op: '<', value: 0.01 }],
  ])('%s', (text, expected) => {
    expect(parseMetric(text)).toEqual(expected);
  });

  test.each(['accuracy=>0.85', 'accuracy >= high', '>= 0.85', 'accuracy', 'accuracy>=0.85%', 'a..b>=1'])('refuses %s', (text) => {
    expect(() => parseMetric(text)).toThrow(LeptonError);
  });
});

test('owners parse from "Name <email>" and merge by email, keeping every role', () => {
  expect(parseOwner('  Ada Lovelace  < ada@example.com > ')).toEqual({ name: 'Ada Lovelace', email: 'ada@example.com' });
  expect(() => parseOwner('<ada@example.com>')).toThrow(/not an owner/);
  expect(
    mergeOwners([
      { name: 'Ada', email: 'ada@example.com', roles: ['tech-lead'] },
      { name: 'Ada L.', email: 'ADA@example.com', roles: ['reviewer', 'tech-lead'] },
      { name: 'Grace', email: 'grace@example.com' },
    ]),
  ).toEqual([
    { name: 'Ada', email: 'ada@example.com', roles: ['tech-lead', 'reviewer'] },
    { name: 'Grace', email: 'grace@example.com' },
  ]);
});

test('--role pairs with --owner by position; an owner without one is still open', () => {
  const draft = answersFromFlags({ owner: ['Ada <ada@example.com>', 'Grace <grace@example.com>'], role: ['tech-lead, reviewer'] });
  expect(draft.owners).toEqual([
    { name: 'Ada', email: 'ada@example.com', roles: ['tech-lead', 'reviewer'] },
    { name: 'Grace', email: 'grace@example.com' },
  ]);
  expect(unansweredQuestions(draft)).toEqual(['name', 'description', 'preset', 'domain', 'language', 'roles', 'metrics', 'strategy']);
  expect(() => answersFromFlags({ role: ['tech-lead'] })).toThrow(/--role needs an --owner/);
  expect(() => answersFromFlags({ owner: ['Ada <ada@example.com>'], role: ['Tech Lead'] })).toThrow(/not a role/);
});

test('defaults under --yes: the git identity as tech-lead, ml-model, general, en, rolling, no metrics', () => {
  expect(withDefaults({}, { name: 'demo', owner: { name: 'Ada', email: 'ada@example.com' } })).toEqual({
    name: 'demo',
    description: '',
    preset: 'ml-model',
    domain: 'general',
    language: 'en',
    strategy: 'rolling',
    metrics: [],
    owners: [{ name: 'Ada', email: 'ada@example.com', roles: ['tech-lead'] }],
  });
  expect(withDefaults({}, { name: 'demo' }).owners).toEqual([]);
  expect(() => withDefaults({ metrics: [parseMetric('f1>=0.8'), parseMetric('f1 >= 0.9')] }, { name: 'demo' })).toThrow(/given twice/);
  expect(() => withDefaults({ name: '  ' }, { name: 'demo' })).toThrow(/name is empty/);
});

test("an answers file takes the flags' names and the structured forms", () => {
  expect(parseAnswers('owner: [Ada <ada@example.com>, Grace <grace@example.com>]\nrole: [tech-lead, product-owner]\nmetric: accuracy>=0.9\nlanguage: zh-CN\n', 'a.yaml')).toEqual({
    language: 'zh-CN',
    owners: [
      { name: 'Ada', email: 'ada@example.com', roles: ['tech-lead'] },
      { name: 'Grace', email: 'grace@example.com', roles: ['product-owner'] },
    ],
    metrics: [{ path: 'accuracy', op: '>=', value: 0.9 }],
  });
  expect(parseAnswers('', 'empty.yaml')).toEqual({});
  expect(() => parseAnswers('- a\n', 'list.yaml')).toThrow(/expected a mapping/);
  expect(() => parseAnswers('name: [unclosed\n', 'bad.yaml')).toThrow(/^bad\.yaml:\d+: YAML syntax error/);
  expect(() => parseAnswers('metrics: [accuracy]\n', 'm.yaml')).toThrow(/^m\.yaml: "accuracy" is not a success metric/);
  expect(() => parseAnswers('owners: []\nowner: Ada <a@b.c>\n', 'o.yaml')).toThrow(/both owners and owner/);
});
