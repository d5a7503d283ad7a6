// `lepton report [--all] [--out FILE]`: one self-contained HTML page for the people who decide at
// a gate (default lepton-report.html); `--all` makes it a portfolio of every project below.
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { EXIT, InterruptedError } from '../errors.js';
import { reportWrittenNote, reportWrittenText } from '../report/notes.js';
import { allWithManifest, foreignReportFile, noProjectsBelow, reportOutProtected } from './messages.js';
import type { CommandRun } from './types.js';
import { openProject } from './project.js';
import { MANIFEST_NAME } from '../manifest/load.js';

export interface ReportCommandOptions {
  all?: boolean;
  out?: string;
  force?: boolean;
}

export const DEFAULT_REPORT_FILE = 'lepton-report.html';

export const run: CommandRun<ReportCommandOptions> = async ({ options, globals, io }) => {
  const out = options.out ?? DEFAULT_REPORT_FILE;
  if (out !== '-') await refuseProjectFile(globals, out);
  const gather = { env: io.env, signal: io.signal };
  let html: string;
  if (options.all) {
    if (globals.manifest) throw allWithManifest();
    const [{ gatherPortfolio }, { renderPortfolioPage }, { recoveredText }] = await Promise.all([
      import('../lifecycle/report-data.js'),
      import('../report/html/page.js'),
      import('../report/moves.js'),
    ]);
    const data = await gatherPortfolio(globals.cwd, path.basename(globals.cwd) || globals.cwd, {
      ...gather,
      onRecovered: (recovered, project) => io.stderr(recoveredText(recovered, project)),
    });
    if (data.projects.length === 0) throw noProjectsBelow(globals.cwd);
    html = renderPortfolioPage(data);
  } else {
    const loaded = await openProject(globals, io);
    const [{ gatherProjectReport }, { renderProjectPage }] = await Promise.all([import('../lifecycle/report-data.js'), import('../report/html/page.js')]);
    html = renderProjectPage(await gatherProjectReport(loaded, gather));
  }
  if (io.signal.aborted) throw new InterruptedError();
  if (out === '-') {
    io.stdout(html);
    return EXIT.ok;
  }
  await refuseForeignFile(path.resolve(globals.cwd, out), out, Boolean(options.force));
  await (await import('./report-files.js')).writeReportFile(globals.cwd, out, html);
  io.stdout(reportWrittenText(out));
  if (!globals.quiet) io.stderr(reportWrittenNote(out, html));
  return EXIT.ok;
};

/** A report lepton wrote before is replaced; any other file only with --force. */
async function refuseForeignFile(file: string, shown: string, force: boolean): Promise<void> {
  if (force) return;
  const existing = await readFile(file, 'utf8').catch(() => undefined);
  if (existing !== undefined && !existing.includes('<meta name="generator" content="lepton">')) {
    throw foreignReportFile(shown);
  }
}

/** Where `file` really is: symbolic links (of it, or of its folder) followed as far as they exist. */
async function realTarget(file: string): Promise<string> {
  const real = await realpath(file).catch(() => undefined);
  if (real) return real;
  const parent = path.dirname(file);
  return parent === file ? file : path.join(await realTarget(parent), path.basename(file));
}

/** lepton.yaml (or the --manifest file) and what .lepton/ holds, the ledger first, are never a report's place, --force or not. */
async function refuseProjectFile(globals: { cwd: string; manifest?: string | undefined }, out: string): Promise<void> {
  const target = await realTarget(path.resolve(globals.cwd, out));
  const manifest = globals.manifest && (await realTarget(path.resolve(globals.cwd, globals.manifest)));
  if (path.basename(target) === MANIFEST_NAME || target === manifest) throw reportOutProtected(out, 'manifest', DEFAULT_REPORT_FILE);
  if (target.split(path.sep).includes('.lepton')) throw reportOutProtected(out, 'ledger', DEFAULT_REPORT_FILE);
}
