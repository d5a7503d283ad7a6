// Builds the text of the lepton.yaml that `lepton init` writes: every phase and check spelled
// out, with short comments saying what each part is for, so the file teaches its own format.
import YAML from 'yaml';
import type { Owner } from '../manifest/schema.js';
import type { InitAnswers } from './answers.js';
import { defaultPhases, type ScaffoldPhase } from './default-gates.js';

/** Where init writes the JSON Schema, and how lepton.yaml's first line points at it. */
export const SCHEMA_FILE = '.lepton/schema.json';
export const SCHEMA_LINE = `# yaml-language-server: $schema=./${SCHEMA_FILE}`;

type Value = string | number | boolean | Value[] | { [key: string]: Value };

const PLAIN = /^[\p{L}\p{N}_][\p{L}\p{N}_ ./@-]*$/u;

/** A scalar as YAML: plain when that reads back as the same string, otherwise double-quoted. */
export function yamlScalar(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  if (PLAIN.test(value) && !value.endsWith(' ') && YAML.parse(value) === value) return value;
  return JSON.stringify(value);
}

function isScalar(value: Value): value is string | number | boolean {
  return typeof value !== 'object';
}

/** Flow style `[a, b]` / `{ k: v }`; undefined when the value holds a list of mappings (block style reads better). */
function flow(value: Value): string | undefined {
  if (isScalar(value)) return yamlScalar(value);
  if (Array.isArray(value)) {
    if (value.some((item) => !isScalar(item) && !Array.isArray(item))) return undefined;
    const items = value.map(flow);
    return items.includes(undefined) ? undefined : `[${items.join(', ')}]`;
  }
  const entries = Object.entries(value).map(([key, item]) => {
    const text = flow(item);
    return text === undefined ? undefined : `${yamlScalar(key)}: ${text}`;
  });
  return entries.includes(undefined) ? undefined : `{ ${entries.join(', ')} }`;
}

/** `key: value` lines at `indent`, falling back to block style where flow style does not fit. */
function keyLines(key: string, value: Value, indent: string): string[] {
  const inline = flow(value);
  if (inline !== undefined) return [`${indent}${yamlScalar(key)}: ${inline}`];
  if (Array.isArray(value)) {
    return [`${indent}${yamlScalar(key)}:`, ...value.flatMap((item) => listItemLines(item, `${indent}  `))];
  }
  return [`${indent}${yamlScalar(key)}:`, ...Object.entries(value).flatMap(([child, item]) => keyLines(child, item, `${indent}  `))];
}

function listItemLines(item: Value, indent: string): string[] {
  const inline = flow(item);
  if (inline !== undefined) return [`${indent}- ${inline}`];
  const lines = Object.entries(item as Record<string, Value>).flatMap(([key, value]) => keyLines(key, value, `${indent}  `));
  return lines.map((line, index) => (index === 0 ? `${indent}- ${line.slice(indent.length + 2)}` : line));
}

function withComment(line: string, comment: string, column = 34): string {
  return `${line.padEnd(Math.max(column, line.length + 1))}# ${comment}`;
}

function ownerLines(owners: Owner[]): string[] {
  if (owners.length === 0) {
    return [withComment('  owners: []', 'who signs off (`lepton approve`); add e.g.:'), '  #  - { name: Ada Lovelace, email: ada@example.com, roles: [tech-lead] }'];
  }
  return [
    withComment('  owners:', 'roles decide who may sign off a gate with `lepton approve`'),
    ...owners.map((owner) => `    - ${flow({ name: owner.name, email: owner.email, roles: owner.roles, ...(owner.key && { key: owner.key }) })}`),
  ];
}

function phaseLines(phase: ScaffoldPhase): string[] {
  const lines = [
    `  - id: ${phase.id}`,
    `    title: ${yamlScalar(phase.title)}`,
    `    # ${phase.comment}`,
    withComment(`    templates: ${flow(phase.templates)}`, 'rendered into docs/<name>.md when the phase is entered'),
  ];
  if (phase.gate.length === 0 && !phase.trailer) return [...lines, '    gate: []'];
  lines.push('    gate:');
  for (const { check, comment } of phase.gate) {
    if (comment) lines.push(`      # ${comment}`);
    lines.push(...listItemLines(check as unknown as Value, '      '));
  }
  for (const line of phase.trailer ?? []) lines.push(`      # ${line}`);
  return lines;
}

/** The lepton.yaml text for these answers. */
export function manifestText(answers: InitAnswers): string {
  const { owners } = answers;
  const phases = defaultPhases(answers);
  const lines = [
    SCHEMA_LINE,
    '# The lepton manifest: the project, its lifecycle phases and the exit gate of each phase.',
    '# `lepton validate` checks it; `lepton schema` prints the full format (also in .lepton/schema.json).',
    'version: 1',
    '',
    '# What the project is. preset, domain, language and strategy shape the generated documents.',
    'project:',
    `  name: ${yamlScalar(answers.name)}`,
    `  description: ${yamlScalar(answers.description)}`,
    withComment(`  preset: ${answers.preset}`, 'ml-model | llm-app'),
    withComment(`  domain: ${answers.domain}`, 'general | finance | healthcare | retail'),
    withComment(`  language: ${answers.language}`, 'en | zh-CN: the language of the documents'),
    withComment(`  strategy: ${answers.strategy}`, 'rolling | blue-green | canary: the deployment the runbook describes'),
    ...ownerLines(owners),
    '  # An owner who leaves stays listed with `left: YYYY-MM-DD` (their last day, UTC): what they',
    '  # recorded until then stays valid, and after it they can no longer act. Emails are unique.',
    '',
    '# Who may waive a check (`lepton waive`) and for how long; without it, any owner, any length.',
    '# governance:',
    '#   waive: { roles: [tech-lead], max-days: 30 }',
    '',
    '# The current phase. Only `lepton advance` and `lepton reopen` change it; the ledger records why.',
    `phase: ${phases[0]!.id}`,
    '',
    "# The lifecycle, in order. A phase's gate is the list of checks that must pass before",
    '# `lepton advance` moves on. Each check has an id and one kind: doc (filled in, no TODO, boxes',
    '# ticked), file, run, metric, approval, git, coverage, tests, http or mlscore. `required: false`',
    '# makes a check advisory (reported, never blocking); `hint:` tells whoever fails it what to do.',
    'phases:',
    ...phases.flatMap((phase, index) => (index === 0 ? phaseLines(phase) : ['', ...phaseLines(phase)])),
    '',
    '# `lepton hooks install` adds a git pre-push hook: pushes to these branches must pass the gates',
    '# of every completed phase (`lepton gate --completed`).',
    'hooks:',
    '  pre-push: { branches: [main, master, "release/*"] }',
    '',
  ];
  return lines.join('\n');
}
