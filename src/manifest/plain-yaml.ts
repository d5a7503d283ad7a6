// The value of a manifest written in the plain part of YAML that lepton.yaml files use (block
// mappings and sequences, one-line flow collections, plain, single- and double-quoted scalars
// with the common escapes, comments), read without the YAML library: a first gate in a fresh clone spends
// a good part of its start-up loading and running that parser. Anything outside that part (anchors,
// tags, block or multi-line scalars, other escapes, duplicate keys, unusual indentation…) gives
// undefined, and the caller parses the text with the YAML library, which also places every
// problem at its line:col. test/unit/manifest-plain-yaml.test.ts holds the two readers equal.

/** Thrown inside the reader when the text leaves the plain part; never escapes it. */
const OUTSIDE = Symbol('outside the plain part of YAML');

interface Line {
  indent: number;
  text: string;
}

/** Tabs, carriage returns, controls, Unicode line breaks and the BOM: each has rules of its own in YAML. */
const UNUSUAL = /[\t\r\0-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]/;
const KEY = /^[A-Za-z_][\w-]*/;
const MAP_ENTRY = /^[A-Za-z_][\w-]*:(?: |$)/;
/** Characters that give a plain scalar's first character a meaning of its own. */
const INDICATOR = /^[-?:,[\]{}#&*!|>'"%@`]/;
const NULL = /^(?:~|null|Null|NULL)$/;
const BOOLEAN = /^(?:true|True|TRUE|false|False|FALSE)$/;
const NUMBER = /^-?(?:0|[1-9]\d{0,14})(?:\.\d{1,15})?$/;
/** A key the YAML library would read as other than a plain string, or that an object cannot hold as its own property. */
const SPECIAL_KEY = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|__proto__)$/;
const MAX_KEY = 1000;
/** The escapes of double-quoted scalars this reader takes; any other leaves the text to the library. */
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', n: '\n', t: '\t' };

/** The manifest's value as the YAML library would give it, when the text is in the plain part; undefined otherwise. */
export function readPlainYaml(source: string): Record<string, unknown> | undefined {
  if (UNUSUAL.test(source)) return undefined;
  const lines: Line[] = [];
  for (const raw of source.split('\n')) {
    const text = trimSpaces(raw);
    if (text === '' || text.startsWith('#')) continue;
    // Directives and document markers.
    if (raw.startsWith('%') || /^(?:---|\.\.\.)(?: |$)/.test(raw)) return undefined;
    lines.push({ indent: raw.length - raw.replace(/^ +/, '').length, text });
  }
  if (lines[0]?.indent !== 0 || !MAP_ENTRY.test(lines[0].text)) return undefined;
  const reader = new BlockReader(lines);
  try {
    const value = reader.mapping(0);
    return reader.done() ? value : undefined;
  } catch (error) {
    if (error === OUTSIDE) return undefined;
    throw error;
  }
}

const isSequenceEntry = (line: Line | undefined) => line !== undefined && (line.text === '-' || line.text.startsWith('- '));

class BlockReader {
  private next = 0;
  constructor(private readonly lines: Line[]) {}

  done(): boolean {
    return this.next === this.lines.length;
  }

  private block(indent: number): unknown {
    return isSequenceEntry(this.lines[this.next]) ? this.sequence(indent) : this.mapping(indent);
  }

  mapping(indent: number): Record<string, unknown> {
    const value: Record<string, unknown> = {};
    for (let line = this.lines[this.next]; line?.indent === indent && !isSequenceEntry(line); line = this.lines[this.next]) {
      if (!MAP_ENTRY.test(line.text)) throw OUTSIDE;
      const key = KEY.exec(line.text)![0];
      if (key.length > MAX_KEY || SPECIAL_KEY.test(key) || Object.hasOwn(value, key)) throw OUTSIDE;
      const rest = trimSpaces(line.text.slice(key.length + 1));
      this.next++;
      if (rest === '' || rest.startsWith('#')) {
        const following = this.lines[this.next];
        if (following && following.indent > indent) value[key] = this.block(following.indent);
        else if (following?.indent === indent && isSequenceEntry(following)) value[key] = this.sequence(indent);
        else value[key] = null;
      } else {
        value[key] = this.inline(rest, indent);
      }
    }
    return value;
  }

  private sequence(indent: number): unknown[] {
    const value: unknown[] = [];
    for (let line = this.lines[this.next]; line?.indent === indent && isSequenceEntry(line); line = this.lines[this.next]) {
      const marker = /^- +/.exec(line.text)?.[0];
      if (!marker) throw OUTSIDE;
      const rest = line.text.slice(marker.length);
      if (rest.startsWith('#') || rest.startsWith('- ')) throw OUTSIDE;
      if (MAP_ENTRY.test(rest)) {
        // `- key: value` opens a mapping whose keys line up with `key`.
        this.lines[this.next] = { indent: indent + marker.length, text: rest };
        value.push(this.mapping(indent + marker.length));
      } else {
        this.next++;
        value.push(this.inline(rest, indent));
      }
    }
    return value;
  }

  /** A value written on its line; the lines after it must not be indented under it (a multi-line scalar). */
  private inline(text: string, indent: number): unknown {
    const following = this.lines[this.next];
    if (following && following.indent > indent) throw OUTSIDE;
    if (text.startsWith('{') || text.startsWith('[') || text.startsWith('"') || text.startsWith("'")) {
      const reader = new FlowReader(text);
      const value = reader.value();
      reader.end();
      return value;
    }
    const value = trimSpaces(text.split(' #')[0]!);
    if (value.includes(': ') || value.endsWith(':')) throw OUTSIDE;
    return plainScalar(value);
  }
}

/** One line's flow collection or quoted scalar. */
class FlowReader {
  private at = 0;
  constructor(private readonly text: string) {}

  /** Only spaces, or spaces and a comment, may follow the value. */
  end(): void {
    const rest = this.text.slice(this.at);
    if (rest !== '' && !/^ +(?:#.*)?$/.test(rest)) throw OUTSIDE;
  }

  private spaces(): void {
    while (this.text[this.at] === ' ') this.at++;
  }

  value(): unknown {
    const first = this.text[this.at];
    if (first === '{') return this.mapping();
    if (first === '[') return this.sequence();
    if (first === '"') return this.quoted('"');
    if (first === "'") return this.quoted("'");
    const match = /^[^,[\]{}#:]+/.exec(this.text.slice(this.at));
    if (!match) throw OUTSIDE;
    this.at += match[0].length;
    return plainScalar(trimSpaces(match[0]));
  }

  private mapping(): Record<string, unknown> {
    const value: Record<string, unknown> = {};
    this.at++;
    this.spaces();
    while (this.text[this.at] !== '}') {
      const key = KEY.exec(this.text.slice(this.at))?.[0];
      if (!key || key.length > MAX_KEY || SPECIAL_KEY.test(key) || Object.hasOwn(value, key)) throw OUTSIDE;
      this.at += key.length;
      if (this.text[this.at] !== ':' || this.text[this.at + 1] !== ' ') throw OUTSIDE;
      this.at += 2;
      this.spaces();
      value[key] = this.value();
      this.separator('}');
    }
    this.at++;
    return value;
  }

  private sequence(): unknown[] {
    const value: unknown[] = [];
    this.at++;
    this.spaces();
    while (this.text[this.at] !== ']') {
      value.push(this.value());
      this.separator(']');
    }
    this.at++;
    return value;
  }

  /** After an entry: `,` and the next entry (no trailing comma), or the collection's end. */
  private separator(close: string): void {
    this.spaces();
    if (this.text[this.at] === close) return;
    if (this.text[this.at] !== ',') throw OUTSIDE;
    this.at++;
    this.spaces();
    if (this.text[this.at] === close || this.at >= this.text.length) throw OUTSIDE;
  }

  /** A quoted scalar closed on this line: '' is a quote inside single quotes; double quotes take the common escapes. */
  private quoted(quote: string): string {
    let value = '';
    for (let index = this.at + 1; index < this.text.length; index++) {
      const char = this.text[index]!;
      if (char === '\\' && quote === '"') {
        const escaped = ESCAPES[this.text[index + 1] ?? ''];
        if (escaped === undefined) throw OUTSIDE;
        value += escaped;
        index++;
      } else if (char !== quote) {
        value += char;
      } else if (quote === "'" && this.text[index + 1] === "'") {
        value += "'";
        index++;
      } else {
        this.at = index + 1;
        // A quoted key (`"a": b`) is a mapping this reader does not take.
        if (/^ *:/.test(this.text.slice(this.at))) throw OUTSIDE;
        return value;
      }
    }
    throw OUTSIDE;
  }
}

/** Without the spaces around it: YAML's white space is the space and the tab (refused here), not all that String#trim removes. */
function trimSpaces(text: string): string {
  return text.replace(/^ +| +$/g, '');
}

/** A plain scalar as YAML 1.2's core schema reads it: null, a boolean, a number, or the text itself. */
function plainScalar(text: string): unknown {
  if (text === '' || (INDICATOR.test(text) && !/^-\d/.test(text))) throw OUTSIDE;
  if (NULL.test(text)) return null;
  if (BOOLEAN.test(text)) return text.toLowerCase() === 'true';
  // Other numbers (exponents, hexadecimal, octal, infinities, leading zeros) are left to the library.
  if (/^[-+.\d]/.test(text)) {
    if (!NUMBER.test(text)) throw OUTSIDE;
    return Number(text);
  }
  return text;
}
