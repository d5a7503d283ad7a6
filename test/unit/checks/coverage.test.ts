import { symlink, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import coverageCheck, { formatPercent } from '../../../src/gate/checks/coverage.js';
import type { CheckOf } from '../../../src/manifest/schema.js';
import { checkContext } from '../../helpers/check-context.js';
import { makeTempDir } from '../../helpers/git-repo.js';
import { rm } from 'node:fs/promises';
import { MAX_REPORT_BYTES } from '../../../src/gate/reports/read.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/reports', import.meta.url));

function check(coverage: CheckOf<'coverage'>['coverage']): CheckOf<'coverage'> {
  return { id: 'coverage', coverage };
}

function evaluate(coverage: CheckOf<'coverage'>['coverage'], root = FIXTURES, evidence = true) {
  return coverageCheck.evaluate(check(coverage), checkContext({ root, evidence }));
}

describe('coverage check on real report formats', () => {
  it('reads coverage.py Cobertura XML from its counts and fails below the threshold', async () => {
    const outcome = await evaluate({ file: 'coverage/coverage.xml', lines: 80, branches: 70 });
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toBe('lines 72.4% < 80%, branches 72.7% ≥ 70%');
    expect(outcome.problems).toEqual([{ file: 'coverage/coverage.xml', message: 'lines 72.4% < 80%' }]);
    expect(outcome.evidence).toMatchObject({
      file: 'coverage/coverage.xml',
      format: 'cobertura',
      lines: { covered: 105, total: 145 },
      branches: { covered: 32, total: 44 },
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('passes coverage.py Cobertura XML at the edge: 105/145 = 72.41…% meets 72.41 but not 72.42', async () => {
    expect((await evaluate({ file: 'coverage/coverage.xml', lines: 72.41 })).status).toBe('pass');
    // A plain gate records no evidence, so it hashes no report.
    expect((await evaluate({ file: 'coverage/coverage.xml', lines: 72.41 }, FIXTURES, false)).evidence).not.toHaveProperty('sha256');
    const failing = await evaluate({ file: 'coverage/coverage.xml', lines: 72.42 });
    expect(failing.status).toBe('fail');
    expect(failing.message).toBe('lines 72.4% < 72.42%');
  });

  it('fails a branches threshold on a coverage.py report written without --branch, saying so', async () => {
    const outcome = await evaluate({ file: 'coverage/coverage-nobranch.xml', lines: 80, branches: 50 });
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toMatch(/^coverage\/coverage-nobranch\.xml has no branch data \(coverage\.py records branches with `coverage run --branch`\), lines 83\.4% ≥ 80%$/);
    expect((await evaluate({ file: 'coverage/coverage-nobranch.xml', lines: 83.4 })).status).toBe('pass');
  });

  it('reads Istanbul coverage-summary.json: exactly 80% meets 80', async () => {
    const outcome = await evaluate({ file: 'coverage/coverage-summary.json', lines: 80, branches: 70 });
    expect(outcome).toMatchObject({ status: 'pass', message: 'lines 80% ≥ 80%, branches 70% ≥ 70%' });
    expect((await evaluate({ file: 'coverage/coverage-summary.json', lines: 80.01 })).message).toBe('lines 80% < 80.01%');
  });

  it('sums lcov records: lines 11/16, branches 3/6', async () => {
    const outcome = await evaluate({ file: 'coverage/lcov.info', lines: 68.75, branches: 60 });
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toBe('branches 50% < 60%, lines 68.8% ≥ 68.75%');
    expect(outcome.evidence).toMatchObject({ format: 'lcov', lines: { covered: 11, total: 16 }, branches: { covered: 3, total: 6 } });
  });

  it('reads JaCoCo XML report-level counters, not the package or class ones', async () => {
    const outcome = await evaluate({ file: 'coverage/jacoco.xml', lines: 82, branches: 75 });
    expect(outcome).toMatchObject({ status: 'pass', message: 'lines 82% ≥ 82%, branches 75% ≥ 75%' });
    expect(outcome.evidence).toMatchObject({ format: 'jacoco', lines: { covered: 41, total: 50 }, branches: { covered: 12, total: 16 } });
    expect((await evaluate({ file: 'coverage/jacoco.xml', lines: 82.1 })).status).toBe('fail');
  });

  it('reads Cobertura converted from JaCoCo, which gives only rates', async () => {
    const outcome = await evaluate({ file: 'coverage/cobertura-from-jacoco.xml', lines: 80, branches: 76 });
    expect(outcome).toMatchObject({ status: 'fail', message: 'branches 75% < 76%, lines 82% ≥ 80%' });
  });
});

describe('coverage check on files that are not usable reports', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await makeTempDir();
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('fails naming a missing file', async () => {
    const outcome = await evaluate({ file: 'coverage/missing.xml', lines: 80 });
    expect(outcome).toMatchObject({ status: 'fail', message: 'coverage/missing.xml does not exist' });
  });

  it('fails naming a truncated XML report', async () => {
    const outcome = await evaluate({ file: 'malformed/coverage-truncated.xml', lines: 80 });
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toMatch(/^malformed\/coverage-truncated\.xml cannot be read as a coverage report: /);
  });

  it("recognises Istanbul's detailed coverage-final.json and names the reporter to use", async () => {
    const outcome = await evaluate({ file: 'malformed/coverage-final.json', lines: 80 });
    expect(outcome.message).toMatch(/coverage-final\.json; use the json-summary reporter/);
  });

  it('detects the format from content, whatever the name', async () => {
    await writeFile(path.join(dir, 'report.txt'), 'TN:\nSF:a.py\nDA:1,1\nDA:2,0\nend_of_record\n');
    const outcome = await evaluate({ file: 'report.txt', lines: 50 }, dir);
    expect(outcome).toMatchObject({ status: 'pass', message: 'lines 50% ≥ 50%' });
    expect(outcome.evidence).toMatchObject({ format: 'lcov' });
  });

  it('refuses a report that is a symlink out of the project', async () => {
    await symlink(path.join(FIXTURES, 'coverage/coverage.xml'), path.join(dir, 'outside.xml'));
    const outcome = await evaluate({ file: 'outside.xml', lines: 10 }, dir);
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toMatch(/outside\.xml resolves outside the project/);
  });

  it('refuses an oversized report without reading it', async () => {
    await writeFile(path.join(dir, 'huge.xml'), '');
    await truncate(path.join(dir, 'huge.xml'), MAX_REPORT_BYTES + 1);
    const outcome = await evaluate({ file: 'huge.xml', lines: 10 }, dir);
    expect(outcome).toMatchObject({ status: 'fail', message: 'huge.xml is 64 MiB; reports larger than 64 MiB are not read' });
  });

  it('fails on JUnit XML given as a coverage report', async () => {
    const outcome = await evaluate({ file: 'pytest/junit-passing.xml', lines: 10 });
    expect(outcome.message).toMatch(/<testsuites> root is not a coverage report/);
  });
});

describe('formatPercent', () => {
  it('never shows a failing value as reaching its threshold', () => {
    expect(formatPercent(79.96, false)).toBe('79.9');
    expect(formatPercent(79.99999999999999, true)).toBe('80');
    expect(formatPercent(72.41379, false)).toBe('72.4');
  });
});
