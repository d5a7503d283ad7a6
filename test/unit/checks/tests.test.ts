import { spawnSync } from 'node:child_process';
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { execa } from 'execa';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import testsCheck from '../../../src/gate/checks/tests.js';
import type { CheckOf } from '../../../src/manifest/schema.js';
import { checkContext } from '../../helpers/check-context.js';
import { makeTempDir } from '../../helpers/git-repo.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/reports', import.meta.url));

function evaluate(tests: CheckOf<'tests'>['tests'], root = FIXTURES) {
  return testsCheck.evaluate({ id: 'test-report', tests }, checkContext({ root, evidence: true }));
}

describe('tests check on pytest --junitxml reports', () => {
  it('passes a clean run and counts its skipped test', async () => {
    const outcome = await evaluate({ junit: 'pytest/junit-passing.xml' });
    expect(outcome).toMatchObject({ status: 'pass', message: '5 tests, 1 skipped in 1 file', problems: [] });
    expect(outcome.evidence).toMatchObject({
      files: [{ file: 'pytest/junit-passing.xml', sha256: expect.stringMatching(/^[0-9a-f]{64}$/), counts: { tests: 5, skipped: 1 } }],
      skipped: [{ name: 'tests.test_model.test_gpu_inference', message: 'needs the GPU runner' }],
    });
  });

  it('fails a run with failures and an error, naming file, test and the first line of each message', async () => {
    const outcome = await evaluate({ junit: 'pytest/junit-failing.xml' });
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toBe('8 tests, 2 failed, 1 error, 1 skipped in 1 file');
    expect(outcome.problems).toEqual([
      { file: 'pytest/junit-failing.xml', message: 'tests/test_model.py::test_accuracy failed: AssertionError: accuracy below the PoC criterion' },
      { file: 'pytest/junit-failing.xml', message: "tests/test_model.py::TestFeatures::test_missing_values failed: ValueError: column 'plan' has 12 nulls" },
      { file: 'pytest/junit-failing.xml', message: 'tests/test_model.py::test_uses_fixture errored: failed on setup with "RuntimeError: database not reachable"' },
    ]);
  });

  it('requires at least min tests, at the edge', async () => {
    expect((await evaluate({ junit: 'pytest/junit-passing.xml', min: 5 })).status).toBe('pass');
    const outcome = await evaluate({ junit: 'pytest/junit-passing.xml', min: 6 });
    expect(outcome).toMatchObject({ status: 'fail', message: '5 tests, 1 skipped in 1 file; fewer than the 6 required' });
    expect(outcome.problems).toEqual([{ message: '5 tests found; at least 6 required' }]);
  });
});

describe('tests check on Jest and Maven Surefire reports', () => {
  it('reads jest-junit output, whose failure text has no message attribute', async () => {
    const outcome = await evaluate({ junit: 'jest/junit.xml' });
    expect(outcome.message).toBe('6 tests, 1 failed, 1 skipped in 1 file');
    expect(outcome.problems).toEqual([
      { file: 'jest/junit.xml', message: 'prompt builder truncates long histories failed: Error: expect(received).toBeLessThanOrEqual(expected)' },
    ]);
  });

  it('sums several Surefire files through a glob, nested suites included; a flaky pass is a pass', async () => {
    const outcome = await evaluate({ junit: 'surefire/TEST-*.xml' });
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toBe('10 tests, 1 failed, 1 error, 1 skipped in 3 files');
    expect(outcome.problems).toEqual([
      { file: 'surefire/TEST-com.example.churn.ScoringApiTest.xml', message: 'com.example.churn.ScoringApiTest.rejectsUnknownCustomer failed: expected: <404> but was: <500>' },
      { file: 'surefire/TEST-com.example.churn.ScoringApiTest.xml', message: 'com.example.churn.ScoringApiTest.timesOutSlowModel errored: Connection reset' },
    ]);
    const passing = await evaluate({ junit: ['surefire/TEST-com.example.churn.ChurnModelTest.xml', 'surefire/TEST-nested-*.xml'], min: 7 });
    expect(passing).toMatchObject({ status: 'pass', message: '7 tests, 1 skipped in 2 files' });
  });
});

describe('tests check on missing and malformed reports', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await makeTempDir();
    await cp(path.join(FIXTURES, 'malformed'), path.join(dir, 'reports'), { recursive: true });
    await cp(path.join(FIXTURES, 'pytest/junit-data.xml'), path.join(dir, 'reports/junit-data.xml'));
    await cp(path.join(FIXTURES, 'pytest/junit-data.xml'), path.join(dir, 'node_modules/pkg/junit-data.xml'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('fails naming every pattern that matches nothing', async () => {
    const outcome = await evaluate({ junit: ['pytest/junit-passing.xml', 'reports/junit*.xml'] });
    expect(outcome).toMatchObject({ status: 'fail', message: 'no JUnit report matches "reports/junit*.xml"' });
    expect(outcome.problems).toEqual([{ file: 'reports/junit*.xml', message: 'no file matches this pattern' }]);
  });

  it('fails naming a truncated report, and still counts the readable ones', async () => {
    const outcome = await evaluate({ junit: ['reports/junit-truncated.xml', 'reports/junit-data.xml'] }, dir);
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toBe('2 tests in 2 files (1 unreadable)');
    expect(outcome.problems?.[0]?.file).toBe('reports/junit-truncated.xml');
    expect(outcome.problems?.[0]?.message).toMatch(/^reports\/junit-truncated\.xml cannot be read as JUnit XML: not well-formed XML \(line 2: unclosed tag/);
  });

  it('does not expand entities declared in a DOCTYPE', async () => {
    const outcome = await evaluate({ junit: 'reports/junit-entity-bomb.xml' }, dir);
    expect(outcome.problems).toEqual([{ file: 'reports/junit-entity-bomb.xml', message: 'bomb.laughs failed: &lol9;' }]);
  });

  it('fails a report with no tests against the default min of 1', async () => {
    await writeFile(
      path.join(dir, 'reports/empty.xml'),
      '<?xml version="1.0" encoding="utf-8"?><testsuites name="pytest tests"><testsuite name="pytest" errors="0" failures="0" skipped="0" tests="0" time="0.004" timestamp="2026-11-27T10:00:00+00:00" hostname="ci-runner-7" /></testsuites>',
    );
    const outcome = await evaluate({ junit: 'reports/empty.xml' }, dir);
    expect(outcome).toMatchObject({ status: 'fail', message: '0 tests in 1 file; fewer than the 1 required' });
    expect((await evaluate({ junit: 'reports/empty.xml', min: 0 }, dir)).status).toBe('pass');
  });

  it('rejects XML that is not JUnit', async () => {
    const outcome = await evaluate({ junit: 'reports/not-junit.xml' }, dir);
    expect(outcome.problems?.[0]?.message).toMatch(/a <html> root is not JUnit XML/);
  });

  it('does not look inside node_modules', async () => {
    const outcome = await evaluate({ junit: '**/junit-data.xml' }, dir);
    expect(outcome).toMatchObject({ status: 'pass', message: '2 tests in 1 file' });
  });
});

/** pytest is not a dependency of lepton: this runs only where python3 has it installed. */
const HAS_PYTEST = spawnSync('python3', ['-c', 'import pytest'], { stdio: 'ignore' }).status === 0;

describe.skipIf(!HAS_PYTEST)('tests check on a report pytest writes here and now', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await makeTempDir();
    await mkdir(path.join(dir, 'tests'));
    await writeFile(
      path.join(dir, 'tests/test_metrics.py'),
      ['def test_precision():', '    assert 0.91 >= 0.9', '', 'def test_recall():', '    recall = 0.62', '    assert recall >= 0.7, f"recall {recall} below 0.7"', ''].join('\n'),
    );
    await execa('python3', ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', '-o', 'junit_family=xunit1', '--junitxml=reports/junit.xml', 'tests'], {
      cwd: dir,
      reject: false,
      env: { PYTHONDONTWRITEBYTECODE: '1' },
    });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('fails naming the failed test and its assertion', async () => {
    const outcome = await evaluate({ junit: 'reports/*.xml' }, dir);
    expect(outcome).toMatchObject({ status: 'fail', message: '2 tests, 1 failed in 1 file' });
    expect(outcome.problems).toEqual([{ file: 'reports/junit.xml', message: 'tests/test_metrics.py::test_recall failed: AssertionError: recall 0.62 below 0.7' }]);
  });
});
