// `run: command`: a shell command exits 0. With `inputs`, a pass is kept in the check cache
// (.lepton/cache/checks.json, one entry per command, cwd and env) until an input changes, or one
// of its declared `outputs` is missing (a fresh clone, a deleted report): then it runs again.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { realPathInside } from '../../manifest/paths.js';
import type { CheckOf } from '../../manifest/schema.js';
import type { CheckContext, CheckModule, CheckOutcome } from '../types.js';
import { runCommand } from './command.js';
import { hashFiles, resolveInside, sha256 } from './files.js';
import { matchFiles } from './glob.js';

const DEFAULT_TIMEOUT_S = 600;

interface CachedPass {
  output: string[];
  at: string;
}

async function evaluate(check: CheckOf<'run'>, context: CheckContext): Promise<CheckOutcome> {
  const command = check.run;
  const cwd = await workingDirectory(context.root, check.cwd ?? '.');
  if ('reason' in cwd) return { status: 'error', message: cwd.reason };
  const ownEnv = stringEnv(check.env);
  const relativeCwd = path.relative(context.root, cwd.path).split(path.sep).join('/') || '.';

  const inputFiles = check.inputs ? await matchInputs(context.root, check.inputs, context.signal) : [];
  const inputsHash = inputFiles.length ? await hashInputs(context.root, inputFiles) : undefined;
  // What the command's result rests on: its inputs (its outputs a fresh clone makes again).
  const reads = inputFiles;
  const evidenceOf = (exitCode: number | null) => ({ command, cwd: relativeCwd, exitCode, ...(inputsHash && { inputsHash }) });
  // The pass holds while the inputs hash stays the one it was recorded with.
  const cacheKey = inputsHash && context.cache ? `run\0${command}\0${relativeCwd}\0${JSON.stringify(ownEnv)}` : undefined;
  const outputs = check.outputs === undefined ? [] : Array.isArray(check.outputs) ? check.outputs : [check.outputs];
  const missingOutputs = () => missingPatterns(context.root, outputs, context.signal);
  if (cacheKey && inputsHash && (await missingOutputs()).length === 0) {
    const cached = await context.cache?.get<CachedPass>(cacheKey, inputsHash);
    if (cached) {
      return { status: 'pass', message: `${shown(command)} passed (cached: inputs unchanged since ${cached.at})`, output: cached.output, evidence: evidenceOf(0), reads };
    }
  }

  const timeoutS = check.timeout ?? DEFAULT_TIMEOUT_S;
  const result = await runCommand(command, {
    cwd: cwd.path,
    env: { ...context.env, ...Object.fromEntries(ownEnv) },
    timeoutMs: timeoutS * 1000,
    signal: context.signal,
    onOutput: context.onOutput,
  });
  const output = result.output;
  if (result.interrupted) return { status: 'error', message: `${shown(command)} was interrupted`, output };
  if (result.spawnError) return { status: 'error', message: `${shown(command)} could not be started: ${result.spawnError}`, output };
  if (result.timedOut) {
    return {
      status: 'fail',
      message: `${shown(command)} timed out after ${timeoutS}s`,
      hint: `find out why \`${check.run}\` takes so long, or raise the check's \`timeout\` (now ${timeoutS}s) if it needs longer`,
      output,
      evidence: evidenceOf(null),
      reads,
    };
  }
  if (result.exitCode === 0) {
    const missing = await missingOutputs();
    if (missing.length > 0) {
      return {
        status: 'fail',
        message: `${shown(command)} exited 0 but wrote nothing matching its outputs ${missing.join(', ')}`,
        hint: `make \`${check.run}\` write ${missing.join(', ')}, or correct the check's \`outputs\``,
        output,
        evidence: evidenceOf(0),
        reads,
      };
    }
    if (cacheKey && inputsHash) await context.cache?.set(cacheKey, inputsHash, { output, at: context.now().toISOString() } satisfies CachedPass);
    return { status: 'pass', message: `${shown(command)} passed`, output, evidence: evidenceOf(0), reads };
  }
  const how =
    result.exitCode === undefined ? `was ended by ${result.signal ?? 'a signal'}` : `exited with code ${result.exitCode}${result.exitCode === 127 ? ' (command not found)' : ''}`;
  return { status: 'fail', message: `${shown(command)} ${how}`, output, evidence: evidenceOf(result.exitCode ?? null), reads };
}

/** The command's folder: inside the project (also after symlinks) and an existing folder. */
async function workingDirectory(root: string, relative: string): Promise<{ path: string } | { reason: string }> {
  const resolved = resolveInside(root, relative);
  if ('reason' in resolved) return { reason: `cwd ${resolved.reason}` };
  const stats = await stat(resolved.path).catch(() => undefined);
  if (!stats?.isDirectory()) return { reason: `cwd "${relative}" is not a folder in the project` };
  if (!realPathInside(root, resolved.path)) return { reason: `cwd "${relative}" goes through a symlink that points outside the project` };
  return resolved;
}

/** The check's own variables as strings, sorted (so that the cache key does not depend on key order). */
function stringEnv(env: CheckOf<'run'>['env']): [string, string][] {
  return Object.entries(env ?? {})
    .map(([name, value]): [string, string] => [name, String(value)])
    .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
}

/** Every file the input globs match, sorted. None (a typo in `inputs`) means no cache: a pass must not be cached for good. */
async function matchInputs(root: string, patterns: readonly string[], signal: AbortSignal): Promise<string[]> {
  const files = new Set<string>();
  for (const pattern of patterns) for (const file of await matchFiles(root, pattern, signal)) files.add(file);
  return [...files].sort();
}

/** One hash over the path and contents of every input file. */
async function hashInputs(root: string, files: readonly string[]): Promise<string> {
  return sha256(JSON.stringify(await hashFiles(root, files)));
}

/** The patterns that match no file. */
async function missingPatterns(root: string, patterns: readonly string[], signal: AbortSignal): Promise<string[]> {
  const missing: string[] = [];
  for (const pattern of patterns) if ((await matchFiles(root, pattern, signal)).length === 0) missing.push(pattern);
  return missing;
}

/** The command as messages quote it: in backticks, long ones shortened. */
function shown(command: string): string {
  const oneLine = command.replace(/\s+/g, ' ').trim();
  return `\`${oneLine.length > 60 ? `${oneLine.slice(0, 57)}...` : oneLine}\``;
}

function defaultHint(check: CheckOf<'run'>): string {
  const where = check.cwd && check.cwd !== '.' ? ` in ${check.cwd}` : '';
  return `run \`${check.run}\`${where} yourself and fix what it reports`;
}

export default { evaluate, defaultHint } satisfies CheckModule<'run'>;
