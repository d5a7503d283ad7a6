// JUnit XML as pytest (--junitxml), Jest (jest-junit), Maven Surefire and others write it:
// a <testsuites> root or a single <testsuite>, suites possibly nested, one <testcase> per test.
import { SaxesParser } from 'saxes';

export type TestOutcome = 'passed' | 'failed' | 'error' | 'skipped';

export interface TestCase {
  /** How the test is named to the user: `tests/test_model.py::test_accuracy`, `com.example.FooTest.bar`. */
  name: string;
  outcome: TestOutcome;
  /** First line of the failure, error or skip message. */
  message?: string;
}

export interface JunitCounts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

export interface JunitReport {
  counts: JunitCounts;
  /** Failed, errored and skipped tests (passed ones are only counted). */
  notable: TestCase[];
}

/** Failed, errored and skipped tests kept by name per file; beyond it they are only counted. */
export const MAX_NOTABLE = 1000;
/** Text of a failure kept for its first line: stack traces beyond this are not held in memory. */
const MAX_TEXT = 8192;
const MAX_DEPTH = 200;

type Frame =
  | { kind: 'root' | 'other' }
  | { kind: 'suite'; attributes: Record<string, string>; cases: number; nested: number }
  | { kind: 'case'; attributes: Record<string, string>; results: Partial<Record<ResultElement, { attributes: Record<string, string>; text: string }>> }
  | { kind: 'result'; element: ResultElement; text: string };
type ResultElement = 'error' | 'failure' | 'skipped';

/**
 * Streams the document through a SAX parser (saxes), counting as it goes: no tree is built, so a
 * large report costs its text and a few frames, not a node per element. Throws when malformed
 * or not JUnit. Entities a DOCTYPE declares are never expanded (they stay as written).
 */
export function parseJunit(text: string): JunitReport {
  const counts: JunitCounts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const notable: TestCase[] = [];
  const stack: Frame[] = [];
  let rootName: string | undefined;
  const parser = new SaxesParser({ position: true });
  parser.on('error', (error) => {
    const message = error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '');
    if (message.startsWith('undefined entity')) return;
    throw new Error(`not well-formed XML (line ${parser.line}: ${message})`);
  });
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    const attributes = tag.attributes as Record<string, string>;
    const parent = stack.at(-1);
    if (stack.length >= MAX_DEPTH) throw new Error(`elements nested deeper than ${MAX_DEPTH}`);
    if (!parent) {
      rootName = name;
      if (name === 'testsuites') stack.push({ kind: 'root' });
      else if (name === 'testsuite') stack.push({ kind: 'suite', attributes, cases: 0, nested: 0 });
      else throw new Error(`a <${name}> root is not JUnit XML (expected <testsuites> or <testsuite>)`);
      return;
    }
    if (name === 'testsuite' && (parent.kind === 'root' || parent.kind === 'suite')) {
      if (parent.kind === 'suite') parent.nested += 1;
      stack.push({ kind: 'suite', attributes, cases: 0, nested: 0 });
    } else if (name === 'testcase' && parent.kind === 'suite') {
      parent.cases += 1;
      stack.push({ kind: 'case', attributes, results: {} });
    } else if ((name === 'error' || name === 'failure' || name === 'skipped') && parent.kind === 'case') {
      if (!parent.results[name]) parent.results[name] = { attributes, text: '' };
      stack.push({ kind: 'result', element: name, text: '' });
    } else {
      stack.push({ kind: 'other' });
    }
  });
  const onText = (value: string) => {
    const frame = stack.at(-1);
    if (frame?.kind === 'result' && frame.text.length < MAX_TEXT) frame.text += value.slice(0, MAX_TEXT - frame.text.length);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    const frame = stack.pop();
    const parent = stack.at(-1);
    if (frame?.kind === 'result' && parent?.kind === 'case') {
      const result = parent.results[frame.element];
      if (result && !result.text) result.text = frame.text;
    } else if (frame?.kind === 'case') {
      const result = caseResult(frame.attributes, frame.results);
      counts.tests += 1;
      if (result.outcome === 'failed') counts.failures += 1;
      if (result.outcome === 'error') counts.errors += 1;
      if (result.outcome === 'skipped') counts.skipped += 1;
      if (result.outcome !== 'passed' && notable.length < MAX_NOTABLE) notable.push(result);
    } else if (frame?.kind === 'suite' && frame.cases === 0 && frame.nested === 0) {
      addDeclaredCounts(frame.attributes, counts);
    }
  });
  const CHUNK = 1 << 20;
  for (let offset = 0; offset < text.length; offset += CHUNK) parser.write(text.slice(offset, offset + CHUNK));
  parser.close();
  if (rootName === undefined) throw new Error('empty: no <testsuites> or <testsuite> element');
  return { counts, notable };
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

/** A suite listing no test cases still declares its totals in attributes (some tools write only those). */
function addDeclaredCounts(attributes: Record<string, string>, counts: JunitCounts): void {
  const declared = (name: string) => {
    const value = Number(attributes[name] ?? 0);
    return Number.isInteger(value) && value > 0 ? value : 0;
  };
  counts.tests += declared('tests');
  counts.failures += declared('failures');
  counts.errors += declared('errors');
  counts.skipped += declared('skipped') + declared('disabled');
}

function caseResult(attributes: Record<string, string>, results: Partial<Record<ResultElement, { attributes: Record<string, string>; text: string }>>): TestCase {
  const name = testName(attributes);
  // Surefire's <flakyFailure>/<rerunFailure> sit beside a pass or a <failure>: only <failure>/<error> decide.
  for (const [element, outcome] of [
    ['error', 'error'],
    ['failure', 'failed'],
    ['skipped', 'skipped'],
  ] as const) {
    const found = results[element];
    if (found) {
      const message = firstLine(found.attributes.message) ?? firstLine(found.text) ?? firstLine(found.attributes.type);
      return { name, outcome, ...(message && { message }) };
    }
  }
  return { name, outcome: 'passed' };
}

/**
 * pytest (xunit1) gives `file` and a dotted `classname` (`tests.test_model.TestModel`): shown as
 * `tests/test_model.py::TestModel::test_x`. Without a file, `classname.name`, unless the name
 * already carries the class (jest-junit repeats it).
 */
function testName(attributes: Record<string, string>): string {
  const name = attributes.name ?? '(unnamed test)';
  const classname = attributes.classname;
  const file = attributes.file;
  if (file) {
    const module = file.replace(/\.py$/, '').replaceAll('/', '.').replaceAll('\\', '.');
    const className = classname?.startsWith(`${module}.`) ? classname.slice(module.length + 1) : undefined;
    return [file, ...(className ? className.split('.') : []), name].join('::');
  }
  if (!classname || name.startsWith(classname)) return name;
  return `${classname}.${name}`;
}

function firstLine(text: string | undefined): string | undefined {
  const line = text
    ?.split('\n')
    .map((item) => item.trim())
    .find(Boolean);
  if (!line) return undefined;
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
