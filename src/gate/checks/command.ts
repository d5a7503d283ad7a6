// Runs a shell command in its own process group, keeping only the last lines of its output, and
// ends the whole tree (children, grandchildren, and those that left the group) when the command
// exits, times out or is interrupted: SIGTERM, then SIGKILL (process-tree.ts).
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import { execa } from 'execa';
import { trackProcessTree } from '../../process-tree.js';
import { stripAnsi } from '../../text.js';

export interface CommandOptions {
  cwd: string;
  /** The complete environment of the command (not merged with anything). */
  env: Record<string, string | undefined>;
  timeoutMs: number;
  signal: AbortSignal;
  /** How long a tree that ignores SIGTERM gets before SIGKILL. */
  killGraceMs?: number;
  tailLines?: number;
  /** Receives the output as it arrives. */
  onOutput?: ((text: string) => void) | undefined;
}

export interface CommandResult {
  /** Undefined when a signal ended the command or it could not start. */
  exitCode: number | undefined;
  /** The signal that ended the command, if one did. */
  signal: string | undefined;
  timedOut: boolean;
  interrupted: boolean;
  /** Why the command could not be started at all. */
  spawnError: string | undefined;
  /** The last lines of stdout and stderr together, in arrival order. */
  output: string[];
}

const DEFAULT_GRACE_MS = 3000;
const DEFAULT_TAIL = 20;
const MAX_LINE = 500;

export async function runCommand(command: string, options: CommandOptions): Promise<CommandResult> {
  const tail = new OutputTail(options.tailLines ?? DEFAULT_TAIL);
  const tree = trackProcessTree();
  // One pipe for both streams (stderr joins stdout inside the shell), so lines keep their true order.
  const subprocess = execa(`exec 2>&1\n${command}`, {
    shell: true,
    detached: true,
    cwd: options.cwd,
    env: { ...options.env, [tree.marker.name]: tree.marker.value },
    extendEnv: false,
    stdin: 'ignore',
    buffer: false,
    reject: false,
    forceKillAfterDelay: false,
    windowsHide: true,
  });
  tree.attach(subprocess.pid);
  tail.follow(subprocess.stdout);
  tail.follow(subprocess.stderr);
  const onOutput = options.onOutput;
  if (onOutput) for (const stream of [subprocess.stdout, subprocess.stderr]) stream?.on('data', (chunk: Buffer | string) => onOutput(String(chunk)));

  let ending: 'timeout' | 'interrupt' | undefined;
  let killTimer: NodeJS.Timeout | undefined;
  const endTree = (why?: 'timeout' | 'interrupt') => {
    if (why && !ending) ending = why;
    if (tree.signal('SIGTERM') === 0) return tree.release();
    if (killTimer) return;
    // Unref'd: a stubborn leftover must not keep lepton itself alive (the exit hook kills it then).
    killTimer = setTimeout(() => {
      tree.signal('SIGKILL');
      tree.release();
      // A leftover that could not be found (outside Linux) must not keep the check waiting on its pipe.
      subprocess.stdout?.destroy();
      subprocess.stderr?.destroy();
    }, options.killGraceMs ?? DEFAULT_GRACE_MS);
    killTimer.unref();
  };
  let exited = false;
  // Once the command itself has exited, its exit code stands, however long leftovers take to go.
  const timer = setTimeout(() => exited || endTree('timeout'), options.timeoutMs);
  const onAbort = () => endTree('interrupt');
  options.signal.addEventListener('abort', onAbort, { once: true });
  if (options.signal.aborted) onAbort();
  // Background jobs the command left behind belong to its tree too; they would otherwise hold
  // the output pipes open and keep the check waiting.
  subprocess.once('exit', () => {
    exited = true;
    endTree();
  });

  try {
    const result = await subprocess;
    tail.flush();
    const spawnError = result.failed && result.exitCode === undefined && !result.signal && !ending ? result.originalMessage || result.shortMessage : undefined;
    return {
      exitCode: result.exitCode,
      signal: result.signal,
      timedOut: ending === 'timeout',
      interrupted: ending === 'interrupt',
      spawnError,
      output: tail.lines(),
    };
  } finally {
    clearTimeout(timer);
    options.signal.removeEventListener('abort', onAbort);
  }
}

/** Keeps the last complete lines of several streams, each decoded and split on its own. */
class OutputTail {
  private readonly kept: string[] = [];
  private readonly partials = new Map<Readable, { decoder: StringDecoder; rest: string }>();

  constructor(private readonly limit: number) {}

  follow(stream: Readable | null | undefined): void {
    if (!stream) return;
    const state = { decoder: new StringDecoder('utf8'), rest: '' };
    this.partials.set(stream, state);
    stream.on('data', (chunk: Buffer | string) => {
      const text = state.rest + (typeof chunk === 'string' ? chunk : state.decoder.write(chunk));
      const lines = text.split('\n');
      state.rest = lines.pop() ?? '';
      // A runaway line without newlines must not grow without bound.
      if (state.rest.length > MAX_LINE * 4) state.rest = state.rest.slice(-MAX_LINE * 4);
      for (const line of lines) this.keep(line);
    });
  }

  flush(): void {
    for (const state of this.partials.values()) {
      const rest = state.rest + state.decoder.end();
      if (rest !== '') this.keep(rest);
      state.rest = '';
    }
  }

  lines(): string[] {
    return [...this.kept];
  }

  private keep(raw: string): void {
    // A progress bar redraws its line with \r: only the last drawing counts.
    const line = stripAnsi(
      raw
        .split('\r')
        .filter((part) => part !== '')
        .at(-1) ?? '',
    ).trimEnd();
    this.kept.push(line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line);
    if (this.kept.length > this.limit) this.kept.shift();
  }
}
