// The one error type of lepton: commands throw it, only the entry point prints it.

export const EXIT = {
  ok: 0,
  gateFailed: 1,
  usage: 2,
  interrupted: 130,
} as const;

export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
}

export function formatLocation(location: SourceLocation): string {
  if (location.line === undefined) return location.file;
  return location.column === undefined ? `${location.file}:${location.line}` : `${location.file}:${location.line}:${location.column}`;
}

export class LeptonError extends Error {
  readonly exitCode: number;
  readonly hint: string | undefined;
  readonly location: SourceLocation | undefined;
  /** Further lines, e.g. every problem of an invalid manifest. */
  readonly details: string[];
  /** What kind of problem this is, for a command to say how to fix it in its own terms (commands/messages.ts). */
  readonly code: string | undefined;

  constructor(message: string, options: { exitCode?: number; hint?: string; location?: SourceLocation; details?: string[]; cause?: unknown; code?: string } = {}) {
    super(message, { cause: options.cause });
    this.name = 'LeptonError';
    this.exitCode = options.exitCode ?? EXIT.usage;
    this.hint = options.hint;
    this.location = options.location;
    this.details = options.details ?? [];
    this.code = options.code;
  }
}

/** A usage or input error (exit 2). */
export function usageError(message: string, hint?: string, location?: SourceLocation, code?: string): LeptonError {
  return new LeptonError(message, { exitCode: EXIT.usage, hint, location, code });
}

/** Thrown when the user interrupts (Ctrl-C): exit 130, nothing printed but a short line. */
export class InterruptedError extends LeptonError {
  constructor() {
    super('interrupted', { exitCode: EXIT.interrupted });
    this.name = 'InterruptedError';
  }
}
