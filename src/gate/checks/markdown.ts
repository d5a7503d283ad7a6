// What the `doc` check needs to know about a Markdown document, from a CommonMark syntax tree:
// its sections, whether each has real content, placeholder markers and unticked task boxes.
// Code (fenced, indented, inline) and HTML comments are never taken for text.
import type { Nodes, Root, RootContent } from 'mdast';
import { plainMarkdownTree } from './markdown-plain.js';

export interface Section {
  title: string;
  line: number;
  /** Last line of the section, its subsections included. */
  endLine: number;
  /** True when the section or one of its subsections has content besides comments and placeholders. */
  hasContent: boolean;
}

export interface Marker {
  line: number;
  text: string;
  /** Title of the innermost section holding it; undefined before the first heading. */
  section: string | undefined;
}

export interface MarkdownAnalysis {
  sections: Section[];
  placeholders: Marker[];
  /** Unticked `- [ ]` items, `text` being the item's first line. */
  uncheckedBoxes: Marker[];
}

const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const UNTICKED = /^\[[ \t]\](?=\s|$)/;

/**
 * The document's CommonMark syntax tree, its front matter blanked. A document in plain text
 * (markdown-plain.ts) needs no parser; any other loads it.
 */
export async function markdownTree(source: string): Promise<Root> {
  const text = blankFrontMatter(source);
  const plain = plainMarkdownTree(text);
  if (plain) return plain;
  const { fromMarkdown } = await import('mdast-util-from-markdown');
  return fromMarkdown(text);
}

/** What the `doc` check needs to know of `source`, from its tree (markdownTree). */
export function analyseMarkdown(source: string, tree: Root, placeholder: RegExp): MarkdownAnalysis {
  const lastLine = source.split('\n').length;
  const isPlaceholder = new RegExp(placeholder.source, placeholder.flags.replaceAll('g', ''));
  const sections = sectionsOf(tree, lastLine, isPlaceholder);
  const sectionAt = (line: number) => sections.findLast((section) => section.line <= line)?.title;
  const placeholders: Marker[] = [];
  const uncheckedBoxes: Marker[] = [];
  walk(tree, (node) => {
    if (node.type === 'text' || node.type === 'html') {
      const text = node.type === 'html' ? withoutComments(node.value) : node.value;
      const global = new RegExp(placeholder.source, `${isPlaceholder.flags}g`);
      for (const match of text.matchAll(global)) {
        if (match[0] === '') continue;
        const line = lineOf(node) + countNewlines(text.slice(0, match.index));
        placeholders.push({ line, text: match[0], section: sectionAt(line) });
      }
    }
    if (node.type === 'listItem') {
      const label = uncheckedLabel(node);
      if (label !== undefined) uncheckedBoxes.push({ line: lineOf(node), text: label, section: sectionAt(lineOf(node)) });
    }
  });
  return { sections, placeholders, uncheckedBoxes };
}

/** Sections of the top-level headings; a section runs until the next heading of the same or a higher level. */
function sectionsOf(tree: Root, lastLine: number, isPlaceholder: RegExp): Section[] {
  const children = tree.children;
  return children.flatMap((node, index) => {
    if (node.type !== 'heading') return [];
    let end = index + 1;
    while (end < children.length && !isHeadingUpTo(children[end]!, node.depth)) end++;
    const body = children.slice(index + 1, end).filter((child) => child.type !== 'heading');
    const next = children[end];
    return [
      {
        title: plainText(node).trim(),
        line: lineOf(node),
        endLine: next ? lineOf(next) - 1 : lastLine,
        hasContent: body.some((child) => hasContent(child, isPlaceholder)),
      },
    ];
  });
}

function isHeadingUpTo(node: RootContent, depth: number): boolean {
  return node.type === 'heading' && node.depth <= depth;
}

function hasContent(node: Nodes, isPlaceholder: RegExp): boolean {
  switch (node.type) {
    case 'html':
      return withoutComments(node.value).trim() !== '';
    case 'text':
      return node.value.split('\n').some((line) => line.trim() !== '' && !isPlaceholder.test(line));
    case 'code':
    case 'inlineCode':
      return node.value.trim() !== '';
    case 'image':
    case 'imageReference':
      return true;
    case 'definition':
    case 'thematicBreak':
    case 'break':
      return false;
    default:
      return 'children' in node && node.children.some((child) => hasContent(child, isPlaceholder));
  }
}

/** The first line of an unticked task item, or undefined when the item is no unticked box. */
function uncheckedLabel(item: Extract<Nodes, { type: 'listItem' }>): string | undefined {
  const first = item.children[0];
  if (item.checked === false) return first ? plainText(first).split('\n')[0]!.trim() : '';
  if (first?.type !== 'paragraph') return undefined;
  const lead = first.children[0];
  if (lead?.type !== 'text' || !UNTICKED.test(lead.value)) return undefined;
  return plainText(first).replace(UNTICKED, '').split('\n')[0]!.trim();
}

function plainText(node: Nodes): string {
  if (node.type === 'html') return '';
  if ('value' in node) return node.value;
  if ('children' in node) return node.children.map((child) => plainText(child)).join('');
  return '';
}

function walk(node: Nodes, visit: (node: Nodes) => void): void {
  visit(node);
  if (node.type === 'code' || node.type === 'inlineCode') return;
  if ('children' in node) for (const child of node.children) walk(child, visit);
}

/** HTML comments removed, their line breaks kept so that line numbers still hold. */
function withoutComments(html: string): string {
  return html.replace(COMMENT, (comment) => comment.replace(/[^\n]/g, ''));
}

/** YAML front matter turned into blank lines: it is not a heading, and line numbers stay right. */
function blankFrontMatter(source: string): string {
  const match = /^---\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(source);
  return match ? source.replace(match[0], match[0].replace(/[^\n]/g, '')) : source;
}

function lineOf(node: Nodes): number {
  return node.position?.start.line ?? 1;
}

function countNewlines(text: string): number {
  return text.split('\n').length - 1;
}
