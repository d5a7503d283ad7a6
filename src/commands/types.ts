// What every command module gets from the entry point and gives back.
import type { OutputMode } from '../output.js';

export interface GlobalOptions {
  /** Absolute folder lepton works from (`-C DIR`, default the process cwd). */
  cwd: string;
  /** `--manifest FILE`, as given. */
  manifest?: string | undefined;
  quiet: boolean;
}

export interface CommandIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  mode: OutputMode;
  /** Aborted on Ctrl-C. */
  signal: AbortSignal;
}

export interface CommandInput<Options = Record<string, unknown>> {
  /** Positional arguments, as commander parsed them. */
  args: unknown[];
  options: Options;
  globals: GlobalOptions;
  io: CommandIO;
}

/** A command module's entry: returns the exit code; throws LeptonError for errors. */
export type CommandRun<Options = Record<string, unknown>> = (input: CommandInput<Options>) => Promise<number>;
