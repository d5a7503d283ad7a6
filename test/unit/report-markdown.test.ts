// `--format markdown` (also the job summary): heading, a table of checks, what to fix; check text
// stays text; the summary stays under GitHub's 1 MiB limit.
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendStepSummary } from '../../src/commands/report-files.js';
import { STEP_SUMMARY_LIMIT, fitSummary } from '../../src/report/summary.js';
import type { CheckResult, GateReport } from '../../src/gate/types.js';
import { escapeMarkdown, formatGateMarkdown, formatStatusMarkdown, formatVerifyMarkdown } from '../../src/report/markdown.js';

function check(fields: Partial<CheckResult> & Pick<CheckResult, 'id' | 'status'>): CheckResult {
  return { phase: 'poc', kind: 'doc', required: true, message: `${fields.id} message`, problems: [], durationMs: 1, ...fields };
}

const REPORT: GateReport = {
  version: 1,
  project: 'churn',
  phase: 'poc',
  passed: false,
  checks: [
    check({
      id: 'plan-written',
      status: 'fail',
      message: '1 placeholder | left',
      hint: 'fill in <Goal>',
      problems: [{ file: 'docs/poc-plan.md', line: 14, message: 'placeholder TODO in *Goal*' }],
    }),
    check({ id: 'unit-tests', status: 'error', kind: 'run', message: 'exited 2', output: ['E   assert 1 == 2', '```'] }),
    check({ id: 'code', status: 'pass', kind: 'file', message: 'src/**/*.py: 3 files' }),
    check({ id: 'lint', status: 'fail', required: false, kind: 'run', message: 'ruff: 2 problems' }),
    check({ id: 'go', status: 'waived', kind: 'approval', message: 'no sign-off', waiver: { reason: 'board in May', until: '2026-05-31', by: 'Grace' } }),
  ],
  summary: { total: 5, passed: 1, failed: 2, errored: 1, skipped: 0, waived: 1 },
};

describe('gate report in Markdown', () => {
  const markdown = formatGateMarkdown(REPORT, { titles: { poc: 'Proof of concept' } });

  it('opens with a heading that gives the verdict, then the counts', () => {
    expect(markdown.split('\n').slice(0, 4)).toEqual([
      '<!-- lepton-report -->',
      '## ❌ lepton gate: churn — failed',
      '',
      'Phase `poc` (Proof of concept) · 5 checks: 1 passed, 2 failed, 1 errored, 1 waived',
    ]);
  });

  it('has a table row per check with its status; the pipe in a message does not break the table', () => {
    expect(markdown).toContain('| Status | Check | Kind | Result |');
    expect(markdown).toContain('| ❌ fail | `plan-written` | doc | 1 placeholder \\| left |');
    expect(markdown).toContain('| ⚠️ fail (advisory) | `lint` | run | ruff: 2 problems |');
    expect(markdown).toContain('| 🟡 waived | `go` | approval | no sign-off |');
  });

  it('details each failure, required ones first: problems with file:line, the hint, the output in a fence longer than any inside it', () => {
    const fix = markdown.slice(markdown.indexOf('## What to fix'));
    expect(fix.indexOf('`plan-written`')).toBeLessThan(fix.indexOf('`unit-tests`'));
    expect(fix.indexOf('`unit-tests`')).toBeLessThan(fix.indexOf('`lint`'));
    expect(fix).toContain('- `docs/poc-plan.md:14` placeholder TODO in \\*Goal\\*');
    expect(fix).toContain('**How to fix:** fill in \\<Goal\\>');
    expect(fix).toContain('````text\nE   assert 1 == 2\n```\n````');
    expect(markdown).toContain('## Waivers\n\n- `go`: until 2026-05-31, by Grace: board in May');
  });

  it('says so when no phase was evaluated (gate --completed in the first phase)', () => {
    const empty = formatGateMarkdown({ ...REPORT, passed: true, checks: [], summary: { total: 0, passed: 0, failed: 0, errored: 0, skipped: 0, waived: 0 } }, {});
    expect(empty).toBe('<!-- lepton-report -->\n## ✅ lepton gate: churn — passed\n\nNo phase was evaluated (current phase `poc`).\n');
  });

  it('escapes Markdown and HTML in check text', () => {
    expect(escapeMarkdown('<script>a|b</script> *x* [l](u) & #1\nnext')).toBe('\\<script\\>a\\|b\\</script\\> \\*x\\* \\[l\\](u) &amp; \\#1 next');
  });
});

describe('status and verify in Markdown', () => {
  it('status: the phases with their state, then the current gate', () => {
    const markdown = formatStatusMarkdown({
      project: 'churn',
      description: 'Predict churn',
      phase: 'design',
      phases: [
        { id: 'poc', title: 'PoC', state: 'done', checks: 2 },
        { id: 'design', title: 'Design', state: 'current', checks: 1 },
        { id: 'develop', title: 'Development', state: 'upcoming', checks: 1 },
      ],
      gate: { passed: false, summary: { total: 1, passed: 0, failed: 1, errored: 0, skipped: 0, waived: 0 }, checks: [check({ id: 'arch', phase: 'design', status: 'fail' })] },
    });
    expect(markdown).toContain('| ✅ done | `poc` | PoC | 2 |\n| ▶️ current | `design` | Design | 1 |\n| · upcoming | `develop` | Development | 1 |');
    expect(markdown).toContain('### Gate of `design`: 0 of 1 checks pass');
  });

  it('verify: verdict, entries, each problem', () => {
    expect(formatVerifyMarkdown({ project: 'churn', phase: 'poc', ok: false, entries: 2, problems: [{ seq: 2, message: 'entry #2: hash mismatch' }] })).toBe(
      '<!-- lepton-report -->\n## ❌ lepton verify: churn — ledger check failed\n\n2 ledger entries · phase `poc`\n\n- entry \\#2: hash mismatch\n',
    );
  });
});

describe('the job summary ($GITHUB_STEP_SUMMARY)', () => {
  it('is appended to, after what earlier steps wrote', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'lepton-summary-'));
    const file = path.join(dir, 'summary.md');
    await writeFile(file, '# Build\n');
    await appendStepSummary({ env: { GITHUB_STEP_SUMMARY: file }, stderr: () => {} }, async () => '## lepton\n');
    expect(await readFile(file, 'utf8')).toBe('# Build\n\n## lepton\n');
    await rm(dir, { recursive: true, force: true });
  });

  it('stays under 1 MiB counting what is already there, cut at a line end with a note', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'lepton-summary-'));
    const file = path.join(dir, 'summary.md');
    await appendFile(file, 'x'.repeat(STEP_SUMMARY_LIMIT - 100_000));
    const huge = Array.from({ length: 20_000 }, (_, index) => `- problem ${index} ✓ ünïcode`).join('\n');
    await appendStepSummary({ env: { GITHUB_STEP_SUMMARY: file }, stderr: () => {} }, async () => huge);
    const written = await readFile(file);
    expect(written.length).toBeLessThanOrEqual(STEP_SUMMARY_LIMIT);
    expect(written.length).toBeGreaterThan(STEP_SUMMARY_LIMIT - 1000);
    const text = written.toString('utf8');
    expect(text).not.toContain('\ufffd');
    expect(text.trimEnd().endsWith('the job log has the full report.')).toBe(true);
    await rm(dir, { recursive: true, force: true });
  });

  it('is left alone when full, with a warning, and not written without $GITHUB_STEP_SUMMARY', async () => {
    expect(fitSummary('short', 10)).toBe('short');
    expect(fitSummary('x'.repeat(100), 50)).toBeUndefined();
    const warnings: string[] = [];
    const dir = await mkdtemp(path.join(tmpdir(), 'lepton-summary-'));
    const file = path.join(dir, 'summary.md');
    await writeFile(file, 'x'.repeat(STEP_SUMMARY_LIMIT));
    await appendStepSummary({ env: { GITHUB_STEP_SUMMARY: file }, stderr: (text) => warnings.push(text) }, async () => '## lepton\n');
    expect((await readFile(file)).length).toBe(STEP_SUMMARY_LIMIT);
    expect(warnings.join('')).toMatch(/already at GitHub's 1 MiB limit/);
    let asked = false;
    await appendStepSummary({ env: {}, stderr: () => {} }, async () => {
      asked = true;
      return '';
    });
    expect(asked).toBe(false);
    await rm(dir, { recursive: true, force: true });
  });
});
