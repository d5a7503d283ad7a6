// `--format github`: workflow-command annotations with GitHub's escaping, the most important first,
// at most ten per level with the rest counted, and check text that cannot act as a command.
import { describe, expect, it } from 'vitest';
import type { CheckResult, GateReport } from '../../src/gate/types.js';
import {
  annotationLine,
  escapeData,
  escapeProperty,
  formatGateGithub,
  formatStatusGithub,
  formatVerifyGithub,
  selectAnnotations,
  type Annotation,
} from '../../src/report/github.js';

function check(fields: Partial<CheckResult> & Pick<CheckResult, 'id' | 'status'>): CheckResult {
  return { phase: 'poc', kind: 'doc', required: true, message: `${fields.id} message`, problems: [], durationMs: 1, ...fields };
}

function report(checks: CheckResult[]): GateReport {
  return {
    version: 1,
    project: 'churn',
    phase: 'poc',
    passed: false,
    checks,
    summary: { total: checks.length, passed: 0, failed: checks.length, errored: 0, skipped: 0, waived: 0 },
  };
}

const OPTIONS = { color: false, env: {} };

/** The annotation lines of an output, without the inert plain report after them. */
function annotations(output: string): string[] {
  return output.split('\n').filter((line) => /^::(error|warning|notice) /.test(line));
}

describe('escaping', () => {
  it('encodes %, CR and LF in messages, and also : and , in properties', () => {
    expect(escapeData('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext: a, b');
    expect(escapeProperty('docs/a,b.md: 50%\n')).toBe('docs/a%2Cb.md%3A 50%25%0A');
  });

  it('writes ::level file=…,line=…,title=…::message', () => {
    const line = annotationLine({ level: 'error', rank: 0, file: 'docs/poc, plan.md', line: 14, title: 'lepton poc/plan: failed', message: "placeholder TODO\nin 'Goal'" });
    expect(line).toBe("::error file=docs/poc%2C plan.md,line=14,title=lepton poc/plan%3A failed::placeholder TODO%0Ain 'Goal'");
  });
});

describe('gate annotations', () => {
  it('annotates each problem of a failing check at its file and line, with the hint', () => {
    const output = formatGateGithub(
      report([
        check({ id: 'plan-written', status: 'fail', hint: 'fill it in', problems: [{ file: 'docs/poc-plan.md', line: 14, message: 'placeholder TODO' }] }),
        check({ id: 'code', status: 'pass' }),
      ]),
      OPTIONS,
    );
    expect(annotations(output)).toEqual(['::error file=docs/poc-plan.md,line=14,title=lepton poc/plan-written failed::placeholder TODO%0Ahint: fill it in']);
  });

  it('orders required failures, then errors, then advisory failures and waivers (warnings); located problems first', () => {
    const output = orderedAnnotations();
    expect(output).toEqual([
      '::error file=a.md,line=3,title=lepton poc/fails failed::located',
      '::error file=b.md,title=lepton poc/fails failed::file only',
      '::error title=lepton poc/fails failed::nowhere',
      '::error title=lepton poc/errors errored::could not run',
      '::warning file=c.md,line=1,title=lepton poc/advisory failed (advisory)::advice',
      '::warning title=lepton poc/waived waived::waived until 2026-06-30 by Ada: later%0Awaived message',
    ]);
  });

  it('shows nine errors and counts the rest in a tenth line when there are more than ten', () => {
    const problems = Array.from({ length: 14 }, (_, index) => ({ file: `docs/${index}.md`, line: index + 1, message: `problem ${index}` }));
    const lines = annotations(formatGateGithub(report([check({ id: 'many', status: 'fail', problems })]), OPTIONS));
    expect(lines).toHaveLength(10);
    expect(lines[8]).toContain('docs/8.md');
    expect(lines[9]).toBe('::error title=lepton::5 more errors not annotated (GitHub shows 10 per step): see the job summary or the log');
  });

  it('shows exactly ten without a count line', () => {
    const problems = Array.from({ length: 10 }, (_, index) => ({ file: 'x.md', line: index + 1, message: `p${index}` }));
    const lines = annotations(formatGateGithub(report([check({ id: 'ten', status: 'fail', problems })]), OPTIONS));
    expect(lines).toHaveLength(10);
    expect(lines.every((line) => line.startsWith('::error file=x.md'))).toBe(true);
  });

  it('names files relative to $GITHUB_WORKSPACE when the project sits in a subfolder', () => {
    const output = formatGateGithub(report([check({ id: 'doc', status: 'fail', problems: [{ file: 'docs/a.md', line: 2, message: 'm' }] })]), {
      color: false,
      env: { GITHUB_WORKSPACE: '/home/runner/work/repo/repo' },
      root: '/home/runner/work/repo/repo/services/churn',
    });
    expect(annotations(output)[0]).toMatch(/^::error file=services\/churn\/docs\/a\.md,line=2,/);
  });

  it('prints the plain report after the annotations between stop-commands markers, so check output cannot inject commands', () => {
    const output = formatGateGithub(report([check({ id: 'tests', status: 'fail', kind: 'run', output: ['::error::forged', '::add-mask::x'] })]), OPTIONS);
    const start = output.indexOf('::stop-commands::');
    const token = /::stop-commands::(\S+)\n/.exec(output)?.[1];
    expect(token).toMatch(/^lepton-[0-9a-f]{16}$/);
    const lines = (text: string) => text.split('\n');
    expect(lines(output.slice(0, start)).some((line) => line.startsWith('::error::forged'))).toBe(false);
    expect(lines(output.slice(start)).some((line) => line.trim() === '│ ::error::forged')).toBe(true);
    expect(output.trimEnd().endsWith(`::${token}::`)).toBe(true);
    expect(output).toContain('gate failed: 1 check, 0 passed, 1 failed');
    expect(output).not.toMatch(/\u001b\[/);
  });
});

function orderedAnnotations(): string[] {
  const checks = [
    check({ id: 'advisory', status: 'fail', required: false, problems: [{ file: 'c.md', line: 1, message: 'advice' }] }),
    check({ id: 'waived', status: 'waived', waiver: { reason: 'later', until: '2026-06-30', by: 'Ada' }, message: 'waived message' }),
    check({ id: 'errors', status: 'error', kind: 'run', message: 'could not run' }),
    check({ id: 'fails', status: 'fail', problems: [{ message: 'nowhere' }, { file: 'b.md', message: 'file only' }, { file: 'a.md', line: 3, message: 'located' }] }),
    check({ id: 'skipped', status: 'skipped' }),
  ];
  return annotations(formatGateGithub(report(checks), OPTIONS));
}

describe('selectAnnotations', () => {
  it('caps warnings separately from errors', () => {
    const many = (level: Annotation['level'], count: number): Annotation[] =>
      Array.from({ length: count }, (_, index) => ({ level, rank: 2, title: 't', message: `${level} ${index}` }));
    const lines = selectAnnotations([...many('warning', 12), ...many('error', 3)]);
    expect(lines.filter((line) => line.startsWith('::error'))).toHaveLength(3);
    expect(lines.filter((line) => line.startsWith('::warning'))).toHaveLength(10);
    expect(lines.at(-1)).toMatch(/^::warning title=lepton::3 more warnings not annotated/);
  });
});

describe('status and verify', () => {
  it('status gives one notice, never an error: a gate in progress is not a failure', () => {
    const output = formatStatusGithub({
      project: 'churn',
      phase: 'design',
      phases: [
        { id: 'poc', title: 'PoC', state: 'done', checks: 2 },
        { id: 'design', title: 'Design', state: 'current', checks: 3 },
      ],
      gate: { passed: false, summary: { total: 3, passed: 1, failed: 2, errored: 0, skipped: 0, waived: 0 }, checks: [check({ id: 'arch', phase: 'design', status: 'fail' })] },
    });
    expect(annotations(output)).toEqual(['::notice title=lepton status%3A churn::phase design (Design): 1 of 3 checks of its gate pass']);
    expect(output).toContain('FAIL   arch  arch message');
  });

  it('verify annotates the ledger line of each broken entry', () => {
    const output = formatVerifyGithub(
      { project: 'churn', phase: 'design', ok: false, entries: 3, problems: [{ seq: 2, message: 'entry #2: hash mismatch' }, { message: 'phase: changed by hand' }] },
      {
        color: false,
        env: { GITHUB_WORKSPACE: '/w' },
        root: '/w/ml',
      },
    );
    expect(annotations(output)).toEqual([
      '::error file=ml/.lepton/ledger.jsonl,line=2,title=lepton verify::entry #2: hash mismatch',
      '::error file=ml/.lepton/ledger.jsonl,title=lepton verify::phase: changed by hand',
    ]);
  });
});
