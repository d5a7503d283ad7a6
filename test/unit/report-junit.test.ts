// `--format junit`: valid against both schemas kept in ../shared/validators/junit (strict Ant and
// Jenkins), one suite per phase, one case per check, every kind of outcome, hostile text escaped.
import { XMLParser } from 'fast-xml-parser';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult, GateReport } from '../../src/gate/types.js';
import { formatGateJunit, formatStatusJunit, formatVerifyJunit } from '../../src/report/junit.js';

const SCHEMAS = fileURLToPath(new URL('../../../shared/validators/junit/', import.meta.url));
const hasXmllint = !spawnSync('xmllint', ['--version']).error;
const hasSchemas = existsSync(path.join(SCHEMAS, 'JUnit.xsd'));
if (!hasXmllint) console.warn('report-junit: xmllint not found, XSD validation skipped (install it: apt-get install libxml2-utils)');
if (!hasSchemas) console.warn(`report-junit: no JUnit schemas in ${SCHEMAS}, XSD validation skipped`);

const NOW = () => new Date('2026-03-04T05:06:07.890Z');

function check(fields: Partial<CheckResult> & Pick<CheckResult, 'id' | 'status'>): CheckResult {
  return { phase: 'poc', kind: 'file', required: true, message: `${fields.id} message`, problems: [], durationMs: 12, ...fields };
}

const HOSTILE = 'a <b> & "c" \'d\' \u0001\u001b[31mred\u001b[0m \ud800 ]]> end';

const REPORT: GateReport = {
  version: 1,
  project: 'churn & co',
  phase: 'design',
  passed: false,
  checks: [
    check({
      id: 'plan-written',
      status: 'fail',
      kind: 'doc',
      message: '2 sections still have placeholders',
      hint: 'fill in the plan',
      problems: [{ file: 'docs/poc-plan.md', line: 14, message: "placeholder TODO in 'Success criteria'" }, { message: 'no owner named' }],
    }),
    check({ id: 'unit-tests', status: 'error', kind: 'run', message: 'timed out after 600 s', output: [HOSTILE, 'line two'] }),
    check({ id: 'code', status: 'pass', durationMs: 1234 }),
    check({ id: 'latency', status: 'skipped', message: 'not evaluated by `lepton status`' }),
    check({ id: 'go-decision', status: 'waived', kind: 'approval', message: 'no sign-off yet', waiver: { reason: 'board meets in May', until: '2026-05-31', by: 'Grace Hopper' } }),
    check({ id: 'lint', status: 'fail', required: false, kind: 'run', message: `ruff found 3 problems ${HOSTILE}` }),
    check({ id: 'architecture', phase: 'design', status: 'pass', kind: 'doc' }),
  ],
  summary: { total: 7, passed: 2, failed: 2, errored: 1, skipped: 1, waived: 1 },
};

const parser = new XMLParser({
  htmlEntities: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
  textNodeName: '#text',
});

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lepton-junit-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function xmllint(xml: string, schema: string): Promise<{ status: number | null; output: string }> {
  const file = path.join(dir, `report-${Math.random().toString(36).slice(2)}.xml`);
  await writeFile(file, xml);
  const result = spawnSync('xmllint', ['--noout', '--schema', path.join(SCHEMAS, schema), file], { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const gateXml = formatGateJunit(REPORT, { titles: { poc: 'Proof of concept', design: 'Design' }, now: NOW });

describe.skipIf(!hasXmllint || !hasSchemas)('JUnit output against the XSDs (xmllint)', () => {
  for (const schema of ['JUnit.xsd', 'jenkins-junit-10.xsd']) {
    it(`a gate report with every outcome validates against ${schema}`, async () => {
      const result = await xmllint(gateXml, schema);
      expect(result.output).toMatch(/validates/);
      expect(result.status).toBe(0);
    });

    it(`an empty report (no completed phase yet), status and verify validate against ${schema}`, async () => {
      const empty = formatGateJunit({ ...REPORT, checks: [] }, { now: NOW });
      const status = formatStatusJunit(
        {
          project: 'p',
          phase: 'poc',
          phases: [{ id: 'poc', title: 'PoC', state: 'current', checks: 1 }],
          gate: { passed: false, summary: REPORT.summary, checks: REPORT.checks.slice(0, 2) },
        },
        { now: NOW },
      );
      const verify = formatVerifyJunit(
        {
          project: 'p',
          phase: 'design',
          ok: false,
          entries: 3,
          problems: [{ seq: 2, check: 'chain', message: 'entry #2: hash does not match' }, { message: 'lepton.yaml says phase: design' }],
        },
        { now: NOW },
      );
      for (const xml of [empty, status, verify]) expect((await xmllint(xml, schema)).status).toBe(0);
    });
  }

  it('the check itself catches an invalid report (strict Ant needs the suite attributes)', async () => {
    const broken = gateXml.replace(/ hostname="[^"]*"/, '');
    expect((await xmllint(broken, 'JUnit.xsd')).status).not.toBe(0);
  });
});

describe('JUnit structure', () => {
  const parsed = parser.parse(gateXml);
  const suites = parsed.testsuites.testsuite as Record<string, any>[];

  it('has one testsuite per phase, in order, with counts that agree with the gate', () => {
    expect(suites.map((suite) => suite.name)).toEqual(['lepton.poc', 'lepton.design']);
    expect(suites[0]).toMatchObject({ package: 'lepton', id: '0', tests: '6', failures: '1', errors: '1', skipped: '2', timestamp: '2026-03-04T05:06:07' });
    expect(suites[1]).toMatchObject({ id: '1', tests: '1', failures: '0', errors: '0', skipped: '0' });
    expect(suites[0]!.time).toBe('1.294');
    expect(suites[0]!.properties.property).toContainEqual({ name: 'lepton.phase.title', value: 'Proof of concept' });
  });

  it('has one testcase per check: classname lepton.<phase>, name the check id, time in seconds', () => {
    const cases = suites[0]!.testcase as Record<string, any>[];
    expect(cases.map((testCase) => testCase.name)).toEqual(['plan-written', 'unit-tests', 'code', 'latency', 'go-decision', 'lint']);
    expect(cases.every((testCase) => testCase.classname === 'lepton.poc')).toBe(true);
    expect(cases[2]).toMatchObject({ time: '1.234' });
  });

  it('reports a failure with the check message, its problems as file:line lines and the hint', () => {
    const failure = (suites[0]!.testcase as Record<string, any>[])[0]!.failure;
    expect(failure.message).toBe('2 sections still have placeholders');
    expect(failure.type).toBe('doc');
    expect(failure['#text']).toBe("docs/poc-plan.md:14: placeholder TODO in 'Success criteria'\nno owner named\nhint: fill in the plan");
  });

  it('reports an errored check as <error>, a skipped one and a waived one (with the waiver) as <skipped>', () => {
    const cases = suites[0]!.testcase as Record<string, any>[];
    expect(cases[1]!.error.message).toBe('timed out after 600 s');
    expect(cases[3]!.skipped.message).toBe('not evaluated by `lepton status`');
    expect(cases[4]!.skipped.message).toBe('waived until 2026-05-31 by Grace Hopper: board meets in May');
  });

  it('lets an advisory failure pass, and says so in the suite system-out', () => {
    const lint = (suites[0]!.testcase as Record<string, any>[])[5]!;
    expect(lint.failure).toBeUndefined();
    expect(suites[0]!['system-out']).toMatch(/^advisory check lint failed \(not blocking\): ruff found 3 problems/);
  });

  it('escapes markup and drops what XML 1.0 cannot carry (control characters, colour codes, lone surrogates)', () => {
    expect(gateXml).toContain('a &lt;b&gt; &amp; ');
    expect(gateXml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(gateXml).not.toContain('[31m');
    const body = (suites[0]!.testcase as Record<string, any>[])[1]!.error['#text'] as string;
    expect(body).toContain('a <b> & "c" \'d\' \ufffdred \ufffd ]]> end');
    expect(parser.parse(formatGateJunit({ ...REPORT, project: 'a"b\nc' }, { now: NOW })).testsuites.testsuite[0].properties.property[0].value).toBe('a"b\nc');
  });

  it('groups verify problems into chain, phase and approvals cases (authors with --strict)', () => {
    const xml = formatVerifyJunit(
      {
        project: 'p',
        phase: 'test',
        ok: false,
        entries: 5,
        problems: [
          { seq: 3, message: 'entry #3 (approve): Grace Hopper does not hold the role product-owner', check: 'approvals' },
          { message: 'lepton.yaml says phase: test, but the ledger has the project still in develop' },
          { seq: 4, check: 'authors', message: 'entry #4 names Ada, but commit abc1234 was authored by Eve' },
        ],
      },
      { now: NOW },
    );
    const suite = parser.parse(xml).testsuites.testsuite[0];
    expect(suite.name).toBe('lepton.verify');
    const byName = Object.fromEntries((suite.testcase as Record<string, any>[]).map((testCase) => [testCase.name, testCase]));
    expect(Object.keys(byName)).toEqual(['chain', 'phase', 'approvals', 'authors']);
    expect(byName.chain!.failure).toBeUndefined();
    expect(byName.phase!.failure.message).toMatch(/^lepton.yaml says phase: test/);
    expect(byName.approvals!.failure.type).toBe('verify.approvals');
    expect(suite.failures).toBe('3');
  });
});
