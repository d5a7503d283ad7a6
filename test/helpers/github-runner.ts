// Runs one job of a generated GitHub workflow as the runner would, minus the actions: each `run:`
// step in bash -e -o pipefail in the job's working directory, with the step's env, `if:`
// conditions, $GITHUB_OUTPUT, $GITHUB_PATH, $GITHUB_ENV, $GITHUB_STEP_SUMMARY and $RUNNER_TEMP.
// Only the expressions lepton's workflow uses are understood: any other fails the test, so the
// emulation never silently differs from the runner.
import { execa } from 'execa';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { cleanEnv } from './cli.js';
import { makeTempDir } from './git-repo.js';

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}

interface Job {
  defaults?: { run?: { 'working-directory'?: string } };
  steps: Step[];
}

export interface StepRun {
  name: string;
  /** Skipped: an action (`uses:`), or its `if:` was false. */
  skipped: boolean;
  exitCode: number;
  output: string;
}

export interface JobRun {
  passed: boolean;
  steps: StepRun[];
  summary: string;
  /** Everything the steps printed, in order, for assertion messages. */
  log: string;
}

export interface RunJobOptions {
  /** The checkout: the repository root. */
  checkout: string;
  /** What `github.event.pull_request.base.sha || github.event.before` is (empty: a new branch). */
  baseSha?: string;
  /** PATH before any step (node, git, python and the shell tools). */
  path: string;
  env?: Record<string, string | undefined>;
}

export async function readWorkflowJob(file: string, job = 'gates'): Promise<Job> {
  const workflow = parse(await readFile(file, 'utf8')) as { jobs: Record<string, Job> };
  const found = workflow.jobs[job];
  if (!found) throw new Error(`${file} has no job ${job}`);
  return found;
}

/** The value of a `${{ … }}` expression lepton's workflow uses, or a thrown error for any other. */
function expression(text: string, context: { baseSha: string; outputs: Map<string, Record<string, string>>; failed: boolean; temp: string }): string | boolean {
  const inner = text.trim();
  if (inner === 'github.event.pull_request.base.sha || github.event.before') return context.baseSha;
  if (inner === '!cancelled()') return true;
  if (inner === 'runner.temp') return context.temp;
  const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(inner);
  if (output) return context.outputs.get(output[1]!)?.[output[2]!] ?? '';
  const notEmpty = /^!cancelled\(\) && steps\.([\w-]+)\.outputs\.([\w-]+) != ''$/.exec(inner);
  if (notEmpty) return (context.outputs.get(notEmpty[1]!)?.[notEmpty[2]!] ?? '') !== '';
  throw new Error(`the runner emulation does not know the expression \${{ ${inner} }}`);
}

function substitute(value: string, context: Parameters<typeof expression>[1]): string {
  return value.replace(/\$\{\{(.+?)\}\}/g, (_, inner: string) => String(expression(inner, context)));
}

function condition(step: Step, context: Parameters<typeof expression>[1]): boolean {
  if (step.if === undefined) return !context.failed;
  const match = /^\$\{\{(.+)\}\}$/.exec(step.if.trim());
  return Boolean(expression(match ? match[1]! : step.if, context));
}

function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const equals = line.indexOf('=');
    if (equals > 0) outputs[line.slice(0, equals)] = line.slice(equals + 1);
  }
  return outputs;
}

export async function runWorkflowJob(job: Job, options: RunJobOptions): Promise<JobRun> {
  const temp = await makeTempDir('lepton-runner-');
  const files = { path: path.join(temp, 'github-path'), env: path.join(temp, 'github-env'), summary: path.join(temp, 'step-summary.md') };
  await Promise.all(Object.values(files).map((file) => writeFile(file, '')));
  const context = { baseSha: options.baseSha ?? '', outputs: new Map<string, Record<string, string>>(), failed: false, temp };
  const steps: StepRun[] = [];
  const log: string[] = [];
  try {
    for (const [index, step] of job.steps.entries()) {
      const name = step.name ?? step.uses ?? `step ${index + 1}`;
      if (step.uses || !step.run || !condition(step, context)) {
        steps.push({ name, skipped: true, exitCode: 0, output: '' });
        continue;
      }
      const outputFile = path.join(temp, `output-${index}`);
      await writeFile(outputFile, '');
      const added = (await readFile(files.path, 'utf8')).split('\n').filter(Boolean).reverse();
      const exported = parseOutputs(await readFile(files.env, 'utf8'));
      const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([key, value]) => [key, substitute(String(value), context)]));
      const cwd = path.resolve(options.checkout, step['working-directory'] ?? job.defaults?.run?.['working-directory'] ?? '.');
      const result = await execa('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', substitute(step.run, context)], {
        cwd,
        env: cleanEnv({
          ...options.env,
          ...exported,
          ...stepEnv,
          CI: 'true',
          GITHUB_ACTIONS: 'true',
          RUNNER_TEMP: temp,
          GITHUB_OUTPUT: outputFile,
          GITHUB_PATH: files.path,
          GITHUB_ENV: files.env,
          GITHUB_STEP_SUMMARY: files.summary,
          GITHUB_WORKSPACE: options.checkout,
          PATH: [...added, options.path].join(path.delimiter),
        }),
        extendEnv: false,
        reject: false,
        all: true,
        timeout: 300_000,
      });
      const exitCode = result.exitCode ?? -1;
      if (step.id) context.outputs.set(step.id, parseOutputs(await readFile(outputFile, 'utf8')));
      if (exitCode !== 0) context.failed = true;
      const output = String(result.all ?? '');
      steps.push({ name, skipped: false, exitCode, output });
      log.push(`::: ${name} (exit ${exitCode})\n${output}`);
    }
    return { passed: !context.failed, steps, summary: await readFile(files.summary, 'utf8'), log: log.join('\n') };
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
