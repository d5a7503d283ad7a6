// Decides once how lepton talks: colours and prompts. Takes `env` as a parameter
// so tests can drive it.
import ciVendors from 'ci-info/vendors.json' with { type: 'json' };

export interface OutputMode {
  color: boolean;
  /** Prompts allowed: stdin and stdout are terminals and this is not CI. */
  interactive: boolean;
  ci: boolean;
}

export interface OutputInput {
  env: NodeJS.ProcessEnv;
  stdoutIsTTY: boolean;
  stdinIsTTY: boolean;
  /** `--no-color` was given. */
  noColor?: boolean;
}

type VendorEnv = string | { env: string; includes: string } | { any: string[] } | Record<string, string>;

function vendorEnvMatches(condition: VendorEnv, env: NodeJS.ProcessEnv): boolean {
  if (typeof condition === 'string') return Boolean(env[condition]);
  if ('includes' in condition && typeof condition.env === 'string') return Boolean(env[condition.env]?.includes(condition.includes as string));
  if ('any' in condition && Array.isArray(condition.any)) return condition.any.some((name) => Boolean(env[name]));
  return Object.entries(condition as Record<string, string>).every(([name, value]) => env[name] === value);
}

/**
 * The CI service this runs on, by ci-info's table of vendors. ci-info's own exports read
 * `process.env` once at import; its data applied to the injected `env` keeps this testable.
 */
export function ciVendor(env: NodeJS.ProcessEnv): string | undefined {
  const vendor = (ciVendors as { name: string; env: VendorEnv | VendorEnv[] }[]).find((candidate) =>
    (Array.isArray(candidate.env) ? candidate.env : [candidate.env]).every((condition) => vendorEnvMatches(condition, env)),
  );
  return vendor?.name;
}

/** ci-info's rule on an injected env: CI=false (or 0) opts out; CI, a generic build variable or a known vendor opts in. */
export function isCI(env: NodeJS.ProcessEnv): boolean {
  if (env.CI === 'false' || env.CI === '0') return false;
  return Boolean(
    env.CI ||
      env.BUILD_ID ||
      env.BUILD_NUMBER ||
      env.CI_APP_ID ||
      env.CI_BUILD_ID ||
      env.CI_BUILD_NUMBER ||
      env.CI_NAME ||
      env.CONTINUOUS_INTEGRATION ||
      env.RUN_ID ||
      ciVendor(env),
  );
}

export function resolveOutputMode(input: OutputInput): OutputMode {
  const ci = isCI(input.env);
  const dumb = input.env.TERM === 'dumb';
  const noColorEnv = input.env.NO_COLOR !== undefined && input.env.NO_COLOR !== '';
  const forced = input.env.FORCE_COLOR !== undefined && input.env.FORCE_COLOR !== '0' && input.env.FORCE_COLOR !== 'false';
  const color = !input.noColor && !noColorEnv && (forced || (input.stdoutIsTTY && !ci && !dumb));
  return {
    color,
    interactive: input.stdinIsTTY && input.stdoutIsTTY && !ci,
    ci,
  };
}
