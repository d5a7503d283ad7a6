// `lepton init --answers FILE.yaml`: the same answers as the flags, read from YAML and validated,
// every problem reported with its line.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { z } from 'zod';
import { usageError } from '../errors.js';
import { formatKeyPath } from '../manifest/load.js';
import { DOMAINS, LANGUAGES, PRESETS, STRATEGIES, metricComparisonSchema } from '../manifest/schema.js';
import { dropUndefined, mergeOwners, ownersFromFlags, parseMetric, parseOwner, parseRoles, readPublicKey, type DraftAnswers, type OwnerDraft } from './init-answers.js';

const oneOrMany = z.union([z.string(), z.array(z.string())]);
const ownerEntry = z.union([
  z.string(),
  z.strictObject({
    name: z.string().min(1),
    email: z.string().regex(/^[^@\s]+@[^@\s]+$/, { message: 'must be an email address' }),
    roles: oneOrMany.optional(),
    role: oneOrMany.optional(),
    key: z.string().optional(),
  }),
]);
const metricEntry = z.union([z.string(), metricComparisonSchema]);

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
      const message =
        issue.code === 'unrecognized_keys'
          ? `unknown key "${keys.join('", "')}"; valid keys: ${ANSWER_KEYS.join(', ')}`
          : issue.code === 'invalid_value'
            ? `must be one of ${issue.values.join(', ')}`
            : issue.message;
      return `${where}: ${keyPath.length ? `${formatKeyPath(keyPath)}: ` : ''}${message}`;
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
    owners = mergeOwners(
      file.owners.map((entry) => {
        if (typeof entry === 'string') return parseOwner(entry);
        const roles = [...list(entry.roles), ...list(entry.role)].flatMap(parseRoles);
        return { name: entry.name, email: entry.email, ...(entry.roles || entry.role ? { roles } : {}), ...(entry.key !== undefined && { key: readPublicKey(entry.key) }) };
      }),
    );
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
