// The bundled example works right after install: a real gate with three checks passing and the
// product owner's sign-off outstanding.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runLepton } from '../helpers/cli.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/churn-predictor', import.meta.url));

describe('examples/churn-predictor', () => {
  it('validates', async () => {
    const result = await runLepton(['validate', '-C', EXAMPLE]);
    expect(result.exitCode, result.stderr).toBe(0);
  });

  it('shows a real gate: the documents, code and metrics pass; the go decision awaits its sign-off', async () => {
    const result = await runLepton(['gate', '-C', EXAMPLE, '--format', 'json']);
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.checks.map((check: { id: string; status: string }) => `${check.id}:${check.status}`)).toEqual([
      'plan-written:pass',
      'prototype-exists:pass',
      'results-meet-criteria:pass',
      'go-decision:fail',
    ]);
    expect(report.checks[3].hint).toMatch(/lepton approve go-decision/);
  });
});
