// `lepton ci matrix`: one line of JSON on stdout, {"include":[{project, path}]}, sorted by path,
// ready for `strategy.matrix: ${{ fromJSON(needs.discover.outputs.matrix) }}`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLepton } from '../helpers/cli.js';
import type { TempRepo } from '../helpers/git-repo.js';
import { createMonorepo } from './monorepo-setup.js';

describe('lepton ci matrix', () => {
  let repo: TempRepo;
  beforeAll(async () => {
    repo = await createMonorepo();
    // Written after the others and named to sort first by characters but not by path segments.
    await repo.write('services-legacy/lepton.yaml', 'version: 1\nproject: { name: legacy }\n');
  });
  afterAll(async () => {
    await repo.cleanup();
  });

  it('prints the projects as a GitHub Actions matrix, sorted by path, on stdout only', async () => {
    const result = await runLepton(['ci', 'matrix'], { cwd: repo.dir });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(
      `${JSON.stringify({
        include: [
          { project: 'retrieval-poc', path: 'research/poc' },
          { project: 'churn-predictor', path: 'services/churn' },
          { project: 'support-bot', path: 'services/support-bot' },
          { project: 'services-legacy', path: 'services-legacy' },
        ],
      })}\n`,
    );
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    // The invalid manifest stays in the matrix (its job fails with the real error) and is named on stderr.
    expect(result.stderr).toMatch(/^warning: services-legacy\/lepton\.yaml: invalid manifest/m);
  });

  it('gives paths relative to -C DIR, and an empty include (with a warning) where there is no project', async () => {
    const services = await runLepton(['-C', 'services', 'ci', 'matrix'], { cwd: repo.dir });
    expect(JSON.parse(services.stdout)).toEqual({
      include: [
        { project: 'churn-predictor', path: 'churn' },
        { project: 'support-bot', path: 'support-bot' },
      ],
    });
    await repo.write('docs/index.md', '# docs\n');
    const none = await runLepton(['-C', 'docs', 'ci', 'matrix'], { cwd: repo.dir });
    expect(none).toMatchObject({ exitCode: 0, stdout: '{"include":[]}\n' });
    expect(none.stderr).toMatch(/^warning: no lepton\.yaml found in .*docs or below it; the matrix is empty$/m);
  });
});
