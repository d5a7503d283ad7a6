// Which sections of a rendered document the team has written: a section lepton's template asked to
// be written counts only when it holds a line the template did not put there and that says more
// than a filler word ("N/A", "TBD", "-"). Read from the record written at render time.
import { readFileSync } from 'node:fs';
import { blankComments, isFillerLine, lineFingerprint, parseRenderedRecord, recordPath, type RenderedRecord } from '../../rendered-record.js';
import type { Problem } from '../types.js';
import { resolveInside } from './files.js';
import type { MarkdownAnalysis, Section } from './markdown.js';

export interface SectionCount {
  filled: number;
  total: number;
}

export interface WritingJudgement {
  problems: Problem[];
  sections: SectionCount;
  /** Sections that still hold only the template's text, and those holding only filler words. */
  untouched: number;
  fillers: number;
}

/** The record of what lepton rendered into `file`, or undefined (rendered before records, or not by lepton). */
export function readRenderedRecord(root: string, file: string): RenderedRecord | undefined {
  const resolved = resolveInside(root, recordPath(file));
  if ('reason' in resolved) return undefined;
  try {
    return parseRenderedRecord(readFileSync(resolved.path, 'utf8'));
  } catch {
    return undefined;
  }
}

interface OwnLines {
  written: number[];
  fillers: number[];
  rendered: number[];
}

/** The lines of a section up to its first subsection, sorted by who wrote them. */
function ownLines(lines: string[], from: number, to: number, known: Set<string>, placeholder: RegExp): OwnLines {
  const own: OwnLines = { written: [], fillers: [], rendered: [] };
  for (let line = from; line <= to; line++) {
    const text = lines[line - 1] ?? '';
    if (text.trim() === '' || placeholder.test(text)) continue;
    if (known.has(lineFingerprint(text))) own.rendered.push(line);
    else if (isFillerLine(text)) own.fillers.push(line);
    else own.written.push(line);
  }
  return own;
}

const normalise = (title: string) => title.trim().replace(/\s+/g, ' ').toLowerCase();

/** The analysis' sections that the record says were rendered asking to be written, matched by title in order. */
function recordedSections(sections: Section[], record: RenderedRecord): Set<Section> {
  const pending = new Map<string, number>();
  for (const section of record.sections) pending.set(normalise(section.title), (pending.get(normalise(section.title)) ?? 0) + 1);
  const recorded = new Set<Section>();
  for (const section of sections) {
    const left = pending.get(normalise(section.title)) ?? 0;
    if (left > 0) {
      recorded.add(section);
      pending.set(normalise(section.title), left - 1);
    }
  }
  return recorded;
}

const range = (lines: number[]) => (lines.length === 1 ? `line ${lines[0]}` : `lines ${lines[0]}–${lines.at(-1)}`);

/**
 * Sections filled / total, and a problem for each section still holding only the template's text
 * or a filler word. `inScope` limits it to the sections a check names; empty sections are left
 * to the caller, which reports them already.
 */
export function judgeWriting(
  file: string,
  source: string,
  analysis: MarkdownAnalysis,
  record: RenderedRecord,
  placeholder: RegExp,
  inScope: (line: number) => boolean,
): WritingJudgement {
  const lines = blankComments(source).split('\n');
  const known = new Set(record.lines);
  const { sections } = analysis;
  const own = sections.map((section, index) => ownLines(lines, section.line + 1, (sections[index + 1]?.line ?? lines.length + 1) - 1, known, placeholder));
  const recorded = recordedSections(sections, record);
  const wrote = (index: number) => {
    const section = sections[index]!;
    for (let other = index; other < sections.length && sections[other]!.line <= section.endLine; other++) {
      if (own[other]!.written.length > 0) return true;
    }
    return false;
  };
  const judgement: WritingJudgement = { problems: [], sections: { filled: 0, total: 0 }, untouched: 0, fillers: 0 };
  sections.forEach((section, index) => {
    if (!recorded.has(section) || !inScope(section.line)) return;
    judgement.sections.total++;
    if (wrote(index)) {
      judgement.sections.filled++;
      return;
    }
    if (!section.hasContent) return;
    const { fillers, rendered } = own[index]!;
    if (fillers.length > 0) {
      judgement.fillers++;
      const word = (lines[fillers[0]! - 1] ?? '').trim();
      judgement.problems.push({
        file,
        line: fillers[0],
        message: `'${section.title}' holds only a filler ("${word}", ${range(fillers)}): write what applies here, or why nothing does`,
      });
      return;
    }
    judgement.untouched++;
    if (rendered.length === 0) {
      judgement.problems.push({ file, line: section.line, message: `'${section.title}' is not written yet: its subsections hold only the template's text` });
      return;
    }
    const rows = rendered.every((line) => (lines[line - 1] ?? '').trim().startsWith('|'));
    judgement.problems.push({ file, line: rendered[0], message: `'${section.title}' still holds the template's example ${rows ? 'rows' : 'text'}, ${range(rendered)}` });
  });
  return judgement;
}

/** Sections filled / total for a document lepton has no record of: every section with content counts. */
export function countFilled(analysis: MarkdownAnalysis, inScope: (line: number) => boolean): SectionCount {
  const sections = analysis.sections.filter((section) => inScope(section.line));
  return { filled: sections.filter((section) => section.hasContent).length, total: sections.length };
}
