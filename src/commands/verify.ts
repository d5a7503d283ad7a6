// `lepton verify [--strict]`: exit 0 when the ledger holds together and backs `phase:`, 1 naming
// the first broken entry otherwise.
import { EXIT } from '../errors.js';
import { verifyProject, type VerifyReport } from '../lifecycle/verify.js';
import { formatVerifyReport, resolveFormat } from '../report/index.js';
import { palette, type Paint } from '../report/style.js';
import type { CommandRun } from './types.js';
import { openProject } from './project.js';

export const run: CommandRun<{ strict?: boolean; format?: string; all?: boolean; junit?: string }> = async (input) => {
  if (input.options.all) return (await import('./all-projects.js')).runAll('verify', input);
  const { options, globals, io } = input;
  const loaded = await openProject(globals, io);
  const report = await verifyProject(loaded, { strict: options.strict });
  const format = resolveFormat(options.format, io.env);
  const reportOptions = { color: io.mode.color, env: io.env, root: loaded.root };
  if (format === 'json') io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else if (format === 'pretty') io.stdout(formatVerifyPretty(report, Boolean(options.strict), await palette(io.mode.color)));
  // commander offers verify no sarif.
  else io.stdout(await formatVerifyReport(format as 'junit' | 'github' | 'markdown', report, reportOptions));
  if (format === 'github' || options.junit) {
    const { appendStepSummary, writeReportFile } = await import('./report-files.js');
    if (options.junit) await writeReportFile(globals.cwd, options.junit, await formatVerifyReport('junit', report, reportOptions));
    if (format === 'github') await appendStepSummary(io, () => formatVerifyReport('markdown', report, reportOptions));
  }
  return report.ok ? EXIT.ok : EXIT.gateFailed;
};

const HINTS: Record<NonNullable<VerifyReport['problems'][number]['check']>, string> = {
  chain: 'the ledger is append-only and written only by lepton: restore it from git (`git log -p -- .lepton/ledger.jsonl`)',
  phase: 'set phase: back to what the ledger records; only `lepton advance` and `lepton reopen` change it',
  approvals: 'sign-offs come from owners holding the check\'s roles (project.owners in lepton.yaml); restore the ledger from git',
  authors: 'commit each ledger entry as the person it names (e.g. `git commit --author "Name <email>"` right after their command)',
};

export function formatVerifyPretty(report: VerifyReport, strict: boolean, paint: Paint): string {
  if (report.ok) {
    const what = report.entries === 0
      ? `no ledger yet; ${report.phase} is the first phase`
      : `${report.entries} ledger entr${report.entries === 1 ? 'y' : 'ies'}, hash chain intact, phase: ${report.phase} matches the ledger${strict ? ', each entry committed by its actor' : ''}`;
    return `${paint.green('✔')} ${report.project}: ${what}\n`;
  }
  const [first, ...rest] = report.problems;
  const lines = [`${paint.red('✖')} ${report.project}: ${first?.message ?? 'the ledger does not verify'}`];
  for (const problem of rest) lines.push(`  ${problem.message}`);
  lines.push(`hint: ${HINTS[first?.check ?? 'chain']}`);
  return `${lines.join('\n')}\n`;
}
