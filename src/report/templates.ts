// What `lepton generate` prints: the documents it rendered, or the templates and where each comes from.
import type { Language } from '../manifest/schema.js';
import { safeText } from '../text.js';
import type { RenderedDocument } from '../templates/generate.js';
import type { TemplateListing } from '../templates/registry.js';

const VERBS: Record<RenderedDocument['status'], string> = { created: 'created', overwritten: 'overwrote', kept: 'kept' };

/** `projectTemplates` is the folder of the project's own templates, as rendered documents name it. */
export function formatRendered(results: RenderedDocument[], wanted: Language, projectTemplates: string): string {
  const text = results
    .map((result) => {
      const notes = [
        result.origin === 'project' ? `from ${projectTemplates}/${result.language}` : '',
        result.status !== 'kept' && result.language !== wanted ? `no ${wanted} version; rendered in ${result.language}` : '',
      ].filter(Boolean);
      return `${VERBS[result.status].padEnd(9)} ${result.file}${notes.length ? `  (${notes.join('; ')})` : ''}\n`;
    })
    .join('');
  return safeText(text, { multiline: true });
}

/** The documents `generate` kept because they exist (stderr); undefined when it kept none. */
export function keptMessage(results: readonly RenderedDocument[]): string | undefined {
  const kept = results.filter((result) => result.status === 'kept');
  if (kept.length === 0) return undefined;
  return safeText(`${kept.map((result) => result.file).join(', ')} already ${kept.length > 1 ? 'exist' : 'exists'}; pass --force to overwrite\n`, { multiline: true });
}

/** When the current phase names no templates and none were asked for. */
export function noTemplatesMessage(phase: string): string {
  return `phase "${safeText(phase)}" lists no templates; name one, e.g. \`lepton generate poc-plan\`\n`;
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
  return safeText(rows.map((row) => `${row.map((cell, column) => (column < 3 ? cell.padEnd(widths[column]!) : cell)).join('  ')}\n`).join(''), { multiline: true });
}
