// The plain-text Markdown reader (src/gate/checks/markdown-plain.ts) against the CommonMark parser
// it stands in for: on thousands of generated documents, each one it accepts gets the parser's
// tree (and the doc check's analysis of it); everything else it leaves to the parser.
import type { Nodes } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { describe, expect, it } from 'vitest';
import { analyseMarkdown } from '../../../src/gate/checks/markdown.js';
import { plainMarkdownTree } from '../../../src/gate/checks/markdown-plain.js';

/** What a tree says that the analysis could read: types, depths, values, task state and start lines. */
function shape(node: Nodes): unknown {
  return {
    type: node.type,
    line: node.position?.start.line,
    column: node.position?.start.column,
    ...('depth' in node && { depth: node.depth }),
    ...('ordered' in node && { ordered: node.ordered }),
    ...('checked' in node && { checked: node.checked }),
    ...('value' in node && { value: node.value }),
    ...('children' in node && { children: node.children.map(shape) }),
  };
}

const LINES = [
  '',
  '',
  '',
  '# Document',
  '## Goals',
  '###### Deep',
  '#',
  '#Title',
  '####### seven',
  '# Title #',
  '# C# notes',
  '#  two spaces',
  '# ',
  '- item',
  '- ',
  '-  ',
  '- [ ] todo',
  '- [x] done',
  '- [X] Done',
  '- [ ]',
  '- [x]',
  '- [ ] ',
  '- [ ]  wide',
  '- [y] no',
  '- [ ]x',
  '- [ ] # hash',
  '- [ ] - dash',
  'Reduce churn by 5%.',
  'Plain text with TODO in it.',
  'TBD',
  'a line: with a colon',
  'Quotes "and" it\'s',
  'ends with a bang!',
  '100 users',
  '中文 的 文本',
  'café au lait',
  '1. one',
  '2) two',
  '1234567890. long',
  '---',
  '===',
  '***',
  '___',
  '- - -',
  '-',
  '-not',
  '- # heading',
  '- 1. nested',
  '- > quote',
  '  indented',
  '    code',
  '```',
  '~~~',
  '<!-- comment -->',
  '<div>',
  '> quote',
  '* star',
  '+ plus',
  'a *b* c',
  'a_b_c',
  '[link]: /x',
  'see [link]',
  '- [link]: /x',
  'trailing  ',
  'trailing ',
  'tab\there',
  'back\\slash',
  '&amp;',
  'a `code`',
  '\u00a0',
  'a\u00a0b',
  'cr\r',
  '\ufeffbom',
  'x\u2028y',
  '| a | b |',
  'http://x.y',
  '!bang',
];

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

function documents(count: number, plainOnly: boolean): string[] {
  const next = random(plainOnly ? 7 : 42);
  const pool = plainOnly ? LINES.filter((line) => plainMarkdownTree(line) !== undefined) : LINES;
  return Array.from({ length: count }, () => {
    const lines = Array.from({ length: 1 + Math.floor(next() * 14) }, () => pool[Math.floor(next() * pool.length)]!);
    return `${lines.join('\n')}${next() < 0.7 ? '\n' : ''}`;
  });
}

describe('plainMarkdownTree', () => {
  it('gives the CommonMark tree for every document it accepts, and accepts plain documents', () => {
    let accepted = 0;
    for (const source of [...documents(3000, false), ...documents(3000, true)]) {
      const plain = plainMarkdownTree(source);
      if (!plain) continue;
      accepted++;
      expect(shape(plain), JSON.stringify(source)).toEqual(shape(fromMarkdown(source)));
    }
    // Over half are plain by construction: the reader must take those, not leave all to the parser.
    expect(accepted).toBeGreaterThan(3000);
  });

  it('gives the doc check the same analysis as the parser', () => {
    for (const source of documents(500, true)) {
      const plain = plainMarkdownTree(source);
      expect(plain).toBeDefined();
      for (const placeholder of [/TODO/, /TBD|TODO/i, /[a-z]+ in/]) {
        expect(analyseMarkdown(source, plain!, placeholder)).toEqual(analyseMarkdown(source, fromMarkdown(source), placeholder));
      }
    }
  });

  it('reads the documents the bench gates, a heading, its text and a ticked box', () => {
    const source = '# Document 0\n\n## Goals\n\nReduce churn by 5%.\n\n## Plan\n\n- [x] agreed\n';
    expect(shape(plainMarkdownTree(source)!)).toEqual(shape(fromMarkdown(source)));
  });

  it('leaves markup, HTML, code and indentation to the parser', () => {
    for (const source of ['a *b*\n', '<!-- x -->\n', '```\ncode\n```\n', '    code\n', 'Title\n===\n', '[a]: /b\n', '- [ ] a\n  more\n', '1. one\n', 'Goals\n- \n', '- \nfoo\n']) {
      expect(plainMarkdownTree(source), source).toBeUndefined();
    }
  });
});
