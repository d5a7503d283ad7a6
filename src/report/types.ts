// What every reporter is given besides the data.

export type ReportFormat = 'pretty' | 'json' | 'junit' | 'github' | 'markdown' | 'sarif';

export interface ReportOptions {
  color: boolean;
  titles?: Record<string, string> | undefined;
  env: NodeJS.ProcessEnv;
  /** Absolute project root: annotations name files relative to `$GITHUB_WORKSPACE` from it. */
  root?: string | undefined;
  /** Clock for report timestamps (JUnit); tests pin it. */
  now?: (() => Date) | undefined;
  /** SARIF: absolute repository root, which code scanning's paths are relative to (default: `root`). */
  repositoryRoot?: string | undefined;
  /** SARIF: absolute path of lepton.yaml, where results that name no file are placed. */
  manifestFile?: string | undefined;
  /** SARIF: `phase/check-id` → the check's line in lepton.yaml. */
  checkLines?: Record<string, number> | undefined;
}
