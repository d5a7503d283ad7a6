// The shell the generated CI runs to install a Python project's dependencies, run for real with a
// stand-in `python` that records what it is asked to do (PyPI is not reachable from the tests):
// every requirements*.txt, the pyproject.toml project with its test/dev extras, and Python's
// byte code and egg-info kept out of git status.
import { execa } from 'execa';
import { chmod, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pythonInstallLines } from '../../src/ci/plan.js';
import { createTempRepo, makeTempDir, type TempRepo } from '../helpers/git-repo.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function install(files: Record<string, string>): Promise<{ calls: string[]; repo: TempRepo }> {
  const repo = await createTempRepo({ files });
  const bin = await makeTempDir('lepton-python-');
  cleanups.push(repo.cleanup, () => rm(bin, { recursive: true, force: true }));
  const log = path.join(bin, 'calls.log');
  await writeFile(path.join(bin, 'python'), `#!/bin/sh\necho "$*" >> '${log}'\n`);
  await chmod(path.join(bin, 'python'), 0o755);
  await writeFile(log, '');
  for (const shell of ['bash', 'dash']) {
    const result = await execa(shell, ['-e', '-c', pythonInstallLines('python').join('\n')], {
      cwd: repo.dir,
      env: { PATH: `${bin}${path.delimiter}${process.env.PATH}` },
      reject: false,
    });
    expect(result.exitCode, `${shell}: ${result.stderr}`).toBe(0);
  }
  const calls = (await readFile(log, 'utf8')).split('\n').filter(Boolean);
  return { calls: calls.slice(0, calls.length / 2), repo };
}

describe("installing a gated project's Python dependencies in CI", () => {
  it('installs every requirements*.txt, then the pyproject.toml project with its test and dev extras', async () => {
    const { calls, repo } = await install({
      'requirements.txt': 'scikit-learn\n',
      'requirements-dev.txt': 'pytest\n',
      'pyproject.toml': '[project]\nname = "churn"\n\n[project.optional-dependencies]\ndev = ["ruff"]\ntest = ["pytest-cov"]\ndocs = ["mkdocs"]\n\n[tool.ruff]\ntest = 1\n',
    });
    expect(calls).toEqual(['-m pip install -r requirements-dev.txt', '-m pip install -r requirements.txt', '-m pip install -e .[dev,test]']);
    await repo.write('src/churn/__pycache__/model.cpython-312.pyc', 'x');
    await repo.write('src/churn.egg-info/PKG-INFO', 'x');
    expect(await repo.git('status', '--porcelain')).toBe('');
  });

  it('installs no project from a pyproject.toml that only configures tools, and nothing without dependency files', async () => {
    expect((await install({ 'pyproject.toml': '[tool.pytest.ini_options]\naddopts = "-q"\n' })).calls).toEqual([]);
    expect((await install({ 'README.md': '# churn\n' })).calls).toEqual([]);
  });

  it('installs a pyproject.toml project without extras as it is', async () => {
    expect((await install({ 'pyproject.toml': '[build-system]\nrequires = ["setuptools"]\n\n[project]\nname = "churn"\n' })).calls).toEqual(['-m pip install -e .']);
  });
});
