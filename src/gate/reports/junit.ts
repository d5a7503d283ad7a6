// JUnit XML as pytest (--junitxml), Jest (jest-junit), Maven Surefire and others write it:
// a <testsuites> root or a single <testsuite>, suites possibly nested, one <testcase> per test.
import { attribute, children, parseXml, type XmlNode } from './xml.js';

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

const ARRAYS = ['testsuite', 'testcase', 'failure', 'error', 'skipped'];

export function parseJunit(text: string): JunitReport {
  const document = parseXml(text, ARRAYS);
  const roots = document.testsuites !== undefined ? children(document, 'testsuites') : document.testsuite !== undefined ? [{ testsuite: document.testsuite } as XmlNode] : [];
  if (roots.length === 0) {
    const name = Object.keys(document).find((key) => !key.startsWith('#') && !key.startsWith('?'));
    throw new Error(name ? `a <${name}> root is not JUnit XML (expected <testsuites> or <testsuite>)` : 'empty: no <testsuites> or <testsuite> element');
  }
  const counts: JunitCounts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const notable: TestCase[] = [];
  const visitSuite = (suite: XmlNode) => {
    const cases = children(suite, 'testcase');
    for (const testcase of cases) {
      const result = caseResult(testcase);
      counts.tests += 1;
      if (result.outcome === 'failed') counts.failures += 1;
      if (result.outcome === 'error') counts.errors += 1;
      if (result.outcome === 'skipped') counts.skipped += 1;
      if (result.outcome !== 'passed') notable.push(result);
    }
    const nested = children(suite, 'testsuite');
    if (cases.length === 0 && nested.length === 0) addDeclaredCounts(suite, counts);
    nested.forEach(visitSuite);
  };
  for (const root of roots) children(root, 'testsuite').forEach(visitSuite);
  return { counts, notable };
}

/** A suite listing no test cases still declares its totals in attributes (some tools write only those). */
function addDeclaredCounts(suite: XmlNode, counts: JunitCounts): void {
  const declared = (name: string) => {
    const value = Number(attribute(suite, name) ?? 0);
    return Number.isInteger(value) && value > 0 ? value : 0;
  };
  counts.tests += declared('tests');
  counts.failures += declared('failures');
  counts.errors += declared('errors');
  counts.skipped += declared('skipped') + declared('disabled');
}

function caseResult(testcase: XmlNode): TestCase {
  const name = testName(testcase);
  // Surefire's <flakyFailure>/<rerunFailure> sit beside a pass or a <failure>: only <failure>/<error> decide.
  for (const [element, outcome] of [
    ['error', 'error'],
    ['failure', 'failed'],
    ['skipped', 'skipped'],
  ] as const) {
    const found = children(testcase, element)[0];
    if (found) {
      const message = firstLine(attribute(found, 'message')) ?? firstLine(textOf(found)) ?? firstLine(attribute(found, 'type'));
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
function testName(testcase: XmlNode): string {
  const name = attribute(testcase, 'name') ?? '(unnamed test)';
  const classname = attribute(testcase, 'classname');
  const file = attribute(testcase, 'file');
  if (file) {
    const module = file.replace(/\.py$/, '').replaceAll('/', '.').replaceAll('\\', '.');
    const className = classname?.startsWith(`${module}.`) ? classname.slice(module.length + 1) : undefined;
    return [file, ...(className ? className.split('.') : []), name].join('::');
  }
  if (!classname || name.startsWith(classname)) return name;
  return `${classname}.${name}`;
}

function textOf(node: XmlNode): string | undefined {
  const text = node['#text'];
  return typeof text === 'string' ? text : undefined;
}

function firstLine(text: string | undefined): string | undefined {
  const line = text
    ?.split('\n')
    .map((item) => item.trim())
    .find(Boolean);
  if (!line) return undefined;
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
