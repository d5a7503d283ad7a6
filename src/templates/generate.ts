// Renders templates into docs/<name>.md: every name resolved and every document rendered before
// the first write, each write atomic, and an existing document kept unless `force`. Beside each
// document goes the record of what was rendered (.lepton/rendered/), which the `doc` check reads.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { usageError } from '../errors.js';
import { writeFileAtomic } from '../fs.js';
import type { LoadedManifest } from '../manifest/load.js';
import { pathEscapeReason } from '../manifest/paths.js';
import type { Language } from '../manifest/schema.js';
import { recordPath, renderedRecord } from '../rendered-record.js';
import { templateContext } from './context.js';
import { isTemplateName, readTemplate, resolveTemplate, templateFiles, unknownTemplateError, type TemplateFile, type TemplateFormat, type TemplateOrigin } from './registry.js';
import { renderTemplate } from './render.js';

export const DOCS_DIR = 'docs';

export interface RenderOptions {
  /** Overwrite existing documents. */
  force?: boolean;
  /** Language to render in; default the manifest's. */
  lang?: Language;
  now?: Date;
}

export interface RenderedDocument {
  name: string;
  /** Project-relative path, e.g. docs/poc-plan.md. */
  file: string;
  status: 'created' | 'overwritten' | 'kept';
  /** The language of the template used (another one when the requested language has none). */
  language: Language;
  origin: TemplateOrigin;
}

export function documentPath(name: string, format: TemplateFormat = 'md'): string {
  return `${DOCS_DIR}/${name}.${format}`;
}

interface Planned {
  name: string;
  file: string;
  template: TemplateFile;
  exists: boolean;
}

/** A file rendering writes: a document, or the record of what was rendered into it (written first). */
export interface DocumentWrite {
  /** Relative to the project root. */
  path: string;
  content: string;
  /** The document this write belongs to: none of its writes is made once it exists, unless `force`. */
  document: string;
}

/** Renders `names` for the project; names already rendered are kept unless `force`. */
export async function renderTemplates(loaded: Pick<LoadedManifest, 'manifest' | 'root'>, names: string[], options: RenderOptions = {}): Promise<RenderedDocument[]> {
  const { documents, writes } = await planDocuments(loaded, names, options);
  for (const write of writes) await writeFileAtomic(path.join(loaded.root, write.path), write.content);
  return documents;
}

/** Renders `names` without writing: what `renderTemplates` would write, in order, and what it would report. */
export async function planDocuments(
  loaded: Pick<LoadedManifest, 'manifest' | 'root'>,
  names: string[],
  options: RenderOptions = {},
): Promise<{ documents: RenderedDocument[]; writes: DocumentWrite[] }> {
  const { manifest, root } = loaded;
  const language = options.lang ?? manifest.project.language;
  const files = await templateFiles(root);
  const planned: Planned[] = [];
  for (const name of [...new Set(names)]) {
    if (!isTemplateName(name)) throw usageError(`"${name}" is not a template name`, 'template names are kebab-case, e.g. poc-plan', undefined, 'template-name');
    const template = resolveTemplate(files, name, language);
    if (!template) throw unknownTemplateError(name, files);
    const file = documentPath(name, template.format);
    const escapes = pathEscapeReason(root, file);
    if (escapes) throw usageError(`cannot write ${file}: ${escapes}`, `make ${DOCS_DIR}/ a folder inside the project`);
    planned.push({ name, file, template, exists: await existingFile(root, file) });
  }

  const context = templateContext({ ...manifest, project: { ...manifest.project, language } }, options.now ?? new Date(), await readResults(root, manifest));
  const documents: RenderedDocument[] = [];
  const writes: DocumentWrite[] = [];
  for (const item of planned) {
    const content = item.exists && !options.force ? undefined : renderTemplate(await readTemplate(item.template), context, item.name);
    if (content !== undefined) {
      // The record first: a document on disk always has the record of what was rendered into it.
      if (item.template.format === 'md') {
        const record = renderedRecord(item.name, item.template.language, content);
        writes.push({ path: recordPath(item.file), content: `${JSON.stringify(record, null, 1)}\n`, document: item.file });
      }
      writes.push({ path: item.file, content, document: item.file });
    }
    documents.push({
      name: item.name,
      file: item.file,
      status: content === undefined ? 'kept' : item.exists ? 'overwritten' : 'created',
      language: item.template.language,
      origin: item.template.origin,
    });
  }
  return { documents, writes };
}

/** The PoC results file, parsed, when it exists and parses: documents show the measured values. */
async function readResults(root: string, manifest: Pick<LoadedManifest, 'manifest'>['manifest']): Promise<unknown> {
  const file = templateContext(manifest).resultsFile;
  if (pathEscapeReason(root, file)) return undefined;
  const text = await readFile(path.join(root, file), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    return /\.ya?ml$/i.test(file) ? (await import('yaml')).parse(text) : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** True when the document exists; a folder in its place is an error, not something to overwrite. */
async function existingFile(root: string, file: string): Promise<boolean> {
  const info = await stat(path.join(root, file)).catch(() => undefined);
  if (info && !info.isFile()) throw usageError(`${file} exists and is not a file`, `move it away, then run \`lepton generate\` again`);
  return info !== undefined;
}
