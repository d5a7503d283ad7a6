// `mlscore: { file, min }`: the ML Test Score (Breck et al., 2017) computed from a scored file. Each
// of the 28 tests scores 0, 0.5 (done manually) or 1 (automated) with its evidence; a section's score
// is the sum over its seven tests, the ML Test Score the lowest of the four.
import { readFileSync } from 'node:fs';
import type { CheckOf } from '../../manifest/schema.js';
import type { CheckContext, CheckModule, CheckOutcome, Problem } from '../types.js';
import { plural, resolveInside, sha256 } from './files.js';

export const ML_TEST_SECTIONS = ['data', 'model', 'infra', 'monitor'] as const;
export type MlTestSection = (typeof ML_TEST_SECTIONS)[number];
const TESTS_PER_SECTION = 7;
const SCORES = [0, 0.5, 1];

/** `data-1` … `monitor-7`, in the paper's order. */
export const ML_TEST_IDS = ML_TEST_SECTIONS.flatMap((section) => Array.from({ length: TESTS_PER_SECTION }, (_, index) => `${section}-${index + 1}`));

/** The paper's reading of a final score (Breck et al., 2017, Table "Interpreting the ML Test Score"). */
export function interpretation(score: number): string {
  if (score <= 0) return 'more of a research project than a productionized system';
  if (score <= 1) return 'not totally untested, but there may be serious holes in reliability';
  if (score <= 2) return 'a first pass at basic productionization; more investment may be needed';
  if (score <= 3) return 'reasonably tested, but more of the tests and procedures may be automated';
  if (score <= 5) return 'strong automated testing and monitoring, appropriate for mission-critical systems';
  return 'exceptional automated testing and monitoring';
}

export interface MlScore {
  data: number;
  model: number;
  infra: number;
  monitor: number;
  score: number;
}

/** The section sums and the final score of well-formed entries, or the problems with the entries. */
export function scoreTests(data: unknown, file: string): { score: MlScore } | { problems: Problem[] } {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { problems: [{ file, message: `${file} must map each test id (data-1 … monitor-7) to { score, evidence }` }] };
  }
  const entries = data as Record<string, unknown>;
  const problems: Problem[] = [];
  for (const id of Object.keys(entries)) {
    if (!ML_TEST_IDS.includes(id))
      problems.push({ file, message: `unknown test id "${id}": the ids are data-1 … data-7, model-1 … model-7, infra-1 … infra-7, monitor-1 … monitor-7` });
  }
  const sums: Record<MlTestSection, number> = { data: 0, model: 0, infra: 0, monitor: 0 };
  for (const id of ML_TEST_IDS) {
    const entry = entries[id];
    if (entry === undefined || entry === null) {
      problems.push({ file, message: `test ${id} is missing` });
      continue;
    }
    if (typeof entry !== 'object' || Array.isArray(entry)) {
      problems.push({ file, message: `test ${id} must be { score, evidence }` });
      continue;
    }
    const { score, evidence } = entry as { score?: unknown; evidence?: unknown };
    if (typeof score !== 'number' || !SCORES.includes(score)) {
      problems.push({ file, message: `test ${id} has score ${JSON.stringify(score) ?? 'missing'}: a score is 0, 0.5 (done manually) or 1 (automated)` });
      continue;
    }
    if (score > 0 && (typeof evidence !== 'string' || evidence.trim() === '')) {
      problems.push({ file, message: `test ${id} scores ${score} without evidence: link the test, job or record that shows it` });
      continue;
    }
    sums[id.slice(0, id.lastIndexOf('-')) as MlTestSection] += score;
  }
  if (problems.length) return { problems };
  return { score: { ...sums, score: Math.min(...ML_TEST_SECTIONS.map((section) => sums[section])) } };
}

async function evaluate(check: CheckOf<'mlscore'>, context: CheckContext): Promise<CheckOutcome> {
  const { file, min } = check.mlscore;
  const resolved = resolveInside(context.root, file);
  if ('reason' in resolved) return { status: 'error', message: resolved.reason };
  let source: string;
  try {
    source = readFileSync(resolved.path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { status: 'fail', message: `${file} does not exist`, hint: missingHint(file), evidence: { file, missing: true } };
    return { status: 'error', message: `could not read ${file}: ${(error as Error).message}` };
  }
  const digest = context.evidence ? { sha256: sha256(source) } : {};
  let data: unknown;
  try {
    const { parse } = await import('yaml');
    data = parse(source) as unknown;
  } catch (error) {
    const message = `${file} is not valid YAML: ${(error as Error).message.split('\n')[0]}`;
    return { status: 'fail', message, problems: [{ file, message }], evidence: { file, ...digest } };
  }
  const scored = scoreTests(data, file);
  if ('problems' in scored) {
    return {
      status: 'fail',
      message: `${plural(scored.problems.length, 'test entry', 'test entries')} of ${file} cannot be scored`,
      problems: scored.problems,
      evidence: { file, ...digest },
    };
  }
  const { score } = scored;
  const sections = ML_TEST_SECTIONS.map((section) => `${section} ${score[section]}`).join(', ');
  const summary = `ML Test Score ${score.score} (${sections}): ${interpretation(score.score)}`;
  const evidence = { file, ...digest, ...score };
  if (score.score >= min) return { status: 'pass', message: summary, evidence, values: score };
  const lowest = ML_TEST_SECTIONS.filter((section) => score[section] < min);
  return {
    status: 'fail',
    message: `${summary}; needs at least ${min} in every section`,
    problems: lowest.map((section) => ({ file, message: `section ${section} scores ${score[section]} of 7, below ${min}` })),
    evidence,
    values: score,
  };
}

function missingHint(file: string): string {
  const template = /^docs\/([a-z0-9]+(?:-[a-z0-9]+)*)\.yaml$/.exec(file)?.[1];
  return template ? `run \`lepton generate ${template}\` to create it, then score each test` : `write ${file}: each test id (data-1 … monitor-7) with { score, evidence }`;
}

function defaultHint(check: CheckOf<'mlscore'>): string {
  return `score each test in ${check.mlscore.file} (0, 0.5 manual, 1 automated, with evidence) and raise the lowest section to ${check.mlscore.min}`;
}

export default { evaluate, defaultHint } satisfies CheckModule<'mlscore'>;
