// `lepton gate --format sarif` and `--sarif FILE` through the built CLI: valid against the OASIS
// SARIF 2.1.0 schema, one rule per check kind, results on the failing files and lines relative to
// the repository root, and checks that name no file placed on their line in lepton.yaml.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLepton } from '../helpers/cli.js';
import { createTempRepo, type TempRepo } from '../helpers/git-repo.js';
import { validatorFolder } from '../helpers/validators.js';

const SARIF = validatorFolder('sarif', 'sarif-schema-2.1.0.json', 'report-sarif: OASIS schema validation');

const MANIFEST = `version: 1
project: { name: churn }
phase: poc
phases:
  - id: poc
    title: Proof of concept
    gate:
      - { id: plan-written, doc: docs/poc-plan.md, hint: "fill in the plan" }
      - id: unit-tests
        run: "printf 'E   assert 0.7 >= 0.85\\\\n'; exit 1"
      - { id: code, file: "src/**/*.py" }
      - { id: lint, file: "lint-report.txt", required: false }
`;

let repo: TempRepo;
beforeAll(async () => {
  repo = await createTempRepo({
    files: {
      'services/ml/lepton.yaml': MANIFEST,
      'services/ml/docs/poc-plan.md': '# PoC plan\n\n## Goal\n\nPredict churn.\n\n## Success criteria\n\nTODO: agree on them\n',
      'services/ml/src/model.py': 'def predict(x):\n    return 0.5\n',
    },
  });
});
afterAll(() => repo.cleanup());

const cwd = () => path.join(repo.dir, 'services/ml');

interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; rules: { id: string }[] } };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      partialFingerprints: Record<string, string>;
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
    }[];
  }[];
}

async function schemaErrors(log: unknown): Promise<unknown[]> {
  const require = createRequire(import.meta.url);
  const Ajv = require('ajv-draft-04') as new (options: object) => { compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown[] } };
  const addFormats = require('ajv-formats') as (ajv: unknown) => void;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(await readFile(path.join(SARIF!, 'sarif-schema-2.1.0.json'), 'utf8')));
  return validate(log) ? [] : (validate.errors ?? ['invalid']);
}

describe('lepton gate --format sarif', () => {
  it('prints SARIF 2.1.0 that the OASIS schema accepts, with results on repository-relative files and lines', async () => {
    const result = await runLepton(['gate', '--format', 'sarif'], { cwd: cwd() });
    expect(result.exitCode, result.stderr).toBe(1);
    const log = JSON.parse(result.stdout) as SarifLog;
    if (SARIF) expect(await schemaErrors(log)).toEqual([]);
    expect(log.version).toBe('2.1.0');
    const [run] = log.runs;
    expect(run!.tool.driver.name).toBe('lepton');
    expect(run!.tool.driver.rules.map((rule) => rule.id)).toEqual(['lepton/doc', 'lepton/file', 'lepton/run']);
    const where = run!.results.map((found) => [
      found.ruleId,
      found.level,
      found.locations[0]!.physicalLocation.artifactLocation.uri,
      found.locations[0]!.physicalLocation.region.startLine,
    ]);
    expect(where).toEqual([
      // The doc problem names its file and line.
      ['lepton/doc', 'error', 'services/ml/docs/poc-plan.md', 9],
      // A failing command names no file: it sits on its check's line in lepton.yaml.
      ['lepton/run', 'error', 'services/ml/lepton.yaml', 9],
      ['lepton/file', 'warning', 'services/ml/lepton.yaml', 12],
    ]);
    for (const found of run!.results) {
      expect(run!.tool.driver.rules[found.ruleIndex]!.id).toBe(found.ruleId);
      expect(found.partialFingerprints['leptonCheck/v1']).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(run!.results[0]!.message.text).toBe("poc/plan-written: placeholder TODO in 'Success criteria'\nHow to fix: fill in the plan");
    expect(run!.results[1]!.message.text).toContain('E   assert 0.7 >= 0.85');
  });

  it('keeps fingerprints when a problem moves to another line', async () => {
    const before = JSON.parse((await runLepton(['gate', '--format', 'sarif'], { cwd: cwd() })).stdout) as SarifLog;
    await repo.write('services/ml/docs/poc-plan.md', '# PoC plan\n\nIntro.\n\n## Goal\n\nPredict churn.\n\n## Success criteria\n\nTODO: agree on them\n');
    const after = JSON.parse((await runLepton(['gate', '--format', 'sarif'], { cwd: cwd() })).stdout) as SarifLog;
    expect(after.runs[0]!.results[0]!.locations[0]!.physicalLocation.region.startLine).toBe(11);
    expect(after.runs[0]!.results[0]!.partialFingerprints).toEqual(before.runs[0]!.results[0]!.partialFingerprints);
  });

  it('writes --sarif FILE beside another format', async () => {
    const result = await runLepton(['gate', '--format', 'json', '--sarif', 'out/lepton.sarif'], { cwd: cwd() });
    expect(result.exitCode, result.stderr).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ project: 'churn', passed: false });
    const log = JSON.parse(await readFile(path.join(cwd(), 'out/lepton.sarif'), 'utf8')) as SarifLog;
    if (SARIF) expect(await schemaErrors(log)).toEqual([]);
    expect(log.runs[0]!.results).toHaveLength(3);
  });

  it('refuses --sarif with --all, and --format sarif for status', async () => {
    const all = await runLepton(['gate', '--all', '--sarif', 'x.sarif'], { cwd: repo.dir });
    expect(all.exitCode).toBe(2);
    expect(all.stderr).toContain('--sarif is not available with --all');
    const status = await runLepton(['status', '--format', 'sarif'], { cwd: cwd() });
    expect(status.exitCode).toBe(2);
  });
});
