// `doc: path`: a Markdown document is written: its sections filled, no placeholder left, every box ticked.
// Read synchronously: a document is small (size-capped), and an await through the thread pool costs more than the read.
import { readRegularFileSync } from '../../fs.js';
import type { CheckOf } from '../../manifest/schema.js';
import type { CheckContext, CheckModule, CheckOutcome, Problem } from '../types.js';
import { notUtf8 } from './encoding.js';
import { plural, resolveInside, sha256 } from './files.js';
import type { MarkdownAnalysis, Section } from './markdown.js';
import { countFilled, judgeWriting, readRenderedRecord, type SectionCount } from './doc-written.js';

const DEFAULT_PLACEHOLDER = 'TODO';
/** Documents larger than this are refused unread: the Markdown syntax tree takes many times the text's size. */
export const MAX_DOC_BYTES = 4 * 1024 * 1024;
/** How long a document's analysis may take: far more than any real document needs. */
const ANALYSIS_TIMEOUT_MS = 5000;

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
  const read = readRegularFileSync(resolved.path, MAX_DOC_BYTES);
  if ('problem' in read) {
    if (read.problem === 'missing') return { status: 'fail', message: `${file} does not exist`, hint: missingHint(file), evidence: { file, missing: true } };
    if (read.problem === 'folder') return { status: 'fail', message: `${file} is a folder, not a Markdown file`, evidence: { file, missing: true } };
    if (read.problem === 'too-large') {
      return { status: 'error', message: `${file} ${read.message}: documents larger than that are not read`, hint: `split ${file} into smaller documents` };
    }
    return { status: 'error', message: `could not read ${file}: ${read.message}` };
  }
  const bytes = read.bytes;
  const digest = context.evidence ? sha256(bytes) : undefined;
  const evidence = digest ? { file, sha256: digest } : undefined;
  const files = digest ? { files: [{ path: file, sha256: digest }] } : {};
  const outcome = (result: CheckOutcome, sections: SectionCount = { filled: 0, total: 0 }): CheckOutcome => ({
    ...result,
    evidence,
    values: { ...files, sections },
    reads: [file],
  });
  const encoding = notUtf8(bytes);
  if (encoding) {
    const message = `${file} is ${encoding}; lepton reads Markdown as UTF-8`;
    return outcome({ status: 'error', message, problems: [{ file, message }], hint: `save ${file} as UTF-8 (e.g. \`iconv -f UTF-16 -t UTF-8\`)` });
  }
  const source = bytes.toString('utf8');
  if (source.trim() === '') return outcome({ status: 'fail', message: `${file} is empty` });
  const analysis = await analyse(file, source, placeholder, context);
  if ('timedOut' in analysis) {
    return outcome({
      status: 'error',
      message: `placeholder /${placeholder.source}/ took over ${ANALYSIS_TIMEOUT_MS / 1000}s on ${file}: the expression backtracks without end`,
      hint: 'use a plain word (TODO, TBD) or an expression without nested repetition such as (a+)+',
    });
  }
  // Without headings there is nothing to check a section of: "hello world" is not a plan.
  if (analysis.sections.length === 0 && !check.sections) {
    const message = `no sections found in ${file}: a document is checked by its headings`;
    return outcome({ status: 'fail', message, problems: [{ file, line: 1, message }], hint: `give ${file} its sections: headings (## …), each followed by its content` });
  }
  const record = readRenderedRecord(context.root, file);
  const problems = docProblems(file, source, analysis, check, placeholder, record);
  // Counted against what lepton rendered, the number of sections written says how far the team is.
  const written = record ? ` (${problems.sections.filled} of ${plural(problems.sections.total, 'section')} written)` : '';
  if (problems.list.length === 0) return outcome({ status: 'pass', message: `${file} is complete${written}` }, problems.sections);
  return outcome({ status: 'fail', message: `${problems.summary}${written}`, problems: problems.list }, problems.sections);
}

/**
 * The document's analysis: from the cache when text with this hash was analysed with this
 * placeholder before, otherwise from its syntax tree (markdown.ts), in bounded time:
 * a placeholder expression that backtracks catastrophically is stopped, not waited for.
 */
async function analyse(file: string, source: string, placeholder: RegExp, context: CheckContext): Promise<MarkdownAnalysis | { timedOut: true }> {
  const key = `doc\0${file}\0${placeholder.source}\0${placeholder.flags}`;
  // The cache keeps the text's hash, not the text: a large document must not be copied into it.
  const digest = context.cache ? sha256(source) : '';
  const cached = await context.cache?.get<MarkdownAnalysis>(key, digest);
  if (cached) return cached;
  const { analyseMarkdown, markdownTree } = await import('./markdown.js');
  const tree = await markdownTree(source);
  let analysis: MarkdownAnalysis;
  // Without a quantifier an expression cannot backtrack without end (the default, TODO, has none):
  // it runs as it is, and only one that could runs under vm's timeout (a context costs a millisecond).
  if (!/[*+?{]/.test(placeholder.source)) {
    analysis = analyseMarkdown(source, tree, placeholder);
    await context.cache?.set(key, digest, analysis);
    return analysis;
  }
  const { runInNewContext } = await import('node:vm');
  try {
    // vm's timeout stops any code run from the script, the regular expression engine included.
    analysis = runInNewContext('analyse()', { analyse: () => analyseMarkdown(source, tree, placeholder) }, { timeout: ANALYSIS_TIMEOUT_MS }) as MarkdownAnalysis;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return { timedOut: true };
    throw error;
  }
  await context.cache?.set(key, digest, analysis);
  return analysis;
}

/** Case- and space-insensitive heading title, for matching the titles a manifest lists. */
function normaliseTitle(title: string): string {
  return title.trim().replace(/\s+/g, ' ').toLowerCase();
}

function docProblems(
  file: string,
  source: string,
  analysis: MarkdownAnalysis,
  check: CheckOf<'doc'>,
  placeholder: RegExp,
  record: ReturnType<typeof readRenderedRecord>,
): { list: Problem[]; summary: string; sections: SectionCount } {
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
  // What lepton rendered is known: a section holding only that, or a filler word, is not written.
  const writing = record ? judgeWriting(file, source, analysis, record, placeholder, inScope) : undefined;
  const located: Problem[] = [
    ...empty.map((section) => ({ file, line: section.line, message: `section '${section.title}' is empty` })),
    ...placeholders.map((marker) => ({ file, line: marker.line, message: `placeholder ${marker.text} ${where(marker.section)}` })),
    ...boxes.map((box) => ({ file, line: box.line, message: `unticked box ${where(box.section)}${box.text ? `: ${box.text}` : ''}` })),
    ...(writing?.problems ?? []),
  ].sort((left, right) => (left.line ?? 0) - (right.line ?? 0));

  const parts: string[] = [];
  if (missing.length) parts.push(`${plural(missing.length, 'section')} ${missing.length === 1 ? 'is' : 'are'} missing`);
  if (empty.length) parts.push(`${plural(empty.length, 'section')} ${empty.length === 1 ? 'is' : 'are'} empty`);
  const withPlaceholders = new Set(placeholders.map((marker) => marker.section ?? '')).size;
  if (withPlaceholders) parts.push(`${plural(withPlaceholders, 'section')} still ${withPlaceholders === 1 ? 'has' : 'have'} placeholders`);
  if (writing?.untouched) parts.push(`${plural(writing.untouched, 'section')} still ${writing.untouched === 1 ? 'holds' : 'hold'} only the template's text`);
  if (writing?.fillers) parts.push(`${plural(writing.fillers, 'section')} ${writing.fillers === 1 ? 'holds' : 'hold'} only a filler word`);
  if (boxes.length) parts.push(`${plural(boxes.length, 'box', 'boxes')} ${boxes.length === 1 ? 'is' : 'are'} unticked`);
  return { list: [...missing, ...located], summary: parts.join(', '), sections: writing?.sections ?? countFilled(analysis, inScope) };
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
