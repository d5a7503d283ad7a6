// The check kinds and enumerations of the manifest, free of the schema library so the
// gate path can use them without loading it.

export const CHECK_KINDS = ['file', 'doc', 'run', 'metric', 'approval', 'git', 'coverage', 'tests', 'http', 'eval'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

export const PRESETS = ['ml-model', 'llm-app'] as const;
export const DOMAINS = ['general', 'finance', 'healthcare', 'retail'] as const;
export const LANGUAGES = ['en', 'zh-CN'] as const;
export const STRATEGIES = ['rolling', 'blue-green', 'canary'] as const;
export const METRIC_OPS = ['>=', '>', '<=', '<', '==', '!='] as const;
/** Per-case results formats an `eval` check reads. */
export const EVAL_FORMATS = ['promptfoo', 'lm-eval', 'deepeval', 'ragas', 'jsonl'] as const;
/** What an `eval` comparison aggregates a metric into. */
export const EVAL_STATS = ['rate', 'mean', 'min', 'max', 'p50', 'p90', 'p95', 'p99', 'sum', 'count'] as const;

/** Ids, roles and template names: lowercase letters, digits and single dashes. */
export const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The kind key a validated check carries. */
export function checkKind(check: object): CheckKind {
  for (const kind of CHECK_KINDS) if (kind in check) return kind;
  throw new Error('check has no kind key');
}

/** The kind keys present on a raw, unvalidated check object. */
export function kindKeysOf(raw: unknown): CheckKind[] {
  if (raw === null || typeof raw !== 'object') return [];
  return CHECK_KINDS.filter((kind) => Object.hasOwn(raw, kind));
}
