// `gate --all`, `status --all`, `verify --all`: every project below the current folder, evaluated in
// parallel (bounded), reported per project in path order, with one overall verdict and exit code.
import { availableParallelism } from 'node:os';
import { EXIT, InterruptedError, LeptonError, usageError } from '../errors.js';
import { findProjects, type ProjectLocation } from '../lifecycle/projects.js';
import { runPooled } from '../pool.js';
import type { LoadedManifest } from '../manifest/load.js';
import type { ReportFormat } from '../report/index.js';
import { escapeData } from '../report/github.js';
import { palette, type Paint } from '../report/style.js';
import type { CommandInput, CommandIO } from './types.js';
import { phaseTitles } from '../lifecycle/phases.js';

export type AllCommand = 'gate' | 'status' | 'verify';

export interface AllOptions {
  format?: string;
  phase?: string;
  completed?: boolean;
  only?: string[];
  concurrency?: number;
  strict?: boolean;
  junit?: string;
  sarif?: string;
}

export interface ProjectResult {
  /** Project folder relative to the search folder (`.` for the folder itself). */
  path: string;
  /** `project.name`, when the manifest could be read. */
  project?: string;
  /** gate: the gate passed · status: the current gate passes · verify: the ledger checks out. */
  passed: boolean;
  exitCode: number;
  /** The command's own `--format json` report for this project. */
  report?: unknown;
  /** Why the project could not be evaluated (an invalid manifest, an unknown --phase…). */
  error?: { message: string; details: string[]; hint?: string };
}

export interface AllReport {
  version: 1;
  command: AllCommand;
  passed: boolean;
  projects: ProjectResult[];
  summary: { total: number; passed: number; failed: number; invalid: number };
}

/** A project's result plus its section of the output in the chosen format. */
interface ProjectRun extends ProjectResult {
  text: string;
  warnings: string[];
  /** Ids of the checks that ran (gate), to tell an `--only` id no project has. */
  checkIds?: string[];
}

const ALL_FORMATS: readonly ReportFormat[] = ['pretty', 'json', 'github', 'markdown'];

export async function runAll(command: AllCommand, input: CommandInput<AllOptions>): Promise<number> {
  const { options, globals, io } = input;
  if (globals.manifest) throw usageError('--all and --manifest cannot be used together', 'use -C DIR to choose the folder searched for projects');
  if (options.junit) throw usageError('--junit is not available with --all', 'fan out with `lepton ci matrix` and write one JUnit file per project, or use --format json');
  if (options.sarif) throw usageError('--sarif is not available with --all', 'fan out with `lepton ci matrix` and write one SARIF file per project');
  const { resolveFormat } = await import('../report/index.js');
  const format = resolveFormat(options.format, io.env);
  if (!ALL_FORMATS.includes(format)) {
    throw usageError(`--format ${format} is not available with --all`, `use --format pretty, json, github or markdown; for one JUnit report per project, fan out with \`lepton ci matrix\``);
  }
  const ran = new Set<string>();
  if (format === 'markdown') io.stdout(`${(await import('../report/markdown.js')).REPORT_MARKER}\n`);
  const report = await evaluateAll(command, globals.cwd, { ...options, format }, io, (run) => {
    for (const warning of run.warnings) io.stderr(`warning: ${run.path}: ${warning}\n`);
    for (const id of run.checkIds ?? []) ran.add(id);
    if (format !== 'json') io.stdout(run.text);
  });
  io.stdout(closing(format, report, await palette(io.mode.color)));
  const unmatched = command === 'gate' ? (options.only ?? []).filter((id) => !ran.has(id)) : [];
  if (unmatched.length > 0) {
    io.stderr(`lepton: --only names no check ${unmatched.map((id) => `"${id}"`).join(', ')} in any project's gate\nhint: check the ids with \`lepton gate --all --format json\`\n`);
    return EXIT.usage;
  }
  return exitCodeOf(report);
}

/**
 * Evaluates every project; `onProject` receives each one in path order as soon as it and all
 * before it are done, so output streams in a stable order.
 */
export async function evaluateAll(
  command: AllCommand,
  base: string,
  options: AllOptions & { format: ReportFormat },
  io: CommandIO,
  onProject: (run: ProjectRun) => void = () => {},
): Promise<AllReport> {
  const { projects } = await findProjects(base);
  if (projects.length === 0) {
    throw usageError(`no lepton.yaml found in ${base} or below it (ignored folders and node_modules are skipped)`, 'run `lepton init` in a project folder, or pass -C DIR');
  }
  const cpus = Math.max(1, availableParallelism());
  const projectLimit = Math.min(projects.length, cpus);
  const checkConcurrency = options.concurrency ?? Math.max(1, Math.floor(cpus / projectLimit));
  const runs = new Array<ProjectRun | undefined>(projects.length);
  let flushed = 0;
  const flush = () => {
    while (flushed < runs.length && runs[flushed]) onProject(runs[flushed++]!);
  };
  await runPooled(projects, projectLimit, async (location, index) => {
    runs[index] = await runProject(command, base, location, { ...options, concurrency: checkConcurrency }, io);
    // Reported in the projects' order as soon as all before it are done.
    flush();
  }, io.signal);
  if (io.signal.aborted) throw new InterruptedError();
  const results = runs.map((run) => publicResult(run!));
  const invalid = results.filter((result) => result.error).length;
  const passed = results.filter((result) => !result.error && result.passed).length;
  return {
    version: 1,
    command,
    passed: results.every((result) => result.exitCode === EXIT.ok),
    projects: results,
    summary: { total: results.length, passed, failed: results.length - passed - invalid, invalid },
  };
}

function publicResult({ text: _text, warnings: _warnings, checkIds: _checkIds, ...result }: ProjectRun): ProjectResult {
  return result;
}

async function runProject(command: AllCommand, base: string, location: ProjectLocation, options: AllOptions & { format: ReportFormat }, io: CommandIO): Promise<ProjectRun> {
  let loaded: LoadedManifest | undefined;
  try {
    // verify completes a transition a crash interrupted before reading, as `lepton verify` does.
    const { loadProject: load } = await import('../lifecycle/project.js');
    loaded = await load({ cwd: base, manifest: location.manifest });
    const section = await SECTIONS[command](loaded, options, io);
    // The whole output carries the Markdown marker once, on its first line.
    if (options.format === 'markdown') section.text = (await import('../report/markdown.js')).withoutMarker(section.text);
    return { path: location.path, project: loaded.manifest.project.name, warnings: loaded.warnings, ...section, text: heading(location, loaded, options.format, await palette(io.mode.color)) + section.text + (options.format === 'github' ? '::endgroup::\n' : '') };
  } catch (error) {
    if (error instanceof InterruptedError || !(error instanceof LeptonError)) throw error;
    const failure = { message: error.message, details: error.details, ...(error.hint && { hint: error.hint }) };
    return {
      path: location.path,
      ...(loaded && { project: loaded.manifest.project.name }),
      passed: false,
      exitCode: error.exitCode,
      error: failure,
      warnings: loaded?.warnings ?? [],
      text: heading(location, loaded, options.format, await palette(io.mode.color)) + errorText(failure, options.format),
    };
  }
}

type Section = Pick<ProjectRun, 'passed' | 'exitCode' | 'report' | 'text'> & { checkIds?: string[] };
type SectionRunner = (loaded: LoadedManifest, options: AllOptions & { format: ReportFormat }, io: CommandIO) => Promise<Section>;

const SECTIONS: Record<AllCommand, SectionRunner> = {
  async gate(loaded, options, io) {
    const { gate } = await import('./gate.js');
    const { formatGateReport } = await import('../report/index.js');
    const { publicCheck } = await import('../report/json.js');
    const only = await onlyHere(loaded, options);
    if (only?.length === 0) {
      const report = { version: 1, project: loaded.manifest.project.name, phase: loaded.manifest.phase, passed: true, checks: [], summary: { total: 0, passed: 0, failed: 0, errored: 0, skipped: 0, waived: 0 } };
      const text = options.format === 'json' ? '' : `no check named ${options.only!.join(', ')} in this gate\n\n`;
      return { passed: true, exitCode: EXIT.ok, report, text, checkIds: [] };
    }
    const report = await gate(loaded, { ...options, ...(only && { only }) }, io);
    const reportOptions = { color: io.mode.color, titles: phaseTitles(loaded.manifest), env: io.env, root: loaded.root };
    const text = options.format === 'json' ? '' : `${await formatGateReport(options.format, report, reportOptions)}${options.format === 'pretty' ? '\n' : ''}`;
    if (options.format === 'github') await appendSummary(io, () => formatGateReport('markdown', report, reportOptions));
    return { passed: report.passed, exitCode: report.passed ? EXIT.ok : EXIT.gateFailed, report: { ...report, checks: report.checks.map(publicCheck) }, text, checkIds: report.checks.map((check) => check.id) };
  },
  async status(loaded, options, io) {
    const { status, formatStatusPretty } = await import('./status.js');
    const { formatStatusReport } = await import('../report/index.js');
    const { publicCheck } = await import('../report/json.js');
    const report = await status(loaded, io);
    const reportOptions = { color: false, env: io.env, root: loaded.root };
    let text = '';
    if (options.format === 'pretty') text = `${formatStatusPretty(report, await palette(io.mode.color))}\n`;
    else if (options.format !== 'json') text = await formatStatusReport(options.format as 'github' | 'markdown', report, reportOptions);
    if (options.format === 'github') await appendSummary(io, () => formatStatusReport('markdown', report, reportOptions));
    return { passed: report.gate.passed, exitCode: EXIT.ok, report: { ...report, gate: { ...report.gate, checks: report.gate.checks.map(publicCheck) } }, text };
  },
  async verify(loaded, options, io) {
    const { verifyProject } = await import('../lifecycle/verify.js');
    const { formatVerifyPretty } = await import('./verify.js');
    const { formatVerifyReport } = await import('../report/index.js');
    const report = await verifyProject(loaded, { strict: Boolean(options.strict) });
    const reportOptions = { color: false, env: io.env, root: loaded.root };
    let text = '';
    if (options.format === 'pretty') text = `${formatVerifyPretty(report, Boolean(options.strict), await palette(io.mode.color))}\n`;
    else if (options.format !== 'json') text = await formatVerifyReport(options.format as 'github' | 'markdown', report, reportOptions);
    if (options.format === 'github') await appendSummary(io, () => formatVerifyReport('markdown', report, reportOptions));
    return { passed: report.ok, exitCode: report.ok ? EXIT.ok : EXIT.gateFailed, report, text };
  },
};

/**
 * `--only` across projects: each project runs the ids it has in the selected phases; one that has
 * none of them runs nothing (an empty array). Undefined when `--only` is not given.
 */
async function onlyHere(loaded: LoadedManifest, options: AllOptions): Promise<string[] | undefined> {
  if (!options.only?.length) return undefined;
  const [{ selectPhases }, { readProjectLedger }] = await Promise.all([import('./gate.js'), import('../lifecycle/project.js')]);
  const phases = selectPhases(loaded.manifest, (await readProjectLedger(loaded)).state, options);
  const here = new Set(phases.flatMap((phase) => phase.gate.map((check) => check.id)));
  return options.only.filter((id) => here.has(id));
}

async function appendSummary(io: CommandIO, markdown: () => Promise<string>): Promise<void> {
  await (await import('./report-files.js')).appendStepSummary(io, markdown);
}

function heading(location: ProjectLocation, loaded: LoadedManifest | undefined, format: ReportFormat, paint: Paint): string {
  const name = loaded ? ` (${loaded.manifest.project.name})` : '';
  if (format === 'pretty') return `${paint.bold.underline(`${location.path}${name}`)}\n`;
  if (format === 'markdown') return `\n# ${location.path}${name}\n\n`;
  if (format === 'github') return `::group::${location.path}${name}\n`;
  return '';
}

function errorText(error: NonNullable<ProjectResult['error']>, format: ReportFormat): string {
  const lines = [`lepton: ${error.message}`, ...error.details.map((detail) => `  ${detail}`), ...(error.hint ? [`hint: ${error.hint}`] : [])];
  if (format === 'github') return `::error title=lepton::${escapeData(lines.join('\n'))}\n::endgroup::\n`;
  if (format === 'markdown') return `\`\`\`text\n${lines.join('\n')}\n\`\`\`\n`;
  return `${lines.join('\n')}\n\n`;
}

/** What follows the projects' sections: the whole report (json) or the overall verdict. */
function closing(format: ReportFormat, report: AllReport, paint: Paint): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'markdown':
      return `\n${overallMarkdown(report)}`;
    case 'github':
      return `${overallLine(report)}\n`;
    default:
      return overallLines(report, paint);
  }
}

function verdictOf(result: ProjectResult): 'passed' | 'failed' | 'invalid' {
  return result.error ? 'invalid' : result.passed ? 'passed' : 'failed';
}

function overallLine(report: AllReport): string {
  const { summary } = report;
  const parts = [`${summary.passed} passed`];
  if (summary.failed) parts.push(`${summary.failed} failed`);
  if (summary.invalid) parts.push(`${summary.invalid} could not be evaluated`);
  return `${summary.total} project${summary.total === 1 ? '' : 's'}: ${parts.join(', ')}`;
}

function overallLines(report: AllReport, paint: Paint): string {
  const width = Math.max(...report.projects.map((project) => project.path.length));
  const marks = { passed: paint.green('✔'), failed: paint.red('✖'), invalid: paint.red('!') };
  const lines = report.projects.map((project) => {
    const verdict = verdictOf(project);
    const detail = project.error ? project.error.message : project.project ?? '';
    return `  ${marks[verdict]} ${project.path.padEnd(width)}  ${detail}`;
  });
  const verdict = exitCodeOf(report) === EXIT.ok ? paint.green.bold(overallLine(report)) : paint.red.bold(overallLine(report));
  return `${verdict}\n${lines.join('\n')}\n`;
}

function overallMarkdown(report: AllReport): string {
  const rows = report.projects.map((project) => `| \`${project.path}\` | ${project.project ?? ''} | ${verdictOf(project)} |`);
  return `# ${overallLine(report)}\n\n| path | project | result |\n|---|---|---|\n${rows.join('\n')}\n`;
}

/** The worst project decides: an invalid manifest (2) over a failed gate (1). */
export function exitCodeOf(report: AllReport): number {
  return report.projects.reduce((worst, project) => Math.max(worst, project.exitCode), EXIT.ok as number);
}
