// A monorepo of three projects in a real temp git repo, plus two lepton.yaml files that must never
// be found: one in a git-ignored folder, one under node_modules.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createTempRepo, type TempRepo } from '../helpers/git-repo.js';

const REPORTS = fileURLToPath(new URL('../fixtures/reports/', import.meta.url));

export const report = (name: string) => readFile(`${REPORTS}${name}`, 'utf8');

/** research/poc: one phase, coverage from lcov (68.75 % ≥ 60) → passes. */
export const POC_MANIFEST = `version: 1
project: { name: retrieval-poc }
phase: poc
phases:
  - id: poc
    title: Proof of concept
    gate:
      - { id: coverage, coverage: { file: lcov.info, lines: 60 } }
`;

/** services/churn: develop (done: pytest JUnit) then test (current: coverage.py XML 72.4 % ≥ 70) → passes. */
export const CHURN_MANIFEST = `version: 1
project: { name: churn-predictor }
phase: test
phases:
  - id: develop
    title: Development
    gate:
      - { id: unit-tests, tests: { junit: "reports/unit-*.xml", min: 5 } }
  - id: test
    title: Testing
    gate:
      - { id: coverage, coverage: { file: coverage.xml, lines: 70, branches: 70 } }
      - { id: test-report, tests: { junit: "reports/unit-*.xml" } }
`;

/** services/support-bot: one phase whose Jest report has a failure → fails. */
export const BOT_MANIFEST = `version: 1
project: { name: support-bot }
phase: test
phases:
  - id: test
    title: Testing
    gate:
      - { id: test-report, tests: { junit: "reports/jest-junit.xml" } }
`;

export async function createMonorepo(): Promise<TempRepo> {
  return createTempRepo({
    files: {
      '.gitignore': 'build/\n',
      'README.md': '# models\n',
      'research/poc/lepton.yaml': POC_MANIFEST,
      'research/poc/lcov.info': await report('coverage/lcov.info'),
      'services/churn/lepton.yaml': CHURN_MANIFEST,
      'services/churn/coverage.xml': await report('coverage/coverage.xml'),
      'services/churn/reports/unit-pytest.xml': await report('pytest/junit-passing.xml'),
      'services/support-bot/lepton.yaml': BOT_MANIFEST,
      'services/support-bot/reports/jest-junit.xml': await report('jest/junit.xml'),
      'build/generated/lepton.yaml': BOT_MANIFEST.replace('support-bot', 'generated-copy'),
      'services/support-bot/node_modules/some-dep/lepton.yaml': BOT_MANIFEST.replace('support-bot', 'dependency'),
    },
  });
}
