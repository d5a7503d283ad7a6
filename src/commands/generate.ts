// `lepton generate [TEMPLATE...]`: renders templates into docs/ (the current phase's by default),
// or lists them with where each comes from.
import { findManifest, loadManifest, type LoadedManifest } from '../manifest/load.js';
import type { Language } from '../manifest/schema.js';
import { currentPhase } from '../lifecycle/phases.js';
import { renderTemplates, type RenderedDocument } from '../templates/generate.js';
import { PROJECT_TEMPLATES_DIR, listTemplates, templateFiles, type TemplateListing } from '../templates/registry.js';
import type { CommandRun } from './types.js';

export interface GenerateOptions {
  list?: boolean;
  force?: boolean;
  lang?: Language;
}

export const run: CommandRun<GenerateOptions> = async ({ args, options, globals, io }) => {
  const names = (args[0] as string[] | undefined) ?? [];
  if (options.list) {
    const loaded = globals.manifest || (await findManifest(globals.cwd)) ? await loadManifest(globals) : undefined;
    const listing = listTemplates(await templateFiles(loaded?.root ?? globals.cwd), loaded?.manifest);
    io.stdout(formatListing(listing));
    return 0;
  }
  const loaded = await loadManifest(globals);
  for (const warning of loaded.warnings) io.stderr(`warning: ${warning}\n`);
  const selected = names.length > 0 ? names : currentPhase(loaded.manifest).templates;
  if (selected.length === 0) {
    if (!globals.quiet) io.stderr(`phase "${loaded.manifest.phase}" lists no templates; name one, e.g. \`lepton generate poc-plan\`\n`);
    return 0;
  }
  const results = await renderTemplates(loaded, selected, { force: options.force, lang: options.lang });
  io.stdout(formatResults(results, loaded, options.lang));
  const kept = results.filter((result) => result.status === 'kept');
  if (kept.length > 0 && !globals.quiet) {
    io.stderr(`${kept.map((result) => result.file).join(', ')} already ${kept.length > 1 ? 'exist' : 'exists'}; pass --force to overwrite\n`);
  }
  return 0;
};

const VERBS: Record<RenderedDocument['status'], string> = { created: 'created', overwritten: 'overwrote', kept: 'kept' };

function formatResults(results: RenderedDocument[], loaded: LoadedManifest, lang: Language | undefined): string {
  const wanted = lang ?? loaded.manifest.project.language;
  return results.map((result) => {
    const notes = [
      result.origin === 'project' ? `from ${PROJECT_TEMPLATES_DIR}/${result.language}` : '',
      result.status !== 'kept' && result.language !== wanted ? `no ${wanted} version; rendered in ${result.language}` : '',
    ].filter(Boolean);
    return `${VERBS[result.status].padEnd(9)} ${result.file}${notes.length ? `  (${notes.join('; ')})` : ''}\n`;
  }).join('');
}

function sourceText(template: TemplateListing): string {
  if (template.project.length === 0) return template.builtIn.length ? 'built-in' : 'missing';
  if (template.builtIn.length === 0) return 'project';
  const overridden = template.project.filter((language) => template.builtIn.includes(language));
  return overridden.length ? `project (overrides built-in ${overridden.join(', ')})` : `built-in, project ${template.project.join(', ')}`;
}

export function formatListing(listing: TemplateListing[]): string {
  const rows = [
    ['TEMPLATE', 'PHASES', 'LANGUAGES', 'SOURCE'],
    ...listing.map((template) => [template.name, template.phases.join(', ') || '-', template.languages.join(', ') || '-', sourceText(template)]),
  ];
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => `${row.map((cell, column) => (column < 3 ? cell.padEnd(widths[column]!) : cell)).join('  ')}\n`).join('');
}
