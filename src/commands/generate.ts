// `lepton generate [TEMPLATE...]`: renders templates into docs/ (the current phase's by default),
// or lists them with where each comes from.
import { findManifest, loadManifest } from '../manifest/load.js';
import type { Language } from '../manifest/schema.js';
import { currentPhase } from '../lifecycle/phases.js';
import { renderTemplates } from '../templates/generate.js';
import { PROJECT_TEMPLATES_DIR, listTemplates, templateFiles } from '../templates/registry.js';
import { formatListing, formatRendered, keptMessage, noTemplatesMessage } from '../report/templates.js';
import { warningText } from '../report/notes.js';
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
  for (const warning of loaded.warnings) io.stderr(warningText(warning));
  const selected = names.length > 0 ? names : currentPhase(loaded.manifest).templates;
  if (selected.length === 0) {
    if (!globals.quiet) io.stderr(noTemplatesMessage(loaded.manifest.phase));
    return 0;
  }
  const results = await renderTemplates(loaded, selected, { force: options.force, lang: options.lang });
  io.stdout(formatRendered(results, options.lang ?? loaded.manifest.project.language, PROJECT_TEMPLATES_DIR));
  const kept = keptMessage(results);
  if (kept && !globals.quiet) io.stderr(kept);
  return 0;
};
