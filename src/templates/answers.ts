// The answers `lepton init` builds a project from: parsed from flags or an answers file,
// completed by prompts or defaults, and validated before anything is written.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { z } from 'zod';
import { usageError } from '../errors.js';
import {
  DOMAINS, LANGUAGES, METRIC_OPS, PRESETS, STRATEGIES,
  type Domain, type Language, type MetricComparison, type Owner, type Preset, type Strategy,
} from '../manifest/schema.js';

export interface InitAnswers {
  name: string;
  description: string;
  preset: Preset;
  domain: Domain;
  language: Language;
  owners: Owner[];
  metrics: MetricComparison[];
  strategy: Strategy;
}

/** An owner as given: `roles` undefined means no role was given for them yet. */
export interface OwnerDraft {
  name: string;
  email: string;
  roles?: string[];
}

/** What flags and an answers file gave; anything undefined is still to be asked or defaulted. */
export interface DraftAnswers {
  name?: string;
  description?: string;
  preset?: Preset;
  domain?: Domain;
  language?: Language;
  owners?: OwnerDraft[];
  metrics?: MetricComparison[];
  strategy?: Strategy;
}

export type Question = keyof InitAnswers | 'roles';

/** The flag that answers each question, for "missing --x" messages. */
export const QUESTION_FLAGS: Record<Question, string> = {
  name: '--name',
  description: '--description',
  preset: '--preset',
  domain: '--domain',
  language: '--lang',
  owners: '--owner',
  roles: '--role',
  metrics: '--metric',
  strategy: '--strategy',
};

export const DEFAULT_ROLE = 'tech-lead';
const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const METRIC_PATTERN = /^\s*([A-Za-z_][\w-]*(?:\[\d+\])*(?:\.[A-Za-z_][\w-]*(?:\[\d+\])*)*)\s*(>=|<=|==|!=|>|<)\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*$/;
const OWNER_PATTERN = /^\s*([^<>]*?)\s*<\s*([^<>\s@]+@[^<>\s@]+)\s*>\s*$/;

/** `accuracy>=0.85`, `latency_ms.p95 <= 300` → a metric comparison. */
export function parseMetric(text: string): MetricComparison {
  const match = METRIC_PATTERN.exec(text);
  if (!match) {
    throw usageError(
      `"${text}" is not a success metric`,
      `write NAME OP NUMBER, e.g. --metric "accuracy>=0.85" or "latency_ms.p95<=300"; ops: ${METRIC_OPS.join(' ')}`,
    );
  }
  return { path: match[1]!, op: match[2] as MetricComparison['op'], value: Number(match[3]) };
}

/** Why `text` is not a metric, or true: for prompt validation. */
export function metricProblem(text: string): string | true {
  return METRIC_PATTERN.test(text) ? true : `expected NAME OP NUMBER, e.g. accuracy>=0.85 (ops: ${METRIC_OPS.join(' ')})`;
}

/** `Ada Lovelace <ada@example.com>` → name and email. */
export function parseOwner(text: string): { name: string; email: string } {
  const match = OWNER_PATTERN.exec(text);
  if (!match || !match[1]) {
    throw usageError(`"${text}" is not an owner`, 'write "Name <email>", e.g. --owner "Ada Lovelace <ada@example.com>"');
  }
  return { name: match[1], email: match[2]! };
}

export function ownerProblem(text: string): string | true {
  const match = OWNER_PATTERN.exec(text);
  return match && match[1] ? true : 'expected "Name <email>", e.g. Ada Lovelace <ada@example.com>';
}

/** `tech-lead, reviewer` → the roles, each kebab-case. */
export function parseRoles(text: string): string[] {
  const roles = text.split(',').map((role) => role.trim()).filter(Boolean);
  for (const role of roles) {
    if (!KEBAB.test(role)) throw usageError(`"${role}" is not a role`, 'roles are kebab-case, e.g. tech-lead, product-owner, data-scientist');
  }
  return roles;
}

export function rolesProblem(text: string): string | true {
  const roles = text.split(',').map((role) => role.trim()).filter(Boolean);
  if (roles.length === 0) return 'give at least one role, e.g. tech-lead';
  const bad = roles.find((role) => !KEBAB.test(role));
  return bad ? `"${bad}" is not kebab-case, e.g. product-owner` : true;
}

/** One entry per person (by email): an owner given twice with different roles holds both. */
export function mergeOwners(owners: OwnerDraft[]): OwnerDraft[] {
  const byEmail = new Map<string, OwnerDraft>();
  for (const owner of owners) {
    const key = owner.email.toLowerCase();
    const seen = byEmail.get(key);
    if (!seen) {
      byEmail.set(key, { ...owner, ...(owner.roles ? { roles: [...new Set(owner.roles)] } : {}) });
    } else if (owner.roles) {
      seen.roles = [...new Set([...(seen.roles ?? []), ...owner.roles])];
    }
  }
  return [...byEmail.values()];
}

/** `--owner` and `--role` pair by position: the n-th role belongs to the n-th owner. */
export function ownersFromFlags(owners: string[], roles: string[]): OwnerDraft[] {
  if (roles.length > owners.length) {
    throw usageError(
      `${roles.length} --role but ${owners.length} --owner given`,
      'each --role belongs to the --owner at the same position: --owner "Ada <ada@example.com>" --role tech-lead',
    );
  }
  return mergeOwners(owners.map((text, index) => {
    const role = roles[index];
    return { ...parseOwner(text), ...(role === undefined ? {} : { roles: parseRoles(role) }) };
  }));
}

export interface InitFlags {
  name?: string;
  description?: string;
  preset?: Preset;
  domain?: Domain;
  lang?: Language;
  owner?: string[];
  role?: string[];
  metric?: string[];
  strategy?: Strategy;
}

export function answersFromFlags(flags: InitFlags): DraftAnswers {
  if (flags.role?.length && !flags.owner?.length) {
    throw usageError('--role needs an --owner to belong to', 'pass --owner "Name <email>" --role ROLE');
  }
  return dropUndefined({
    name: flags.name,
    description: flags.description,
    preset: flags.preset,
    domain: flags.domain,
    language: flags.lang,
    owners: flags.owner?.length ? ownersFromFlags(flags.owner, flags.role ?? []) : undefined,
    metrics: flags.metric?.length ? flags.metric.map(parseMetric) : undefined,
    strategy: flags.strategy,
  });
}

/** Flags win over the answers file, key by key. */
export function mergeDrafts(file: DraftAnswers, flags: DraftAnswers): DraftAnswers {
  return { ...file, ...flags };
}

/** The questions neither flags nor the file answered. */
export function unansweredQuestions(draft: DraftAnswers): Question[] {
  const questions: Question[] = (['name', 'description', 'preset', 'domain', 'language', 'owners', 'metrics', 'strategy'] as const)
    .filter((question) => draft[question] === undefined);
  if (draft.owners?.some((owner) => owner.roles === undefined)) questions.splice(questions.indexOf('metrics'), 0, 'roles');
  return questions;
}

/** The answers under --yes: what was given, the rest defaulted. */
export function withDefaults(draft: DraftAnswers, defaults: { name: string; owner?: { name: string; email: string } | undefined }): InitAnswers {
  const owners = draft.owners ?? (defaults.owner ? [{ ...defaults.owner, roles: [DEFAULT_ROLE] }] : []);
  return validateAnswers({
    name: draft.name ?? defaults.name,
    description: draft.description ?? '',
    preset: draft.preset ?? 'ml-model',
    domain: draft.domain ?? 'general',
    language: draft.language ?? 'en',
    owners: owners.map((owner) => ({ ...owner, roles: owner.roles ?? [DEFAULT_ROLE] })),
    metrics: draft.metrics ?? [],
    strategy: draft.strategy ?? 'rolling',
  });
}

/** Final checks across answers: a usable project name, metric names not given twice. */
export function validateAnswers(answers: InitAnswers): InitAnswers {
  const name = answers.name.trim();
  if (!name) throw usageError('the project name is empty', 'pass --name NAME');
  const seen = new Set<string>();
  for (const metric of answers.metrics) {
    const key = `${metric.path} ${metric.op}`;
    if (seen.has(key)) throw usageError(`success metric "${metric.path} ${metric.op}" is given twice`, 'give each metric and comparison once');
    seen.add(key);
  }
  return { ...answers, name, description: answers.description.trim(), owners: mergeOwners(answers.owners) as Owner[] };
}

// ---- the answers file -------------------------------------------------------------------

const oneOrMany = z.union([z.string(), z.array(z.string())]);
const ownerEntry = z.union([
  z.string(),
  z.strictObject({
    name: z.string().min(1),
    email: z.string().regex(/^[^@\s]+@[^@\s]+$/, { message: 'must be an email address' }),
    roles: oneOrMany.optional(),
    role: oneOrMany.optional(),
  }),
]);
const metricEntry = z.union([
  z.string(),
  z.strictObject({ path: z.string().min(1), op: z.enum(METRIC_OPS), value: z.number() }),
]);

/** The keys of an answers file: the flags' names, plus the structured `owners` and `metrics`. */
export const answersFileSchema = z.strictObject({
  name: z.string().optional(),
  description: z.string().optional(),
  preset: z.enum(PRESETS).optional(),
  domain: z.enum(DOMAINS).optional(),
  lang: z.enum(LANGUAGES).optional(),
  language: z.enum(LANGUAGES).optional(),
  strategy: z.enum(STRATEGIES).optional(),
  owners: z.array(ownerEntry).optional(),
  owner: oneOrMany.optional(),
  role: oneOrMany.optional(),
  metrics: z.array(metricEntry).optional(),
  metric: oneOrMany.optional(),
});

const ANSWER_KEYS = Object.keys(answersFileSchema.shape);

export async function readAnswersFile(file: string, cwd: string): Promise<DraftAnswers> {
  const display = path.relative(cwd, file).startsWith('..') ? file : path.relative(cwd, file) || file;
  const source = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw usageError(`cannot read answers file ${display}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`, 'check the path given to --answers');
  });
  return parseAnswers(source, display);
}

/** Parses and validates answers YAML; every problem is reported with its line. */
export function parseAnswers(source: string, display: string): DraftAnswers {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, uniqueKeys: true });
  const lineOf = (offset: number | undefined) => lineCounter.linePos(offset ?? 0).line;
  if (doc.errors.length > 0) {
    const error = doc.errors[0]!;
    throw usageError(`${display}:${lineOf(error.pos[0])}: YAML syntax error: ${error.message.split('\n')[0]}`, 'fix the answers file');
  }
  const raw = doc.toJS({ maxAliasCount: 100 }) ?? {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw usageError(`${display}: expected a mapping of answers`, `valid keys: ${ANSWER_KEYS.join(', ')}`);
  }
  const parsed = answersFileSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
      const keyPath = [...issue.path, ...keys.slice(0, 1)] as (string | number)[];
      const where = `${display}:${lineOf(offsetOf(doc.contents, keyPath))}`;
      const message = issue.code === 'unrecognized_keys'
        ? `unknown key "${keys.join('", "')}"; valid keys: ${ANSWER_KEYS.join(', ')}`
        : issue.code === 'invalid_value' ? `must be one of ${issue.values.join(', ')}` : issue.message;
      return `${where}: ${keyPath.length ? `${formatPath(keyPath)}: ` : ''}${message}`;
    });
    const [first, ...rest] = problems;
    const error = usageError(`invalid answers file: ${first}`, 'fix the answers file; its keys are the flags of `lepton init`');
    error.details.push(...rest);
    throw error;
  }
  try {
    return draftFromFile(parsed.data);
  } catch (error) {
    if (error instanceof Error) error.message = `${display}: ${error.message}`;
    throw error;
  }
}

function draftFromFile(file: z.infer<typeof answersFileSchema>): DraftAnswers {
  const list = (value: string | string[] | undefined) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
  if (file.lang && file.language && file.lang !== file.language) throw usageError('lang and language disagree', 'give one of them');
  if (file.owners && file.owner) throw usageError('both owners and owner are given', 'use one of them');
  if (file.metrics && file.metric) throw usageError('both metrics and metric are given', 'use one of them');
  let owners: OwnerDraft[] | undefined;
  if (file.owner !== undefined) owners = ownersFromFlags(list(file.owner), list(file.role));
  if (file.owners !== undefined) {
    owners = mergeOwners(file.owners.map((entry) => {
      if (typeof entry === 'string') return parseOwner(entry);
      const roles = [...list(entry.roles), ...list(entry.role)].flatMap(parseRoles);
      return { name: entry.name, email: entry.email, ...(entry.roles || entry.role ? { roles } : {}) };
    }));
  }
  const metricTexts = file.metric === undefined ? undefined : list(file.metric);
  const metrics = file.metrics?.map((entry) => (typeof entry === 'string' ? parseMetric(entry) : entry)) ?? metricTexts?.map(parseMetric);
  return dropUndefined({
    name: file.name,
    description: file.description,
    preset: file.preset,
    domain: file.domain,
    language: file.lang ?? file.language,
    owners,
    metrics,
    strategy: file.strategy,
  });
}

function offsetOf(node: unknown, keyPath: (string | number)[]): number | undefined {
  let current = node;
  let offset = (current as Node | null)?.range?.[0];
  for (const step of keyPath) {
    if (isMap(current)) {
      const pair = current.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === step);
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      current = pair.value;
    } else if (isSeq(current) && typeof step === 'number') {
      current = current.items[step];
      offset = (current as Node | null)?.range?.[0] ?? offset;
    } else {
      break;
    }
  }
  return offset;
}

function formatPath(keyPath: (string | number)[]): string {
  return keyPath.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part), '');
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}
