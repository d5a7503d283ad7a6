// `gate --all`, `status --all`, `verify --all`: every project below the current folder, reported
// per project in path order as each is done, with one overall verdict and exit code.
import { EXIT, LeptonError } from '../errors.js';
import { evaluateAll, exitCodeOf, type AllCommand } from '../lifecycle/all-projects.js';
import { ALL_FORMATS, formatAllClosing, formatAllOpening, formatGateReport, formatProjectSection, formatStatusReport, formatVerifyReport, resolveFormat } from '../report/index.js';
import { warningText } from '../report/notes.js';
import { allWithJunit, allWithManifest, allWithSarif, commandHint, formatNotForAll, onlyNamesNoCheckInAnyProject } from './messages.js';
import { appendStepSummary } from './report-files.js';
import type { Recovered } from '../lifecycle/project.js';
import { recoveredText } from '../report/moves.js';
import type { CommandInput } from './types.js';

export interface AllCommandOptions {
  format?: string;
  phase?: string;
  completed?: boolean;
  only?: string[];
  concurrency?: number;
  strict?: boolean;
  junit?: string;
  sarif?: string;
}

export async function runAll(command: AllCommand, { options, globals, io }: CommandInput<AllCommandOptions>): Promise<number> {
  if (globals.manifest) throw allWithManifest();
  if (options.junit) throw allWithJunit();
  if (options.sarif) throw allWithSarif();
  const format = resolveFormat(options.format, io.env);
  if (!ALL_FORMATS.includes(format)) throw formatNotForAll(format);
  const reportOptions = { color: io.mode.color, env: io.env };
  io.stdout(await formatAllOpening(format));
  // Sections are printed as projects finish, in path order; the step summary follows the same order.
  let printing = Promise.resolve();
  const onRecovered = (recovered: Recovered, project: { path: string; name: string }) => io.stderr(recoveredText(recovered, project));
  const report = await evaluateAll(command, globals.cwd, { ...options, env: io.env, signal: io.signal, onRecovered }, (project) => {
    printing = printing.then(async () => {
      for (const warning of project.warnings) io.stderr(warningText(warning, project.path));
      if (project.error?.code) project.error.hint = commandHint(new LeptonError(project.error.message, project.error)) ?? project.error.hint;
      io.stdout(await formatProjectSection(format, project, reportOptions));
      const result = project.result;
      if (format !== 'github' || !result) return;
      const own = { ...reportOptions, color: false, root: project.root, titles: project.titles };
      await appendStepSummary(io, () =>
        result.command === 'gate'
          ? formatGateReport('markdown', result.report, own)
          : result.command === 'status'
            ? formatStatusReport('markdown', result.report, own)
            : formatVerifyReport('markdown', result.report, { ...own, strict: result.strict }),
      );
    });
  });
  await printing;
  io.stdout(await formatAllClosing(format, report, reportOptions));
  if (report.unmatched.length > 0) {
    io.stderr(onlyNamesNoCheckInAnyProject(report.unmatched));
    return EXIT.usage;
  }
  return exitCodeOf(report);
}
