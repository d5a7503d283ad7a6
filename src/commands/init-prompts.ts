// The questions `lepton init` asks on a terminal, for whatever flags and the answers file left open.
// @inquirer/prompts is imported here only, and only when there is something to ask.
import { InterruptedError } from '../errors.js';
import type { DOMAINS, LANGUAGES, PRESETS, STRATEGIES, MetricComparison } from '../manifest/schema.js';
import {
  DEFAULT_ROLE,
  keyAnswerProblem,
  metricProblem,
  ownerProblem,
  parseMetric,
  parseOwner,
  parseRoles,
  readPublicKey,
  repeatedMetricProblem,
  repeatedOwnerProblem,
  rolesProblem,
  validateAnswers,
  type DraftAnswers,
  type InitAnswers,
  type OwnerDraft,
} from './init-answers.js';

const PRESET_NAMES: Record<(typeof PRESETS)[number], string> = {
  'ml-model': 'ml-model — a trained model (classification, regression, ranking…)',
  'llm-app': 'llm-app — an application built on a large language model',
};
const DOMAIN_NAMES: Record<(typeof DOMAINS)[number], string> = {
  general: 'general',
  finance: 'finance — model risk, explainability, audit',
  healthcare: 'healthcare — clinical validation, patient-data privacy, human oversight',
  retail: 'retail — A/B testing, recommendations, forecasting, customer behaviour',
};
const LANGUAGE_NAMES: Record<(typeof LANGUAGES)[number], string> = { en: 'English (en)', 'zh-CN': '简体中文 (zh-CN)' };
const STRATEGY_NAMES: Record<(typeof STRATEGIES)[number], string> = {
  rolling: 'rolling — replace instances a few at a time',
  'blue-green': 'blue-green — switch traffic between two identical environments',
  canary: 'canary — send a small share of traffic to the new version first',
};

export interface PromptDefaults {
  name: string;
  owner?: { name: string; email: string } | undefined;
}

/** Asks what `draft` leaves open; Ctrl-C (or an aborted signal) becomes InterruptedError. */
export async function promptAnswers(draft: DraftAnswers, defaults: PromptDefaults, signal: AbortSignal): Promise<InitAnswers> {
  const prompts = await import('@inquirer/prompts');
  const context = { signal };
  const choices = <Value extends string>(names: Record<Value, string>) => (Object.keys(names) as Value[]).map((value) => ({ value, name: names[value] }));
  try {
    const name =
      draft.name ??
      (await prompts.input({ message: 'Project name', default: defaults.name, required: true, validate: (value) => value.trim() !== '' || 'the project name is empty' }, context));
    const description = draft.description ?? (await prompts.input({ message: 'Description (one line on what it is for)' }, context));
    const preset = draft.preset ?? (await prompts.select({ message: 'Kind of AI project', choices: choices(PRESET_NAMES) }, context));
    const domain = draft.domain ?? (await prompts.select({ message: 'Industry', choices: choices(DOMAIN_NAMES) }, context));
    const language = draft.language ?? (await prompts.select({ message: 'Language of the documents', choices: choices(LANGUAGE_NAMES) }, context));
    const owners = draft.owners ? await askMissingRoles(prompts, draft.owners, context) : await askOwners(prompts, defaults.owner, context);
    const metrics = draft.metrics ?? (await askMetrics(prompts, context));
    const strategy = draft.strategy ?? (await prompts.select({ message: 'Deployment strategy', choices: choices(STRATEGY_NAMES) }, context));
    return validateAnswers({ name, description, preset, domain, language, owners: owners.map((owner) => ({ ...owner, roles: owner.roles ?? [] })), metrics, strategy });
  } catch (error) {
    if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) throw new InterruptedError();
    throw error;
  }
}

type Prompts = typeof import('@inquirer/prompts');
type Context = { signal: AbortSignal };

async function askRoles(prompts: Prompts, ownerName: string, fallback: string, context: Context): Promise<string[]> {
  const text = await prompts.input({ message: `Roles of ${ownerName} (comma-separated)`, default: fallback, validate: rolesProblem }, context);
  return parseRoles(text);
}

async function askOwners(prompts: Prompts, identity: PromptDefaults['owner'], context: Context): Promise<OwnerDraft[]> {
  const owners: OwnerDraft[] = [];
  for (;;) {
    const first = owners.length === 0;
    const text = await prompts.input(
      {
        message: first ? 'Owner (Name <email>)' : 'Next owner (Name <email>)',
        default: first && identity ? `${identity.name} <${identity.email}>` : undefined,
        required: true,
        // An email given already is refused here and asked again: two owners sharing one could act as each other.
        validate: (value) => {
          const problem = ownerProblem(value);
          return problem === true ? repeatedOwnerProblem(owners, parseOwner(value)) : problem;
        },
      },
      context,
    );
    const owner = parseOwner(text);
    const roles = await askRoles(prompts, owner.name, first ? DEFAULT_ROLE : 'product-owner', context);
    const key = await prompts.input({ message: `SSH public key of ${owner.name} ("ssh-ed25519 AAAA…" or a .pub file; empty for none)`, validate: keyAnswerProblem }, context);
    owners.push({ ...owner, roles, ...(key.trim() && { key: readPublicKey(key) }) });
    if (!(await prompts.confirm({ message: 'Add another owner?', default: false }, context))) return owners;
  }
}

async function askMissingRoles(prompts: Prompts, owners: OwnerDraft[], context: Context): Promise<OwnerDraft[]> {
  const completed: OwnerDraft[] = [];
  for (const owner of owners) completed.push(owner.roles ? owner : { ...owner, roles: await askRoles(prompts, owner.name, DEFAULT_ROLE, context) });
  return completed;
}

async function askMetrics(prompts: Prompts, context: Context): Promise<MetricComparison[]> {
  const metrics: MetricComparison[] = [];
  for (;;) {
    const text = await prompts.input(
      {
        message: metrics.length === 0 ? 'Success metric with threshold, e.g. accuracy>=0.85 (empty for none)' : 'Another success metric (empty when done)',
        // Each answer is checked at its own prompt: a repeated metric is refused here, not after the last question.
        validate: (value) => {
          if (value.trim() === '') return true;
          const problem = metricProblem(value);
          return problem === true ? repeatedMetricProblem(metrics, parseMetric(value)) : problem;
        },
      },
      context,
    );
    if (text.trim() === '') return metrics;
    metrics.push(parseMetric(text));
  }
}
