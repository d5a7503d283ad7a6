// The check kinds and enumerations of the manifest, free of the schema library so the
// gate path can use them without loading it.

export const CHECK_KINDS = ['file', 'doc', 'run', 'metric', 'approval', 'git', 'coverage', 'tests', 'http'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

/** The keys every check may carry besides its kind key. */
export const COMMON_CHECK_KEYS: readonly string[] = ['id', 'title', 'hint', 'required', 'recheck', 'needs'];

/**
 * Whether `gate --completed` evaluates a check of this kind again when the check does not say
 * (`recheck:`). Kinds that hold only at a moment — a tag on HEAD, the branch, a health endpoint,
 * a sign-off — are judged at advance, and the regression guard reports what was recorded then.
 */
export const RECHECK_BY_DEFAULT: Record<CheckKind, boolean> = {
  file: true,
  doc: true,
  run: true,
  metric: true,
  coverage: true,
  tests: true,
  git: false,
  http: false,
  approval: false,
};

/** Whether the regression guard evaluates `check` again (its `recheck:`, else its kind's default). */
export function rechecks(check: { recheck?: boolean | undefined }): boolean {
  return check.recheck ?? RECHECK_BY_DEFAULT[checkKind(check)];
}

export const PRESETS = ['ml-model', 'llm-app'] as const;
export const DOMAINS = ['general', 'finance', 'healthcare', 'retail'] as const;
export const LANGUAGES = ['en', 'zh-CN'] as const;
export const STRATEGIES = ['rolling', 'blue-green', 'canary'] as const;
export const METRIC_OPS = ['>=', '>', '<=', '<', '==', '!='] as const;

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
