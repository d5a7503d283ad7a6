// A project with a history worth reporting, made through the built CLI in a real git repository:
// init, sign-offs by two owners, an advance, a reopen loop, a waiver, a failing current gate.
import { expect } from 'vitest';
import type { TempRepo } from './git-repo.js';
import { createTempRepo } from './git-repo.js';
import { ADA, GRACE, OWNERS_YAML, commitAs, lepton, type Identity } from './lifecycle-project.js';

export const REPORT_MANIFEST = `version: 1
project:
  name: churn-predictor
  description: Predict which subscribers cancel next month
  preset: ml-model
  domain: retail
${OWNERS_YAML}
phase: poc
phases:
  - id: poc
    title: Proof of concept
    gate:
      - { id: plan-written, doc: docs/poc-plan.md, sections: [Goal, Success criteria] }
      - { id: prototype-exists, file: "src/*.py" }
      - id: results-meet-criteria
        metric: { file: poc/results.json, checks: [{ path: accuracy, op: ">=", value: 0.85 }] }
      - { id: go-decision, approval: { roles: [product-owner] } }
  - id: design
    title: Design
    gate:
      - { id: architecture-written, doc: docs/architecture.md, hint: "describe every module" }
      - { id: unit-tests, run: "echo 'FAILED tests/test_model.py::test_latency'; exit 1", required: false }
      - { id: design-review, approval: { roles: [tech-lead] } }
  - id: develop
    title: Development
    gate:
      - { id: code-exists, file: "src/**/*.py" }
  - id: test
    title: Testing
    gate:
      - { id: coverage, coverage: { file: coverage.xml, lines: 80 } }
  - id: deploy
    title: Deployment
    gate:
      - { id: runbook-written, doc: docs/runbook.md }
`;

/** When the report is made: the waiver below runs until 2026-12-10, 8 days later. */
export const REPORT_NOW = '2026-12-02T09:00:00Z';
export const WAIVER_UNTIL = '2026-12-10';
/** The transitions in the ledger: init, advance, reopen, advance. */
export const TRANSITIONS = 4;

async function step(repo: TempRepo, args: string[], now: string, as: Identity = ADA): Promise<void> {
  const result = await lepton(repo, args, { now, as });
  expect(result.exitCode, `${args.join(' ')}: ${result.stdout}${result.stderr}`).toBe(0);
  await commitAs(repo, as, `lepton ${args.join(' ')}`);
}

export async function createReportProject(): Promise<TempRepo> {
  const repo = await createTempRepo({ files: {} });
  await step(repo, ['init', '--yes', '--name', 'churn-predictor'], '2026-11-02T09:00:00Z');
  await repo.write('lepton.yaml', REPORT_MANIFEST);
  await repo.write('docs/poc-plan.md', '# PoC plan\n\n## Goal\n\nPredict churn a month ahead.\n\n## Success criteria\n\nAccuracy of at least 0.85 on the holdout set.\n');
  await repo.write('src/model.py', 'def predict(features):\n    return 0.5\n');
  await repo.write('poc/results.json', '{ "accuracy": 0.91 }\n');
  await commitAs(repo, ADA, 'the PoC');
  await step(repo, ['approve', 'go-decision', '--note', 'Worth a design'], '2026-11-05T10:00:00Z', GRACE);
  await step(repo, ['advance', '-m', 'PoC accepted'], '2026-11-06T10:00:00Z');
  await step(repo, ['reopen', 'poc', '--reason', 'Latency target needs a smaller model'], '2026-11-12T10:00:00Z');
  await step(repo, ['approve', 'go-decision', '--note', 'Smaller model holds up'], '2026-11-16T10:00:00Z', GRACE);
  await step(repo, ['advance', '-m', 'PoC accepted again'], '2026-11-17T10:00:00Z');
  await repo.write('docs/architecture.md', '# Architecture\n\n## System architecture\n\nA batch scorer.\n\n## Modules\n\nTODO\n');
  await commitAs(repo, ADA, 'architecture draft');
  await step(repo, ['waive', 'architecture-written', '--reason', 'Modules are written up in the next sprint', '--until', WAIVER_UNTIL], '2026-11-30T10:00:00Z');
  return repo;
}
