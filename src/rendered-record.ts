// What lepton rendered into a document, kept beside it in .lepton/rendered/ (committed): which
// sections the team must write and a fingerprint of every line the template put there. The `doc`
// check reads it to tell the template's own example rows and guidance from what the team wrote,
// without loading the template engine. Shared by templates (the writer) and gate (the reader).

export const RENDERED_DIR = '.lepton/rendered';

/** The placeholder a built-in template marks "write this" with. */
export const TEMPLATE_PLACEHOLDER = /TODO/;

export interface RenderedSection {
  title: string;
  /** Line of the heading in the rendered document. */
  line: number;
}

export interface RenderedRecord {
  version: 1;
  template: string;
  language: string;
  /** Sections whose rendered text asked the team to write (held a placeholder line). */
  sections: RenderedSection[];
  /** Fingerprints (`lineFingerprint`) of every rendered line, sorted and unique. */
  lines: string[];
}

/** Where the record of a project-relative document lives, e.g. .lepton/rendered/docs/poc-plan.md.json. */
export function recordPath(documentPath: string): string {
  return `${RENDERED_DIR}/${documentPath}.json`;
}

/** A line as compared: trimmed, spaces collapsed, a ticked box counted as the unticked one it was. */
export function normaliseLine(line: string): string {
  return line
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/^([-*+] )\[[xX]\]/, '$1[ ]');
}

/** A short non-cryptographic fingerprint (53-bit cyrb53, base 36): node:crypto stays unloaded on a gate. */
export function lineFingerprint(line: string): string {
  const text = normaliseLine(line);
  let first = 0xdeadbeef;
  let second = 0x41c6ce57;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    first = Math.imul(first ^ code, 2654435761);
    second = Math.imul(second ^ code, 1597334677);
  }
  first = Math.imul(first ^ (first >>> 16), 2246822507) ^ Math.imul(second ^ (second >>> 13), 3266489909);
  second = Math.imul(second ^ (second >>> 16), 2246822507) ^ Math.imul(first ^ (first >>> 13), 3266489909);
  return (4294967296 * (2097151 & second) + (first >>> 0)).toString(36);
}

const HEADING = /^ {0,3}(#{1,6})[ \t]+(.+?)[ \t#]*$/;
const FENCE = /^ {0,3}(```|~~~)/;

/** HTML comments blanked, their line breaks kept. */
export function blankComments(text: string): string {
  return text.replace(/<!--[\s\S]*?(?:-->|$)/g, (comment) => comment.replace(/[^\n]/g, ''));
}

/** The record of a freshly rendered document: its ATX headings (templates use no other kind). */
export function renderedRecord(template: string, language: string, text: string): RenderedRecord {
  const lines = text.split('\n');
  const visible = blankComments(text).split('\n');
  const sections: RenderedSection[] = [];
  let current: { title: string; line: number; asks: boolean } | undefined;
  let fenced = false;
  const close = () => {
    if (current?.asks) sections.push({ title: current.title, line: current.line });
  };
  visible.forEach((line, index) => {
    if (FENCE.test(line)) fenced = !fenced;
    const heading = fenced ? null : HEADING.exec(line);
    if (heading) {
      close();
      current = { title: heading[2]!.trim(), line: index + 1, asks: false };
    } else if (current && TEMPLATE_PLACEHOLDER.test(line)) {
      current.asks = true;
    }
  });
  close();
  const fingerprints = new Set(lines.filter((line) => line.trim() !== '').map(lineFingerprint));
  return { version: 1, template, language, sections, lines: [...fingerprints].sort() };
}

/** The record parsed from its JSON, or undefined when it is not one lepton wrote. */
export function parseRenderedRecord(json: string): RenderedRecord | undefined {
  try {
    const value = JSON.parse(json) as Partial<RenderedRecord>;
    if (value.version !== 1 || !Array.isArray(value.sections) || !Array.isArray(value.lines)) return undefined;
    const sections = value.sections.filter((section): section is RenderedSection => typeof section?.title === 'string' && typeof section.line === 'number');
    return { version: 1, template: String(value.template ?? ''), language: String(value.language ?? ''), sections, lines: value.lines.filter((line) => typeof line === 'string') };
  } catch {
    return undefined;
  }
}

// Words that stand in for content without giving any: a section holding only these is not written.
const FILLERS = new Set([
  'n/a',
  'na',
  'n.a.',
  'tbd',
  'tbc',
  'todo',
  'none',
  'nothing',
  'nil',
  'null',
  'empty',
  'pending',
  'later',
  'see above',
  'see below',
  'same as above',
  'not applicable',
  'to be decided',
  'to be defined',
  'to be confirmed',
  'tba',
  '?',
  '...',
  '…',
  '-',
  '--',
  '—',
  '–',
  'x',
  'ok',
  'yes',
  'no',
  'done',
  '无',
  '暂无',
  '没有',
  '待定',
  '待补充',
  '不适用',
  '略',
  '同上',
  '见上',
  '见下',
  '后续补充',
  '待确认',
  '是',
  '否',
  '完成',
]);

/**
 * True when a line only stands in for content: every cell or item a filler word. "N/A: we hold no
 * personal data" gives a reason and is content.
 */
export function isFillerLine(line: string): boolean {
  const cells = normaliseLine(line)
    .replace(/^[-*+] (\[[ xX]\] )?/, '')
    .replace(/^\d+[.)] /, '')
    .split('|')
    .map((cell) =>
      cell
        .trim()
        .replace(/^[*_`]+|[*_`]+$/g, '')
        .replace(/[.。!！]$/, '')
        .trim()
        .toLowerCase(),
    )
    .filter((cell) => cell !== '' && !/^:?-{3,}:?$/.test(cell));
  return cells.length > 0 && cells.every((cell) => FILLERS.has(cell));
}
