// `doc: path`: a Markdown document is written: its sections filled, no placeholder left, every box ticked.
// Read synchronously: a document is small, and an await through the thread pool costs more than the read.
import { readFileSync } from 'node:fs';
import type { CheckOf } from '../../manifest/schema.js';
import type { CheckContext, CheckModule, CheckOutcome, Problem } from '../types.js';
import { notUtf8 } from './encoding.js';
import { plural, resolveInside, sha256 } from './files.js';
import type { MarkdownAnalysis, Section } from './markdown.js';

const DEFAULT_PLACEHOLDER = 'TODO';

async function evaluate(check: CheckOf<'doc'>, context: CheckContext): Promise<CheckOutcome> {
  const file = check.doc;
  const resolved = resolveInside(context.root, file);
  if ('reason' in resolved) return { status: 'error', message: resolved.reason };
  let placeholder: RegExp;
  try {
    placeholder = new RegExp(check.placeholder ?? DEFAULT_PLACEHOLDER);
  } catch (error) {
    return { status: 'error', message: `placeholder "${check.placeholder}" is not a valid regular expression: ${(error as Error).message}` };
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(resolved.path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { status: 'fail', message: `${file} does not exist`, hint: missingHint(file), evidence: { file, missing: true } };
    if (code === 'EISDIR') return { status: 'fail', message: `${file} is a folder, not a Markdown file`, evidence: { file, missing: true } };
    return { status: 'error', message: `could not read ${file}: ${(error as Error).message}` };
  }
  const evidence = context.evidence ? { file, sha256: sha256(bytes) } : undefined;
  const values = evidence && { files: [{ path: file, sha256: evidence.sha256 }] };
  const outcome = (result: CheckOutcome): CheckOutcome => ({ ...result, evidence, ...(values && { values }) });
  const encoding = notUtf8(bytes);
  if (encoding) {
    const message = `${file} is ${encoding}; lepton reads Markdown as UTF-8`;
    return outcome({ status: 'error', message, problems: [{ file, message }], hint: `save ${file} as UTF-8 (e.g. \`iconv -f UTF-16 -t UTF-8\`)` });
  }
  const source = bytes.toString('utf8');
  if (source.trim() === '') return outcome({ status: 'fail', message: `${file} is empty` });
  const analysis = await analyse(file, source, placeholder, context);
  // Without headings there is nothing to check a section of: "hello world" is not a plan.
  if (analysis.sections.length === 0 && !check.sections) {
    const message = `no sections found in ${file}: a document is checked by its headings`;
    return outcome({ status: 'fail', message, problems: [{ file, line: 1, message }], hint: `give ${file} its sections: headings (## …), each followed by its content` });
  }
  const problems = docProblems(file, analysis, check);
  if (problems.list.length === 0) return outcome({ status: 'pass', message: `${file} is complete` });
  return outcome({ status: 'fail', message: problems.summary, problems: problems.list });
}

/**
 * The document's analysis: from the cache when this exact text was analysed with this placeholder
 * before, otherwise from the CommonMark parser (loaded only then).
 */
async function analyse(file: string, source: string, placeholder: RegExp, context: CheckContext): Promise<MarkdownAnalysis> {
  const key = `doc\0${file}\0${placeholder.source}\0${placeholder.flags}`;
  const cached = await context.cache?.get<MarkdownAnalysis>(key, source);
  if (cached) return cached;
  const { analyseMarkdown } = await import('./markdown.js');
  const analysis = analyseMarkdown(source, placeholder);
  await context.cache?.set(key, source, analysis);
  return analysis;
}

/** Case- and space-insensitive heading title, for matching the titles a manifest lists. */
function normaliseTitle(title: string): string {
  return title.trim().replace(/\s+/g, ' ').toLowerCase();
}

function docProblems(file: string, analysis: MarkdownAnalysis, check: CheckOf<'doc'>): { list: Problem[]; summary: string } {
  const missing: Problem[] = [];
  let required: Section[] = analysis.sections;
  if (check.sections) {
    const wanted = new Set(check.sections.map(normaliseTitle));
    required = analysis.sections.filter((section) => wanted.has(normaliseTitle(section.title)));
    const present = new Set(required.map((section) => normaliseTitle(section.title)));
    for (const title of check.sections) {
      if (!present.has(normaliseTitle(title))) missing.push({ file, message: `missing section '${title}'` });
    }
  }
  const within = (section: Section, line: number) => line >= section.line && line <= section.endLine;
  // With `sections`, the check is about those sections only (their subsections included).
  const inScope = (line: number) => !check.sections || required.some((section) => within(section, line));
  const placeholders = analysis.placeholders.filter((marker) => inScope(marker.line));
  const empty = required.filter((section) => !section.hasContent && !placeholders.some((marker) => within(section, marker.line)));
  const boxes = check.checklist === false ? [] : analysis.uncheckedBoxes.filter((box) => inScope(box.line));
  const located: Problem[] = [
    ...empty.map((section) => ({ file, line: section.line, message: `section '${section.title}' is empty` })),
    ...placeholders.map((marker) => ({ file, line: marker.line, message: `placeholder ${marker.text} ${where(marker.section)}` })),
    ...boxes.map((box) => ({ file, line: box.line, message: `unticked box ${where(box.section)}${box.text ? `: ${box.text}` : ''}` })),
  ].sort((left, right) => left.line - right.line);

  const parts: string[] = [];
  if (missing.length) parts.push(`${plural(missing.length, 'section')} ${missing.length === 1 ? 'is' : 'are'} missing`);
  if (empty.length) parts.push(`${plural(empty.length, 'section')} ${empty.length === 1 ? 'is' : 'are'} empty`);
  const withPlaceholders = new Set(placeholders.map((marker) => marker.section ?? '')).size;
  if (withPlaceholders) parts.push(`${plural(withPlaceholders, 'section')} still ${withPlaceholders === 1 ? 'has' : 'have'} placeholders`);
  if (boxes.length) parts.push(`${plural(boxes.length, 'box', 'boxes')} ${boxes.length === 1 ? 'is' : 'are'} unticked`);
  return { list: [...missing, ...located], summary: parts.join(', ') };
}

function where(section: string | undefined): string {
  return section === undefined ? 'before the first heading' : `in '${section}'`;
}

function defaultHint(check: CheckOf<'doc'>): string {
  const marker = check.placeholder ?? DEFAULT_PLACEHOLDER;
  return `fill in every section of ${check.doc}, replace each ${marker} marker${check.checklist === false ? '' : ' and tick every box'}`;
}

/** Built-in documents are rendered to docs/<template>.md: name the command that recreates one. */
function missingHint(file: string): string {
  const template = /^docs\/([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/.exec(file)?.[1];
  return template ? `run \`lepton generate ${template}\` to create it from its template` : `write ${file}`;
}

export default { evaluate, defaultHint } satisfies CheckModule<'doc'>;
