// `--all`'s core: gate, status or verify for every project below a folder, evaluated in parallel
// (bounded), each project's result handed on in path order as soon as it and all before it are done.
import { availableParallelism } from 'node:os';
import { EXIT, InterruptedError, LeptonError, usageError } from '../errors.js';
import type { GateReport } from '../gate/types.js';
import type { LoadedManifest } from '../manifest/load.js';
import { runPooled } from '../pool.js';
import { gateProject, type PhaseSelection } from './gate-project.js';
import { phaseTitles } from './phases.js';
import { loadProject, type Recovered } from './project.js';
import { findProjects, type ProjectLocation } from './projects.js';
import { projectStatus, type StatusReport } from './status.js';
import { verifyProject, type VerifyReport } from './verify.js';

export type AllCommand = 'gate' | 'status' | 'verify';

export interface AllOptions extends PhaseSelection {
  only?: readonly string[] | undefined;
  concurrency?: number | undefined;
  strict?: boolean | undefined;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  /** Hears of each step a crash interrupted that loading a project completed. */
  onRecovered?: ((recovered: Recovered, project: { path: string; name: string }) => void) | undefined;
}

/** One project's own report, as the single-project command returns it. */
export type ProjectReport = { command: 'gate'; report: GateReport } | { command: 'status'; report: StatusReport } | { command: 'verify'; report: VerifyReport; strict: boolean };

export interface ProjectResult {
  /** Project folder relative to the search folder (`.` for the folder itself). */
  path: string;
  /** `project.name`, when the manifest could be read. */
  project?: string;
  /** gate: the gate passed · status: the current gate passes · verify: the ledger checks out. */
  passed: boolean;
  exitCode: number;
  result?: ProjectReport;
  /** Why the project could not be evaluated (an invalid manifest, an unknown phase…). */
  error?: { message: string; details: string[]; hint?: string; code?: string };
  /** The manifest's warnings. */
  warnings: string[];
  /** Absolute project folder and its phase titles, for the reporters. */
  root: string;
  titles: Record<string, string>;
}

export interface AllReport {
  version: 1;
  command: AllCommand;
  passed: boolean;
  projects: ProjectResult[];
  summary: { total: number; passed: number; failed: number; invalid: number };
  /** gate: the ids a run was limited to that no project's gate has. */
  unmatched: string[];
}

export async function evaluateAll(command: AllCommand, base: string, options: AllOptions, onProject: (result: ProjectResult) => void = () => {}): Promise<AllReport> {
  const { projects } = await findProjects(base);
  if (projects.length === 0) {
    throw usageError(
      `no lepton.yaml found in ${base} or below it (ignored folders and node_modules are skipped)`,
      'run `lepton init` in a project folder',
      undefined,
      'no-projects',
    );
  }
  const cpus = Math.max(1, availableParallelism());
  const projectLimit = Math.min(projects.length, cpus);
  const checkConcurrency = options.concurrency ?? Math.max(1, Math.floor(cpus / projectLimit));
  const results = new Array<ProjectResult | undefined>(projects.length);
  let flushed = 0;
  await runPooled(
    projects,
    projectLimit,
    async (location, index) => {
      results[index] = await evaluateProject(command, base, location, { ...options, concurrency: checkConcurrency });
      while (flushed < results.length && results[flushed]) onProject(results[flushed++]!);
    },
    options.signal,
  );
  if (options.signal.aborted) throw new InterruptedError();
  const done = results as ProjectResult[];
  const invalid = done.filter((result) => result.error).length;
  const passed = done.filter((result) => !result.error && result.passed).length;
  const ranIds = new Set(done.flatMap((result) => (result.result?.command === 'gate' ? result.result.report.checks.map((check) => check.id) : [])));
  return {
    version: 1,
    command,
    passed: done.every((result) => result.exitCode === EXIT.ok),
    projects: done,
    summary: { total: done.length, passed, failed: done.length - passed - invalid, invalid },
    unmatched: command === 'gate' ? (options.only ?? []).filter((id) => !ranIds.has(id)) : [],
  };
}

async function evaluateProject(command: AllCommand, base: string, location: ProjectLocation, options: AllOptions): Promise<ProjectResult> {
  let loaded: LoadedManifest | undefined;
  try {
    // loadProject completes a transition a crash interrupted before reading, as each command does.
    loaded = await loadProject({ cwd: base, manifest: location.manifest }, (recovered, project) =>
      options.onRecovered?.(recovered, { path: location.path, name: project.manifest.project.name }),
    );
    const result = await evaluate(command, loaded, options);
    const passed = result.command === 'verify' ? result.report.ok : result.command === 'status' ? result.report.gate.passed : result.report.passed;
    return {
      path: location.path,
      project: loaded.manifest.project.name,
      passed,
      exitCode: result.command === 'status' || passed ? EXIT.ok : EXIT.gateFailed,
      result,
      warnings: loaded.warnings,
      root: loaded.root,
      titles: phaseTitles(loaded.manifest),
    };
  } catch (error) {
    if (error instanceof InterruptedError || !(error instanceof LeptonError)) throw error;
    return {
      path: location.path,
      ...(loaded && { project: loaded.manifest.project.name }),
      passed: false,
      exitCode: error.exitCode,
      error: { message: error.message, details: error.details, ...(error.hint && { hint: error.hint }), ...(error.code && { code: error.code }) },
      warnings: loaded?.warnings ?? [],
      root: location.dir,
      titles: loaded ? phaseTitles(loaded.manifest) : {},
    };
  }
}

async function evaluate(command: AllCommand, loaded: LoadedManifest, options: AllOptions): Promise<ProjectReport> {
  switch (command) {
    case 'gate':
      return { command, report: (await gateProject(loaded, options)).report };
    case 'status':
      return { command, report: await projectStatus(loaded, options) };
    case 'verify':
      return { command, report: await verifyProject(loaded, { strict: Boolean(options.strict) }), strict: Boolean(options.strict) };
  }
}

/** The worst project decides: an invalid manifest (2) over a failed gate (1). */
export function exitCodeOf(report: AllReport): number {
  return report.projects.reduce((worst, project) => Math.max(worst, project.exitCode), EXIT.ok as number);
}
