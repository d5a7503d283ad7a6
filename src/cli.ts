// The entry point: routes the command line to a command module and turns what it returns or
// throws into output and an exit code. Only this file ends the process.
import { EXIT, LeptonError, formatLocation } from './errors.js';
import { commandHint } from './commands/messages.js';
import { exitWhenSettled } from './exit.js';
import { parseFastPath } from './cli/fast-path.js';
import type { CommandModule } from './cli/table.js';
import { VERSION } from './version.js';
import { safeText } from './text.js';
import { resolveOutputMode } from './output.js';
import type { CommandIO, GlobalOptions } from './commands/types.js';

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function printError(error: LeptonError, io: CommandIO): void {
  const where = error.location && !error.message.includes(formatLocation(error.location)) ? `${formatLocation(error.location)}: ` : '';
  // Messages quote file contents, arguments and ledger fields: their control characters are shown, never raw.
  io.stderr(`lepton: ${safeText(`${where}${error.message}`, { multiline: true })}\n`);
  for (const detail of error.details) io.stderr(`  ${safeText(detail, { multiline: true })}\n`);
  const hint = commandHint(error) ?? error.hint;
  if (hint) io.stderr(`hint: ${safeText(hint, { multiline: true })}\n`);
}

function outputMode(env: NodeJS.ProcessEnv, noColor: boolean): CommandIO['mode'] {
  const stdoutIsTTY = Boolean(process.stdout.isTTY);
  // stdin matters only for prompts, which need stdout on a terminal too: a command writing to a
  // pipe or file never sets up the stdin stream (milliseconds of start-up).
  return resolveOutputMode({ env, stdoutIsTTY, stdinIsTTY: stdoutIsTTY && Boolean(process.stdin.isTTY), noColor });
}

export async function main(argv: string[]): Promise<number> {
  const controller = new AbortController();
  let interrupted = false;
  // Ctrl-C, a cancelled CI job (SIGTERM), a closed terminal (SIGHUP): stop what runs and end its
  // process trees; a second signal exits at once, and the exit hook of process-tree.ts still kills them.
  const onSignal = () => {
    if (interrupted) process.exit(EXIT.interrupted);
    interrupted = true;
    controller.abort();
  };
  for (const name of STOP_SIGNALS) process.on(name, onSignal);
  // A reader that stops early (`lepton gate | head`) is not an error: stop writing, exit quietly.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      // Anything else: say it once, without a stack trace, and stop.
      process.stderr.write(`lepton: cannot write output: ${error.message}\n`);
      process.exit(EXIT.usage);
    });
  }
  const io: CommandIO = {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
    mode: outputMode(process.env, false),
    signal: controller.signal,
  };
  const run = async (load: () => Promise<CommandModule>, args: unknown[], options: Record<string, unknown>, globals: GlobalOptions, noColor: boolean) => {
    io.mode = outputMode(process.env, noColor);
    const module = await load();
    return module.run({ args, options, globals, io });
  };
  let exitCode: number = EXIT.ok;
  try {
    const fast = parseFastPath(argv.slice(2));
    if (fast?.kind === 'version') {
      io.stdout(`${VERSION}\n`);
    } else if (fast) {
      exitCode = await run(fast.load, fast.args, fast.options, fast.globals, fast.noColor);
    } else {
      const { buildProgram, globalsOf } = await import('./cli/program.js');
      const program = buildProgram(
        async (load, args, command) => {
          const { globals, noColor } = globalsOf(command);
          exitCode = await run(load, args, command.opts(), globals, noColor);
        },
        { writeOut: io.stdout, writeErr: io.stderr },
      );
      await program.parseAsync(argv, { from: 'node' });
    }
  } catch (error) {
    exitCode = exitCodeFor(error, io);
  } finally {
    for (const name of STOP_SIGNALS) process.off(name, onSignal);
  }
  return interrupted ? EXIT.interrupted : exitCode;
}

function exitCodeFor(error: unknown, io: CommandIO): number {
  const code = (error as { code?: unknown } | null)?.code;
  // commander's errors carry a `commander.*` code (its class name does not survive minifying).
  if (typeof code === 'string' && code.startsWith('commander.')) {
    // Help and --version (`lepton help`, `--help`) end with commander's exit code 0.
    return (error as { exitCode?: unknown }).exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof LeptonError) {
    printError(error, io);
    if (process.env.LEPTON_DEBUG === '1') io.stderr(`${error.stack ?? ''}\n${error.cause ? `caused by: ${(error.cause as Error).stack ?? String(error.cause)}\n` : ''}`);
    return error.exitCode;
  }
  const unexpected = error as Error;
  io.stderr(`lepton: unexpected error: ${safeText(unexpected?.message ?? String(error), { multiline: true })}\n`);
  if (process.env.LEPTON_DEBUG === '1') io.stderr(`${unexpected?.stack ?? ''}\n`);
  else io.stderr('hint: run again with LEPTON_DEBUG=1 for details, and report it if it persists\n');
  return EXIT.usage;
}

exitWhenSettled(main(process.argv));
