// Runs the built CLI as a child process, as a user or CI would.
import { execa } from 'execa';
import { fileURLToPath } from 'node:url';

export const LEPTON_BIN = fileURLToPath(new URL('../../bin/lepton.js', import.meta.url));

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  input?: string;
  timeout?: number;
}

/** The environment of a plain, non-CI shell: tests opt into CI or colours explicitly. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(CI|GITHUB_.*|GITLAB_.*|NO_COLOR|FORCE_COLOR|LEPTON_.*|GIT_DIR|GIT_WORK_TREE|GIT_INDEX_FILE|VITEST.*)$/.test(key)) delete env[key];
  }
  return { ...env, ...extra };
}

export async function runLepton(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const result = await execa(process.execPath, [LEPTON_BIN, ...args], {
    cwd: options.cwd,
    env: cleanEnv(options.env),
    extendEnv: false,
    input: options.input ?? '',
    reject: false,
    timeout: options.timeout ?? 60_000,
    stripFinalNewline: false,
  });
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}
