// The syntax tree of a Markdown document written in plain text only (ATX headings, paragraphs and
// `- ` list items, no inline markup), built without the CommonMark parser: most documents a gate
// reads are like that, and the parser is a good part of a first gate's start-up. Any line outside
// that subset gives undefined, and the caller parses the document in full; for the documents it
// accepts, the tree equals the parser's (test/unit/checks/markdown-plain.test.ts compares them).
import type { Heading, List, ListItem, Paragraph, Root, Text } from 'mdast';

const HEADING = /^(#{1,6})(?: ([^ ].*))?$/;
/** Characters that may start inline markup (code, emphasis, links, HTML, entities, escapes) or that the parser treats specially (tabs, carriage returns, controls, Unicode line breaks and the BOM). */
const NOT_PLAIN = /[`*_[\]<>&\\\t\r\0-\x1f\x7f-\x9f\u2028\u2029\ufeff]|[^\S \n]| $/;
/** A line that would start a block: ASCII punctuation or a space first, or an ordered list marker. */
const BLOCK_START = /^(?:[ !-/:-@[-`{-~]|\d+[.)])/;
const TASK_BOX = /^\[[ xX]\](?: |$)/;

/** The tree of `source` when every line is in the plain subset; undefined otherwise. */
export function plainMarkdownTree(source: string): Root | undefined {
  const lines = source.split('\n');
  const root: Root = { type: 'root', children: [], position: { start: { line: 1, column: 1 }, end: { line: lines.length, column: lines.at(-1)!.length + 1 } } };
  let paragraph: Paragraph | undefined;
  let list: List | undefined;
  for (const [index, line] of lines.entries()) {
    const number = index + 1;
    if (line === '') {
      paragraph = undefined;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      const content = heading[2];
      if (content !== undefined && (NOT_PLAIN.test(content) || content.includes('#'))) return undefined;
      const node: Heading = {
        type: 'heading',
        depth: heading[1]!.length as Heading['depth'],
        children: content === undefined ? [] : [text(content, number, line.length - content.length + 1)],
        position: span(number, 1, line),
      };
      root.children.push(node);
      paragraph = undefined;
      list = undefined;
      continue;
    }
    if (line.startsWith('- ')) {
      const content = line.slice(2);
      const afterBox = content.replace(TASK_BOX, '');
      // An empty item (`- ` alone) is a setext underline after text, and ends its item at once otherwise: the parser's.
      if (content === '' || NOT_PLAIN.test(afterBox) || content.endsWith(' ') || (afterBox === content && BLOCK_START.test(content))) return undefined;
      paragraph = { type: 'paragraph', children: [text(content, number, 3)], position: span(number, 3, line) };
      const item: ListItem = { type: 'listItem', checked: null, children: [paragraph], position: span(number, 1, line) };
      if (!list) {
        list = { type: 'list', ordered: false, start: null, children: [], position: span(number, 1, line) };
        root.children.push(list);
      }
      list.children.push(item);
      continue;
    }
    if (NOT_PLAIN.test(line) || BLOCK_START.test(line)) return undefined;
    if (paragraph) {
      // A line of text continues the paragraph before it, inside a list item too (a lazy continuation).
      const last = paragraph.children[0] as Text;
      last.value += `\n${line}`;
      extend(last, number, line);
      extend(paragraph, number, line);
      if (list) {
        extend(list.children.at(-1)!, number, line);
        extend(list, number, line);
      }
      continue;
    }
    // After a blank line, text ends the list.
    list = undefined;
    paragraph = { type: 'paragraph', children: [text(line, number, 1)], position: span(number, 1, line) };
    root.children.push(paragraph);
  }
  return root;
}

function text(value: string, line: number, column: number): Text {
  return { type: 'text', value, position: { start: { line, column }, end: { line, column: column + value.length } } };
}

/** A node's place: from `column` of `line` to the end of that line. */
function span(line: number, column: number, source: string): Root['position'] & object {
  return { start: { line, column }, end: { line, column: source.length + 1 } };
}

/** The node now ends at the end of `line`. */
function extend(node: { position?: Root['position'] }, line: number, source: string): void {
  if (node.position) node.position.end = { line, column: source.length + 1 };
}
