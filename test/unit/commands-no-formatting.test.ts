// src/commands/ holds no formatting code: commands hand result data to src/report/ (and sentences
// that name flags to messages.ts). Caught here, on the source lexed into code and literals (so
// comments and quotes inside strings cannot mislead it): JSON built in a command, literal text
// printed straight to stdout or stderr, and lines composed in a command (a piece of text that ends a line).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../helpers/imports.js';

const COMMANDS = fileURLToPath(new URL('../../src/commands', import.meta.url));
/** The messages module is where the command line's sentences are composed. */
const MESSAGES = 'messages.ts';
/** Stands in the code for a string or template literal. */
const TEXT = '\u0001';

/** The text of a literal as written (escapes not decoded): a string, or a template's piece between substitutions. */
interface Piece {
  raw: string;
  template: boolean;
}

/**
 * A source split into its code (comments dropped, each string and template literal one TEXT mark,
 * a template's substitutions kept as code) and the raw pieces of text of its literals.
 */
function lex(source: string): { code: string; pieces: Piece[] } {
  let code = '';
  const pieces: Piece[] = [];
  /** Brace depths at which a template substitution `${…}` closes. */
  const templates: number[] = [];
  let depth = 0;
  let i = 0;
  const readTemplate = () => {
    let piece = '';
    for (; i < source.length; i++) {
      if (source[i] === '\\') piece += source[i++]! + (source[i] ?? '');
      else if (source[i] === '`') {
        i++;
        break;
      } else if (source.startsWith('${', i)) {
        templates.push(depth++);
        i += 2;
        break;
      } else piece += source[i];
    }
    pieces.push({ raw: piece, template: true });
  };
  while (i < source.length) {
    const char = source[i]!;
    if (source.startsWith('//', i)) i = source.indexOf('\n', i) === -1 ? source.length : source.indexOf('\n', i);
    else if (source.startsWith('/*', i)) i = source.indexOf('*/', i) + 2;
    else if (char === "'" || char === '"') {
      let piece = '';
      for (i++; i < source.length && source[i] !== char; i++) piece += source[i] === '\\' ? source[i++]! + source[i] : source[i];
      i++;
      pieces.push({ raw: piece, template: false });
      code += TEXT;
    } else if (char === '`') {
      i++;
      code += TEXT;
      readTemplate();
    } else if (char === '}' && templates.at(-1) === depth - 1) {
      templates.pop();
      depth--;
      i++;
      readTemplate();
    } else if (char === '/' && /(?:^|[(,=:[!&|?{};]|return)\s*$/.test(code)) {
      // A regular expression literal: skipped whole, its character classes included.
      let inClass = false;
      for (i++; i < source.length && (source[i] !== '/' || inClass); i++) {
        if (source[i] === '\\') i++;
        else if (source[i] === '[') inClass = true;
        else if (source[i] === ']') inClass = false;
      }
      i++;
      code += 'RE';
    } else {
      if (char === '{') depth++;
      if (char === '}') depth--;
      code += char;
      i++;
    }
  }
  return { code, pieces };
}

/** Formatting found in `text`, a TypeScript source. */
function formattingIn(text: string): string[] {
  const { code, pieces } = lex(text);
  return [
    ...[...code.matchAll(/\bJSON\.stringify\(/g)].map(() => 'JSON built'),
    ...[...code.matchAll(new RegExp(`\\bstd(?:out|err)\\(\\s*${TEXT}`, 'g'))].map(() => 'literal text printed'),
    // Text that holds a line break composes lines; a lone '\n' string is a separator (`split('\n')`).
    ...pieces.filter((piece) => piece.raw.includes('\\n') && (piece.template || piece.raw !== '\\n')).map((piece) => `a line composed: ${piece.raw}`),
  ];
}

describe('src/commands/ holds no formatting code', () => {
  it('finds none in any command module but messages.ts', () => {
    const found = sourceFiles(COMMANDS)
      .filter((file) => file !== MESSAGES)
      .flatMap((file) => formattingIn(readFileSync(path.join(COMMANDS, file), 'utf8')).map((item) => `${file}: ${item}`));
    expect(found).toEqual([]);
  });

  it('would catch each kind of formatting, and not the calls that hand data on', () => {
    expect(formattingIn('io.stdout(`${JSON.stringify(matrix)}\\n`);')).toEqual(['JSON built', 'literal text printed', 'a line composed: \\n']);
    expect(formattingIn("io.stderr('warning: the summary is full');")).toEqual(['literal text printed']);
    expect(formattingIn('stderr(`warning: ${warning}`);')).toEqual(['literal text printed']);
    expect(formattingIn('const line = `${name}: ${value}\\n`;')).toEqual(['a line composed: \\n']);
    expect(formattingIn("const text = 'done\\n';")).toEqual(['a line composed: done\\n']);
    expect(formattingIn('const nested = `${items.map((item) => `- ${item}\\n`).join("")}`;')).toEqual(['a line composed: \\n']);
    const handsDataOn = [
      'io.stdout(formatCiMatrix(matrix));',
      'io.stderr(warningText(`${project.path}`));',
      "const lines = text.split('\\n');",
      'const hint = \'run `lepton init`, then "lepton gate" // not a comment\';',
      'const pattern = /["`\'{}]\\/\\n/;',
      'if (x) { y(`${a ? `${b}` : "c"}`); }',
      '// io.stdout(`${JSON.stringify(x)}\\n`) was here',
      '/* JSON.stringify(x) */',
    ];
    expect(formattingIn(handsDataOn.join('\n'))).toEqual([]);
  });
});
