// What every reporter is given besides the data.

export type ReportFormat = 'pretty' | 'json' | 'junit' | 'github' | 'markdown';

export interface ReportOptions {
  color: boolean;
  titles?: Record<string, string> | undefined;
  env: NodeJS.ProcessEnv;
  /** Absolute project root: annotations name files relative to `$GITHUB_WORKSPACE` from it. */
  root?: string | undefined;
  /** Clock for report timestamps (JUnit); tests pin it. */
  now?: (() => Date) | undefined;
}
