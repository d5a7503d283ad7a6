// `lepton hooks run pre-push` (hidden): what lepton's pre-push hook runs. Reads git's pre-push
// input on stdin and, when the push updates a protected branch, runs `verify` and
// `gate --completed` in this one process. Also callable from husky or lefthook hooks.
// The manifest, verify and the gate load only when the input shows a branch update: a push of
// tags or deletions costs no more than starting Node.
import { EXIT, InterruptedError, LeptonError } from '../errors.js';
import { DEFAULT_PRE_PUSH_BRANCHES, mayNeedGate, parsePrePushInput, updatesToGate, type GatedUpdate, type PushUpdate } from '../lifecycle/pre-push.js';
import type { PrePushOutcome } from '../lifecycle/pre-push-gate.js';
import { PRE_PUSH_SKIPPED, prePushErrorRefusal, prePushPassedMessage, prePushRefusal } from '../report/hooks.js';
import { noSuchHook, notPrePushInput, prePushNeedsStdin } from './messages.js';
import type { CommandRun } from './types.js';
import { phaseTitles } from '../lifecycle/phases.js';

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw prePushNeedsStdin();
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function failureError(outcome: PrePushOutcome): LeptonError {
  const { message, details, hint } = prePushRefusal(outcome);
  return new LeptonError(message, { exitCode: EXIT.gateFailed, details, hint });
}

/** An error met while gating, as a refused push that says how to bypass the gate. */
function refusal(error: unknown, gated: readonly GatedUpdate[]): unknown {
  if (!(error instanceof LeptonError) || error instanceof InterruptedError) return error;
  const { message, hint } = prePushErrorRefusal(error, gated);
  return new LeptonError(message, { exitCode: error.exitCode, location: error.location, details: error.details, hint, cause: error });
}

export const run: CommandRun = async ({ args, globals, io }) => {
  const [hook] = args as string[];
  if (hook !== 'pre-push') throw noSuchHook(String(hook));
  if (io.env.LEPTON_SKIP === '1') {
    io.stderr(PRE_PUSH_SKIPPED);
    return EXIT.ok;
  }
  let updates: PushUpdate[];
  try {
    updates = parsePrePushInput(await readStdin());
  } catch (error) {
    if (error instanceof LeptonError) throw error;
    throw notPrePushInput((error as Error).message);
  }
  if (!mayNeedGate(updates)) return EXIT.ok;
  const { prePushGate } = await import('../lifecycle/pre-push-gate.js');
  // The project is opened only for a push that may need the gate (see mayNeedGate).
  const { openProject } = await import('./project.js');
  const loaded = await openProject(globals, io);
  const gated = updatesToGate(updates, loaded.manifest.hooks?.['pre-push']?.branches ?? DEFAULT_PRE_PUSH_BRANCHES);
  const outcome = await prePushGate(loaded, gated, { env: io.env, signal: io.signal }).catch((error: unknown) => {
    throw refusal(error, gated);
  });
  if (outcome.gated.length === 0) return EXIT.ok;
  if (outcome.passed) {
    if (!globals.quiet) io.stderr(prePushPassedMessage(outcome));
    return EXIT.ok;
  }
  if (outcome.report && !outcome.report.passed) {
    const titles = phaseTitles(loaded.manifest);
    const { formatGateReport } = await import('../report/index.js');
    io.stderr(await formatGateReport('pretty', outcome.report, { color: io.mode.color, titles, env: io.env, root: loaded.root }));
  }
  throw failureError(outcome);
};
