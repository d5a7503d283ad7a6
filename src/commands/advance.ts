// `lepton advance [--dry-run] [--message TEXT]`: the lifecycle core records the move, then the
// next phase's documents are rendered (never overwriting one that exists).
import { EXIT, InterruptedError, LeptonError } from '../errors.js';
import { advance, type AdvanceResult } from '../lifecycle/transitions.js';
import type { LoadedManifest } from '../manifest/load.js';
import { publicCheck } from '../report/json.js';
import { formatGateReport } from '../report/index.js';
import { palette, type Paint } from '../report/style.js';
import { renderTemplates, type RenderedDocument } from '../templates/generate.js';
import type { CommandRun } from './types.js';
import { phaseTitles } from '../lifecycle/phases.js';
import { openProject } from './project.js';

export interface AdvanceCommandOptions {
  dryRun?: boolean;
  message?: string;
  format?: string;
  verbose?: boolean;
}

export const run: CommandRun<AdvanceCommandOptions> = async ({ options, globals, io }) => {
  // commander allows only pretty and json.
  const format = options.format ?? 'pretty';
  const loaded = await openProject(globals, io);
  const progress = await (await import('./progress.js')).startProgress(globals, io, Boolean(options.verbose));
  const watch = progress && { onStart: progress.onStart, onResult: progress.onResult, onOutput: progress.onOutput };
  const result = await advance(loaded, { dryRun: options.dryRun, message: options.message, env: io.env, signal: io.signal, progress: watch });
  progress?.stop();
  if (io.signal.aborted) throw new InterruptedError();
  const next = result.to ? loaded.manifest.phases.find((phase) => phase.id === result.to) : undefined;
  const documents = result.advanced && next && result.manifest ? await renderNext({ ...loaded, manifest: result.manifest }, next.templates, io.stderr) : [];
  if (format === 'json') {
    io.stdout(`${JSON.stringify(advanceJson(result, documents), null, 2)}\n`);
  } else {
    const titles = phaseTitles(loaded.manifest);
    if (!globals.quiet || !result.gate.passed) io.stdout(await formatGateReport('pretty', result.gate, { color: io.mode.color, titles, env: io.env, root: loaded.root }));
    io.stdout(advanceSummary(result, documents, next?.templates ?? [], await palette(io.mode.color)));
  }
  return result.gate.passed ? EXIT.ok : EXIT.gateFailed;
};

/** The move is recorded already: a document that cannot be rendered is reported, not fatal. */
async function renderNext(loaded: LoadedManifest, templates: string[], stderr: (text: string) => void): Promise<RenderedDocument[]> {
  try {
    return await renderTemplates(loaded, templates, { force: false });
  } catch (error) {
    if (!(error instanceof LeptonError)) throw error;
    stderr(`warning: advanced, but the new phase's documents were not rendered: ${error.message}\nhint: ${error.hint ?? 'fix it'}, then run \`lepton generate\`\n`);
    return [];
  }
}

export function advanceJson(result: AdvanceResult, documents: RenderedDocument[]) {
  return {
    version: 1 as const,
    project: result.gate.project,
    from: result.from,
    to: result.to,
    complete: result.complete,
    dryRun: result.dryRun,
    advanced: result.advanced,
    entry: result.entry?.seq ?? null,
    documents: documents.map((document) => ({ file: document.file, status: document.status })),
    gate: { passed: result.gate.passed, summary: result.gate.summary, checks: result.gate.checks.map(publicCheck) },
  };
}

export function advanceSummary(result: AdvanceResult, documents: RenderedDocument[], templates: string[], paint: Paint): string {
  const target = result.to ?? 'complete';
  if (!result.gate.passed) {
    const blocking = result.gate.checks.filter((check) => check.required && (check.status === 'fail' || check.status === 'error'));
    return `\n${paint.red('Not advanced:')} ${blocking.length} required check${blocking.length === 1 ? '' : 's'} of ${result.from} ${blocking.length === 1 ? 'does' : 'do'} not pass (${blocking.map((check) => check.id).join(', ')}). Nothing was changed.\n` +
      'Next: fix what failed above, then run `lepton advance` again.\n';
  }
  if (result.dryRun) {
    return `\n${paint.cyan('Dry run:')} the gate of ${result.from} passes. \`lepton advance\` would record it in the ledger and ` +
      (result.to ? `move to ${result.to}${templates.length ? `, rendering ${templates.map((name) => `docs/${name}.md`).join(', ')} where missing` : ''}.\n` : 'mark the project complete.\n');
  }
  const lines = [''];
  if (!result.to) {
    lines.push(`${paint.green('Complete:')} ${result.from} passed its gate, the last phase (ledger entry #${result.entry?.seq}). The project has passed every phase.`);
    lines.push('Next: commit .lepton/ledger.jsonl; `lepton gate --completed` keeps every phase honest from here on.');
  } else {
    lines.push(`${paint.green('Advanced:')} ${result.from} → ${target} (ledger entry #${result.entry?.seq}); lepton.yaml now says phase: ${target}.`);
    for (const document of documents) lines.push(`  ${document.status === 'kept' ? 'kept   ' : 'created'} ${document.file}`);
    const created = documents.filter((document) => document.status !== 'kept').map((document) => document.file);
    lines.push(`Next: commit lepton.yaml and .lepton/ledger.jsonl${created.length ? `, fill in ${created.join(', ')}` : ''}; \`lepton gate\` shows what ${target} needs.`);
  }
  return `${lines.join('\n')}\n`;
}
