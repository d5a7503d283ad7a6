// The lepton.yaml v1 schema, defined once: the TypeScript types and the JSON Schema
// printed by `lepton schema` both come from these definitions.
import { z } from 'zod';

const kebabId = (what: string) => z.string().regex(KEBAB_CASE, { message: `${what} must be kebab-case (lowercase letters, digits and single dashes), e.g. "unit-tests"` });

const nonEmpty = z.string().min(1, { message: 'must not be empty' });
const globList = z.union([nonEmpty, z.array(nonEmpty).min(1)]);
const seconds = z.number().positive({ message: 'must be a positive number of seconds' });
const percent = z.number().min(0).max(100);

import { CHECK_KINDS, DOMAINS, EVAL_FORMATS, EVAL_STATS, KEBAB_CASE, LANGUAGES, METRIC_OPS, PRESETS, STRATEGIES, type CheckKind } from './kinds.js';

export { DOMAINS, LANGUAGES, METRIC_OPS, PRESETS, STRATEGIES, type CheckKind } from './kinds.js';

/** The keys every check may carry besides its kind key. */
const commonCheckFields = {
  id: kebabId('a check id'),
  title: z.string().optional(),
  hint: z.string().optional(),
  required: z.boolean().optional(),
  recheck: z.boolean().optional().describe('whether `gate --completed` evaluates the check again; default true, false for git, http and approval'),
  needs: z.array(kebabId('a check id')).optional().describe('ids of checks of the same phase that must finish first'),
};

export const metricComparisonSchema = z.strictObject({
  path: nonEmpty.describe('dotted path into the file, with [n] indexes: latency_ms.p95, runs[0].f1'),
  op: z.enum(METRIC_OPS),
  value: z.number(),
});

const share = z.number().min(0).max(1);

export const evalComparisonSchema = z.strictObject({
  metric: nonEmpty.describe('pass (the case passed), or a metric of the cases: faithfulness, latency_ms, cost'),
  stat: z.enum(EVAL_STATS),
  op: z.enum(METRIC_OPS),
  value: z.number(),
  by: z.literal('category').optional().describe('one value per category: every category must hold'),
});

export const evalRegressionSchema = z.strictObject({
  metrics: z.array(nonEmpty).min(1).describe('metrics compared with the blessed baseline: pass and scores'),
  margin: z.number().min(0).describe("largest drop tolerated (absolute, in the metric's units)"),
  confidence: z.number().gt(0).lt(1).optional().describe('of the paired intervals; default 0.95'),
  'on-unreliable': z.enum(['fail', 'pass']).optional().describe('unreliable-baseline and insufficient-data fail unless pass'),
});

/**
 * Each kind: its kind key's schema plus the extra keys only that kind accepts.
 * A new kind is one entry here and one module in src/gate/checks/.
 */
const kindShapes = {
  file: { file: globList.describe('glob(s); each must match at least one non-empty file') },
  doc: {
    doc: nonEmpty.describe('Markdown file that must be filled in'),
    sections: z.array(nonEmpty).optional().describe('headings that must be present and filled; default: all'),
    placeholder: nonEmpty.optional().describe('regular expression marking unfinished text; default TODO'),
    checklist: z.boolean().optional().describe('false allows unticked "- [ ]" boxes'),
  },
  run: {
    run: nonEmpty.describe('shell command; passes on exit code 0'),
    timeout: seconds.optional().describe('seconds before the whole process tree is ended; default 600'),
    cwd: nonEmpty.optional(),
    env: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    inputs: z.array(nonEmpty).optional().describe('globs the result depends on (for caching)'),
    outputs: globList.optional().describe('glob(s) of the files the command writes; missing outputs make it run again'),
  },
  metric: {
    metric: z.strictObject({
      file: nonEmpty.describe('JSON or YAML file'),
      checks: z.array(metricComparisonSchema).min(1),
      regression: z.strictObject({ margin: z.number().min(0).describe('largest drop tolerated against the value this check recorded at the most recent advance') }).optional(),
    }),
  },
  eval: {
    eval: z.strictObject({
      file: nonEmpty.describe('per-case results: promptfoo -o JSON, lm-eval results/samples, DeepEval, Ragas, or JSONL (.gz read too)'),
      format: z
        .enum(['auto', ...EVAL_FORMATS])
        .optional()
        .describe('default auto: told from the content'),
      'min-cases': z.number().int().min(1).optional(),
      'max-flaky': share.optional().describe('largest share of cases whose repeats disagree'),
      checks: z.array(evalComparisonSchema).optional(),
      regression: evalRegressionSchema.optional(),
    }),
  },
  approval: {
    approval: z.strictObject({
      roles: z.array(nonEmpty).min(1),
      count: z.number().int().min(1).optional(),
      binds: z.enum(['evidence', 'none']).optional().describe("evidence (default): a sign-off stops counting when the evidence of the phase's other checks changes"),
    }),
  },
  git: {
    // "at least one of" rules live in rules.ts, so the JSON Schema says exactly what the schema does.
    git: z.strictObject({
      clean: z.boolean().optional(),
      branch: globList.optional(),
      tag: nonEmpty.optional(),
    }),
  },
  coverage: {
    coverage: z.strictObject({
      file: nonEmpty,
      lines: percent.optional(),
      branches: percent.optional(),
    }),
  },
  tests: {
    tests: z.strictObject({
      junit: globList,
      min: z.number().int().min(0).optional(),
    }),
  },
  http: {
    http: z.strictObject({
      url: z.string().regex(/^https?:\/\/\S+$/, { message: 'must be an http:// or https:// URL' }),
      status: z.number().int().min(100).max(599).optional(),
      timeout: seconds.optional(),
    }),
  },
  mlscore: {
    mlscore: z.strictObject({
      file: nonEmpty.describe('YAML file scoring the 28 tests of the ML Test Score (Breck et al., 2017), data-1 … monitor-7'),
      min: z.number().min(0).max(7).describe('lowest section score (sum of its seven tests, each 0, 0.5 or 1) that passes'),
    }),
  },
} as const;

kindShapes satisfies Record<CheckKind, object>;

function checkSchemaFor<K extends CheckKind>(kind: K) {
  return z.strictObject({ ...commonCheckFields, ...kindShapes[kind] });
}

export const checkSchemas = {
  file: checkSchemaFor('file'),
  doc: checkSchemaFor('doc'),
  run: checkSchemaFor('run'),
  metric: checkSchemaFor('metric'),
  approval: checkSchemaFor('approval'),
  git: checkSchemaFor('git'),
  coverage: checkSchemaFor('coverage'),
  tests: checkSchemaFor('tests'),
  http: checkSchemaFor('http'),
  mlscore: checkSchemaFor('mlscore'),
  eval: checkSchemaFor('eval'),
} satisfies { [K in CheckKind]: z.ZodType };

export const checkSchema = z.union(CHECK_KINDS.map((kind) => checkSchemas[kind]) as unknown as [(typeof checkSchemas)['file'], ...(typeof checkSchemas)[CheckKind][]]);

/** An OpenSSH public key line: type, base64 blob, optional comment. */
export const OPENSSH_PUBLIC_KEY =
  /^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com) [A-Za-z0-9+/]+={0,3}( .*)?$/;

export const ownerSchema = z.strictObject({
  name: nonEmpty,
  email: z.string().regex(/^[^@\s]+@[^@\s]+$/, { message: 'must be an email address' }),
  roles: z.array(kebabId('a role')).default([]),
  /** An OpenSSH public key line: every ledger entry by this owner must carry a valid signature by it. */
  key: z
    .string()
    .regex(OPENSSH_PUBLIC_KEY, {
      message: 'must be an OpenSSH public key line, e.g. "ssh-ed25519 AAAA… you@example.com"',
    })
    .optional(),
  /** The owner's last day (UTC): what they recorded up to it stays valid; after it they can no longer act. */
  left: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a UTC date as YYYY-MM-DD, e.g. 2026-06-30' })
    .optional()
    .describe("the owner's last day (a UTC date, YYYY-MM-DD): their entries up to it stay valid; after it they can no longer act"),
});

/** Who may waive a check and for how long; without it, any owner may waive for any length of time. */
export const governanceSchema = z.strictObject({
  waive: z
    .strictObject({
      roles: z.array(kebabId('a role')).min(1).optional().describe('only owners holding one of these roles may waive'),
      'max-days': z
        .number()
        .int({ message: 'must be a whole number of days, at least 1' })
        .min(1, { message: 'must be a whole number of days, at least 1' })
        .max(36500, { message: 'must be at most 36500 days (a hundred years)' })
        .optional()
        .describe('a waiver lasts at most this many days after the (UTC) day it is made'),
    })
    .optional(),
});

export const phaseSchema = z.strictObject({
  id: kebabId('a phase id'),
  title: nonEmpty,
  templates: z.array(kebabId('a template name')).default([]),
  gate: z.array(checkSchema).default([]),
});

export const manifestSchema = z.strictObject({
  version: z.literal(1),
  project: z.strictObject({
    name: nonEmpty,
    description: z.string().optional(),
    preset: z.enum(PRESETS).default('ml-model'),
    domain: z.enum(DOMAINS).default('general'),
    language: z.enum(LANGUAGES).default('en'),
    strategy: z.enum(STRATEGIES).default('rolling').describe('deployment strategy the runbook describes'),
    owners: z.array(ownerSchema).default([]),
  }),
  governance: governanceSchema.optional(),
  phase: kebabId('phase'),
  phases: z.array(phaseSchema).min(1, { message: 'a manifest needs at least one phase' }),
  hooks: z
    .strictObject({
      'pre-push': z
        .strictObject({
          branches: z.array(nonEmpty).optional(),
          required: z.boolean().optional(),
        })
        .optional(),
    })
    .optional(),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type Phase = Manifest['phases'][number];
export type Owner = Manifest['project']['owners'][number];
export type Governance = NonNullable<Manifest['governance']>;
export type Check = z.infer<typeof checkSchema>;
export type CheckOf<K extends CheckKind> = z.infer<(typeof checkSchemas)[K]>;
export type MetricComparison = z.infer<typeof metricComparisonSchema>;
export type EvalComparison = z.infer<typeof evalComparisonSchema>;
export type Preset = (typeof PRESETS)[number];
export type Domain = (typeof DOMAINS)[number];
export type Language = (typeof LANGUAGES)[number];
export type Strategy = (typeof STRATEGIES)[number];

/** The JSON Schema of lepton.yaml, for editors (`# yaml-language-server: $schema=`) and `lepton schema`. */
export function manifestJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(manifestSchema, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    title: 'lepton.yaml',
    description: "lepton project manifest, version 1: the project, its lifecycle phases and each phase's exit gate.",
    ...schema,
  };
}
