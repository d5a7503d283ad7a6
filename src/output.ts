// Decides once how lepton talks: colours, prompts, live progress. Takes `env` as a parameter
// so tests can drive it.

export interface OutputMode {
  color: boolean;
  /** Prompts allowed: stdin and stdout are terminals and this is not CI. */
  interactive: boolean;
  /** Live progress on stderr (a terminal, not CI, not quiet). */
  live: boolean;
  quiet: boolean;
  ci: boolean;
}

export interface OutputInput {
  env: NodeJS.ProcessEnv;
  stdoutIsTTY: boolean;
  stdinIsTTY: boolean;
  /** `--no-color` was given. */
  noColor?: boolean;
  quiet?: boolean;
}

/** CI systems set CI=true (GitHub Actions, GitLab, CircleCI, Travis, Buildkite…); a few only their own variable. */
export function isCI(env: NodeJS.ProcessEnv): boolean {
  if (env.CI !== undefined) return env.CI !== 'false' && env.CI !== '0' && env.CI !== '';
  return Boolean(env.CONTINUOUS_INTEGRATION || env.BUILD_NUMBER || env.RUN_ID || env.GITHUB_ACTIONS || env.GITLAB_CI || env.TF_BUILD || env.JENKINS_URL);
}

export function resolveOutputMode(input: OutputInput): OutputMode {
  const ci = isCI(input.env);
  const dumb = input.env.TERM === 'dumb';
  const noColorEnv = input.env.NO_COLOR !== undefined && input.env.NO_COLOR !== '';
  const forced = input.env.FORCE_COLOR !== undefined && input.env.FORCE_COLOR !== '0' && input.env.FORCE_COLOR !== 'false';
  const quiet = input.quiet ?? false;
  const color = !input.noColor && !noColorEnv && (forced || (input.stdoutIsTTY && !ci && !dumb));
  return {
    color,
    interactive: input.stdinIsTTY && input.stdoutIsTTY && !ci,
    live: input.stdoutIsTTY && !ci && !dumb && !quiet,
    quiet,
    ci,
  };
}
