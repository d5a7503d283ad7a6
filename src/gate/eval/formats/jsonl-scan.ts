// The generic JSONL's common line read without JSON.parse: a flat object of strings without escapes,
// numbers, true, false and null, whose "metrics" is an object of such values: JSON.parse builds
// every value of every line, the scan only the fields a case has. Anything else (an escape, a
// nested list, text that is not JSON) is left to JSON.parse: the scan reads only
// what JSON.parse reads the same, so a line means what it means to JSON.parse either way.

type Scalar = string | number | boolean | null;

/** The fields of a case line, as JSON.parse would give them; undefined when the line is not of the common shape. */
export interface ScannedLine {
  id: Scalar | undefined;
  pass: Scalar | undefined;
  metrics: Scalar | Record<string, Scalar> | undefined;
  category: Scalar | undefined;
  repeat: Scalar | undefined;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

export function scanLine(text: string): ScannedLine | undefined {
  const scan = new Scanner(text);
  const line: ScannedLine = { id: undefined, pass: undefined, metrics: undefined, category: undefined, repeat: undefined };
  // A key written twice: the last value wins, where the first was, as JSON.parse does (assignment does the same).
  const ok = scan.object((key) => {
    if (key === 'metrics' && scan.peek() === 0x7b) {
      const metrics: Record<string, Scalar> = {};
      const inner = scan.object((name) => {
        if (name === '__proto__') return false;
        const value = scan.scalar();
        if (value === FAILED) return false;
        metrics[name] = value;
        return true;
      });
      line.metrics = metrics;
      return inner;
    }
    const value = scan.scalar();
    if (value === FAILED) return false;
    if (key === 'id' || key === 'pass' || key === 'metrics' || key === 'category' || key === 'repeat') line[key] = value;
    return true;
  });
  return ok && scan.atEnd() ? line : undefined;
}

const FAILED = Symbol('not of the common shape');

class Scanner {
  #at = 0;
  readonly #text: string;

  constructor(text: string) {
    this.#text = text;
  }

  peek(): number {
    this.#space();
    return this.#text.charCodeAt(this.#at);
  }

  atEnd(): boolean {
    this.#space();
    return this.#at === this.#text.length;
  }

  /** `{ "key": value, … }`, each value read by `member` (false: give up). */
  object(member: (key: string) => boolean): boolean {
    if (this.peek() !== 0x7b) return false;
    this.#at++;
    if (this.peek() === 0x7d) {
      this.#at++;
      return true;
    }
    for (;;) {
      if (this.peek() !== QUOTE) return false;
      const key = this.#string();
      if (key === undefined || this.peek() !== 0x3a) return false;
      this.#at++;
      if (!member(key)) return false;
      const next = this.peek();
      this.#at++;
      if (next === 0x7d) return true;
      if (next !== 0x2c) return false;
    }
  }

  scalar(): Scalar | typeof FAILED {
    const code = this.peek();
    const text = this.#text;
    if (code === QUOTE) return this.#string() ?? FAILED;
    if (code === 0x74 && text.startsWith('true', this.#at)) return this.#word(4, true);
    if (code === 0x66 && text.startsWith('false', this.#at)) return this.#word(5, false);
    if (code === 0x6e && text.startsWith('null', this.#at)) return this.#word(4, null);
    return this.#number();
  }

  #word<T>(length: number, value: T): T {
    this.#at += length;
    return value;
  }

  /** A string without escapes or control characters (JSON.parse reads those: it is asked then). */
  #string(): string | undefined {
    const text = this.#text;
    const start = this.#at + 1;
    let at = start;
    for (;;) {
      const code = text.charCodeAt(at);
      if (code === QUOTE) break;
      if (code === BACKSLASH || code < 0x20 || Number.isNaN(code)) return undefined;
      at++;
    }
    this.#at = at + 1;
    return text.slice(start, at);
  }

  /** JSON's number grammar exactly; Number() of it rounds as JSON.parse does. */
  #number(): number | typeof FAILED {
    const text = this.#text;
    const start = this.#at;
    let at = start;
    if (text.charCodeAt(at) === 0x2d) at++;
    if (text.charCodeAt(at) === 0x30) at++;
    else if (isDigit(text.charCodeAt(at))) while (isDigit(text.charCodeAt(at))) at++;
    else return FAILED;
    if (text.charCodeAt(at) === 0x2e) {
      at++;
      if (!isDigit(text.charCodeAt(at))) return FAILED;
      while (isDigit(text.charCodeAt(at))) at++;
    }
    const exponent = text.charCodeAt(at);
    if (exponent === 0x65 || exponent === 0x45) {
      at++;
      const sign = text.charCodeAt(at);
      if (sign === 0x2b || sign === 0x2d) at++;
      if (!isDigit(text.charCodeAt(at))) return FAILED;
      while (isDigit(text.charCodeAt(at))) at++;
    }
    this.#at = at;
    return Number(text.slice(start, at));
  }

  #space(): void {
    const text = this.#text;
    let code = text.charCodeAt(this.#at);
    while (code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) code = text.charCodeAt(++this.#at);
  }
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}
