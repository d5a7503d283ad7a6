// The answers `lepton init` builds a project from, as the command line gives them: parsed from
// flags or an answers file, completed by prompts or defaults, and validated before anything is written.
import os from 'node:os';
import path from 'node:path';
import { usageError } from '../errors.js';
import { readRegularFileSync } from '../fs.js';
import { KEBAB_CASE } from '../manifest/kinds.js';
import { METRIC_OPS, OPENSSH_PUBLIC_KEY, type Domain, type Language, type MetricComparison, type Owner, type Preset, type Strategy } from '../manifest/schema.js';
import type { DraftAnswers, InitAnswers, OwnerDraft } from '../templates/answers.js';

export type { DraftAnswers, InitAnswers, OwnerDraft } from '../templates/answers.js';

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
const KEY_HINT = 'give an OpenSSH public key line ("ssh-ed25519 AAAA… you@example.com", what ssh-keygen writes to ~/.ssh/id_ed25519.pub) or the path of that .pub file';
const METRIC_PATTERN = /^\s*([A-Za-z_][\w-]*(?:\[\d+\])*(?:\.[A-Za-z_][\w-]*(?:\[\d+\])*)*)\s*(>=|<=|==|!=|>|<)\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*$/;
const OWNER_PATTERN = /^\s*([^<>]*?)\s*<\s*([^<>\s@]+@[^<>\s@]+)\s*>\s*$/;

/** `accuracy>=0.85`, `latency_ms.p95 <= 300` → a metric comparison. */
export function parseMetric(text: string): MetricComparison {
  const match = METRIC_PATTERN.exec(text);
  if (!match) {
    throw usageError(`"${text}" is not a success metric`, `write NAME OP NUMBER, e.g. --metric "accuracy>=0.85" or "latency_ms.p95<=300"; ops: ${METRIC_OPS.join(' ')}`);
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
  if (!match?.[1]) {
    throw usageError(`"${text}" is not an owner`, 'write "Name <email>", e.g. --owner "Ada Lovelace <ada@example.com>"');
  }
  return { name: match[1], email: match[2]! };
}

export function ownerProblem(text: string): string | true {
  const match = OWNER_PATTERN.exec(text);
  return match?.[1] ? true : 'expected "Name <email>", e.g. Ada Lovelace <ada@example.com>';
}

/** Why `line` is not an OpenSSH public key line, or true: its type and the type inside its base64 blob agree. */
export function publicKeyProblem(line: string): string | true {
  const match = OPENSSH_PUBLIC_KEY.exec(line);
  if (!match) return 'not an OpenSSH public key line (TYPE BASE64 [COMMENT], e.g. ssh-ed25519 AAAA… you@example.com)';
  // The blob is length-prefixed fields (the type first) that use it up exactly: a cut-off key does not.
  const blob = Buffer.from(line.split(' ')[1]!, 'base64');
  const fields: Buffer[] = [];
  for (let offset = 0; offset < blob.length; ) {
    const length = offset + 4 <= blob.length ? blob.readUInt32BE(offset) : Number.POSITIVE_INFINITY;
    if (offset + 4 + length > blob.length) return `its key data is not a whole ${match[1]} key (copied incompletely?)`;
    fields.push(blob.subarray(offset + 4, offset + 4 + length));
    offset += 4 + length;
  }
  if (fields.length < 2 || fields[0]!.toString('latin1') !== match[1]) return `its key data is not a ${match[1]} key`;
  return true;
}

/**
 * A key as given to `--owner-key` or the key prompt: a public key line, or the path of a `.pub`
 * file holding one (relative to the current folder, `~/` for the home folder). Returns the line.
 */
export function readPublicKey(text: string): string {
  let line = text.trim();
  if (!OPENSSH_PUBLIC_KEY.test(line.split(/\s+/).slice(0, 2).join(' '))) {
    const file = path.resolve(line.startsWith('~/') ? path.join(os.homedir(), line.slice(2)) : line);
    const read = readRegularFileSync(file, 64 * 1024);
    if ('bytes' in read) {
      line =
        read.bytes
          .toString('utf8')
          .split('\n')
          .map((item) => item.trim())
          .find(Boolean) ?? '';
    } else if (read.problem !== 'missing') {
      throw usageError(`cannot read the key file ${text}: ${read.message}`, KEY_HINT);
    }
  }
  const problem = publicKeyProblem(line);
  if (problem !== true) throw usageError(`"${text.length > 80 ? `${text.slice(0, 77)}…` : text}" is not a public key: ${problem}`, KEY_HINT);
  return line;
}

/** For the key prompt: empty (no key) or a usable key. */
export function keyAnswerProblem(text: string): string | true {
  if (text.trim() === '') return true;
  try {
    readPublicKey(text);
    return true;
  } catch (error) {
    return (error as Error).message;
  }
}

/** `tech-lead, reviewer` → the roles, each kebab-case. */
export function parseRoles(text: string): string[] {
  const roles = text
    .split(',')
    .map((role) => role.trim())
    .filter(Boolean);
  for (const role of roles) {
    if (!KEBAB_CASE.test(role)) throw usageError(`"${role}" is not a role`, 'roles are kebab-case, e.g. tech-lead, product-owner, data-scientist');
  }
  return roles;
}

export function rolesProblem(text: string): string | true {
  const roles = text
    .split(',')
    .map((role) => role.trim())
    .filter(Boolean);
  if (roles.length === 0) return 'give at least one role, e.g. tech-lead';
  const bad = roles.find((role) => !KEBAB_CASE.test(role));
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
      continue;
    }
    if (owner.roles) seen.roles = [...new Set([...(seen.roles ?? []), ...owner.roles])];
    if (owner.key && seen.key && owner.key !== seen.key) throw usageError(`${owner.email} is given two different keys`, 'give each owner one key');
    if (owner.key) seen.key = owner.key;
  }
  return [...byEmail.values()];
}

/** `--owner`, `--role` and `--owner-key` pair by position: the n-th role and key belong to the n-th owner. */
export function ownersFromFlags(owners: string[], roles: string[], keys: string[] = []): OwnerDraft[] {
  if (keys.length > owners.length) {
    throw usageError(
      `${keys.length} --owner-key but ${owners.length} --owner given`,
      'each --owner-key belongs to the --owner at the same position: --owner "Ada <ada@example.com>" --owner-key ~/.ssh/id_ed25519.pub',
    );
  }
  if (roles.length > owners.length) {
    throw usageError(
      `${roles.length} --role but ${owners.length} --owner given`,
      'each --role belongs to the --owner at the same position: --owner "Ada <ada@example.com>" --role tech-lead',
    );
  }
  return mergeOwners(
    owners.map((text, index) => {
      const role = roles[index];
      const key = keys[index];
      return { ...parseOwner(text), ...(role === undefined ? {} : { roles: parseRoles(role) }), ...(key === undefined ? {} : { key: readPublicKey(key) }) };
    }),
  );
}

export interface InitFlags {
  name?: string;
  description?: string;
  preset?: Preset;
  domain?: Domain;
  lang?: Language;
  owner?: string[];
  role?: string[];
  ownerKey?: string[];
  metric?: string[];
  strategy?: Strategy;
}

export function answersFromFlags(flags: InitFlags): DraftAnswers {
  if (flags.ownerKey?.length && !flags.owner?.length) {
    throw usageError('--owner-key needs an --owner to belong to', 'pass --owner "Name <email>" --owner-key ~/.ssh/id_ed25519.pub');
  }
  if (flags.role?.length && !flags.owner?.length) {
    throw usageError('--role needs an --owner to belong to', 'pass --owner "Name <email>" --role ROLE');
  }
  return dropUndefined({
    name: flags.name,
    description: flags.description,
    preset: flags.preset,
    domain: flags.domain,
    language: flags.lang,
    owners: flags.owner?.length ? ownersFromFlags(flags.owner, flags.role ?? [], flags.ownerKey ?? []) : undefined,
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
  const questions: Question[] = (['name', 'description', 'preset', 'domain', 'language', 'owners', 'metrics', 'strategy'] as const).filter(
    (question) => draft[question] === undefined,
  );
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

const metricKey = (metric: MetricComparison) => `${metric.path} ${metric.op}`;

/** Why `metric` cannot be added to those `given` (the same metric and comparison twice), or true. */
export function repeatedMetricProblem(given: MetricComparison[], metric: MetricComparison): string | true {
  return given.some((other) => metricKey(other) === metricKey(metric)) ? `"${metricKey(metric)}" is given already; give another metric or comparison (empty when done)` : true;
}

/** Why `owner` cannot be added to those `given`: an email is one owner's alone (compared ignoring case), or true. */
export function repeatedOwnerProblem(given: readonly OwnerDraft[], owner: { name: string; email: string }): string | true {
  const other = given.find((candidate) => candidate.email.toLowerCase() === owner.email.toLowerCase());
  return other ? `${owner.email} is the email of ${other.name} already; each owner needs an email of their own` : true;
}

/** Final checks across answers: a usable project name, metric names not given twice. */
export function validateAnswers(answers: InitAnswers): InitAnswers {
  const name = answers.name.trim();
  if (!name) throw usageError('the project name is empty', 'pass --name NAME');
  const seen = new Set<string>();
  for (const metric of answers.metrics) {
    const key = metricKey(metric);
    if (seen.has(key)) throw usageError(`success metric "${key}" is given twice`, 'give each metric and comparison once');
    seen.add(key);
  }
  return { ...answers, name, description: answers.description.trim(), owners: mergeOwners(answers.owners) as Owner[] };
}

/** The object without its undefined values, so spreading it never erases a given answer. */
export function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}
