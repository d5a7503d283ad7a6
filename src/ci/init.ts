// `lepton ci init`'s core: the CI configuration that enforces the phase gates on every pull
// request and push to the main branch, written for GitHub Actions or GitLab CI.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { GITHUB_WORKFLOW_PATH, githubWorkflow } from './github.js';
import { GITLAB_CI_PATH, mergeGitlabCi } from './gitlab.js';
import { ciLeptonSource } from './distribution.js';
import { PYTHON_COMMAND, type CiPlan } from './plan.js';
import { LeptonError, usageError } from '../errors.js';
import { pathExists, writeFileAtomic, writeUserFile } from '../fs.js';
import { findProjects } from '../lifecycle/projects.js';
import { loadManifest, type LoadedManifest } from '../manifest/load.js';
import { VERSION } from '../version.js';

export type CiProvider = 'github' | 'gitlab';

export interface CiInitOptions {
  provider?: string;
  force?: boolean;
  /** GitHub: upload SARIF to code scanning. */
  sarif?: boolean;
  /** GitHub: one sticky pull-request comment. */
  prComment?: boolean;
}

export interface CiInitResult {
  provider: CiProvider;
  /** The file written, relative to the repository root. */
  file: string;
  /** Absolute repository root (or the project folder outside git). */
  root: string;
  action: 'created' | 'overwritten' | 'merged' | 'replaced';
  plan: CiPlan;
  /** `test` was added to `stages:` of an existing .gitlab-ci.yml. */
  stageAdded: boolean;
  warnings: string[];
}

/** Decides what CI must do from the repository: where the projects are, how to get lepton, whether Python is needed. */
export async function ciPlan(root: string, loaded: LoadedManifest[], folders: string[], branch: string): Promise<CiPlan> {
  const install = await ciLeptonSource(root, folders);
  const runsPython = loaded.some(({ manifest }) =>
    manifest.phases.some((phase) => phase.gate.some((check) => 'run' in check && typeof check.run === 'string' && PYTHON_COMMAND.test(check.run))),
  );
  let python: CiPlan['python'];
  if (runsPython) {
    const versionFile = folders.length === 1 ? path.posix.join(folders[0]!, '.python-version') : '.python-version';
    python = { dependencyFiles: await pythonDependencyFiles(root, folders), ...((await pathExists(path.join(root, versionFile))) && { versionFile }) };
  }
  return { version: VERSION, install, projects: folders, ...(python && { python }), branch };
}

/** The cache keys pip can use: the kinds of dependency file some project folder has. */
async function pythonDependencyFiles(root: string, folders: string[]): Promise<string[]> {
  const names = (await Promise.all(folders.map((folder) => readdir(path.join(root, folder)).catch(() => [] as string[])))).flat();
  return [...(names.some((name) => /^requirements.*\.txt$/.test(name)) ? ['**/requirements*.txt'] : []), ...(names.includes('pyproject.toml') ? ['**/pyproject.toml'] : [])];
}

/** How many folder levels below it ci init looks for projects when run outside a git repository. */
const SEARCH_DEPTH = 3;

async function repositoryOf(cwd: string): Promise<{ root: string; branch: string } | undefined> {
  const git = await import('../git/git.js');
  if (!(await git.isRepository(cwd))) return undefined;
  const root = await git.repositoryRoot(cwd);
  const branch = await git.currentBranch(root).catch(() => undefined);
  return { root, branch: branch === 'master' ? 'master' : 'main' };
}

export async function ciInit(globals: { cwd: string; manifest?: string | undefined; quiet?: boolean }, options: CiInitOptions): Promise<CiInitResult> {
  const provider = options.provider ?? 'github';
  if (provider !== 'github' && provider !== 'gitlab') throw usageError(`unknown CI provider "${provider}"`, 'use --provider github or --provider gitlab');
  const warnings: string[] = [];
  const repository = await repositoryOf(globals.cwd);
  if (!repository) warnings.push('this folder is not in a git repository; the CI file is written here, and `verify --strict` in CI needs the project committed');
  const root = repository?.root ?? globals.cwd;
  const loaded: LoadedManifest[] = [];
  let folders: string[];
  if (globals.manifest) {
    const project = await loadManifest(globals);
    loaded.push(project);
    folders = [path.relative(root, project.root).split(path.sep).join('/') || '.'];
  } else {
    // Outside a repository the walk is bounded: ci init in /tmp must not search everything below it.
    const { projects } = await findProjects(root, repository ? {} : { maxDepth: SEARCH_DEPTH });
    if (projects.length === 0) {
      throw new LeptonError(repository ? `no lepton.yaml in ${root} or below it` : `no lepton.yaml here (${root}) or in the folders up to ${SEARCH_DEPTH} levels below it`, {
        hint: repository
          ? 'run `lepton init` first, then `lepton ci init`'
          : 'run `lepton ci init` in the repository that holds your project (or point at it with -C <folder>), or create a project first with `lepton init`',
      });
    }
    folders = projects.map((project) => project.path);
    for (const project of projects) {
      try {
        loaded.push(await loadManifest({ cwd: root, manifest: project.manifest }));
      } catch (error) {
        if (!(error instanceof LeptonError)) throw error;
        warnings.push(`${project.manifest}: ${error.message}; CI will fail on it until it is fixed`);
      }
    }
  }
  const plan = { ...(await ciPlan(root, loaded, folders, repository?.branch ?? 'main')), ...(options.sarif && { sarif: true }), ...(options.prComment && { prComment: true }) };
  if (provider !== 'github' && (options.sarif || options.prComment)) throw usageError('--sarif and --pr-comment are for GitHub Actions', 'use them with --provider github');
  if (provider === 'github') {
    const action = await writeUserFile(path.join(root, GITHUB_WORKFLOW_PATH), githubWorkflow(plan), {
      force: options.force,
      display: GITHUB_WORKFLOW_PATH,
      hint: 'pass --force to overwrite it, or edit it by hand',
    });
    return { provider, file: GITHUB_WORKFLOW_PATH, root, action, plan, stageAdded: false, warnings };
  }
  const file = path.join(root, GITLAB_CI_PATH);
  const existing = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new LeptonError(`cannot read ${GITLAB_CI_PATH}: ${error.message}`, { hint: 'check the file permissions' });
  });
  const merged = mergeGitlabCi(existing, plan, { force: options.force });
  await writeFileAtomic(file, merged.text);
  const action = existing === undefined ? 'created' : merged.replaced ? 'replaced' : 'merged';
  return { provider, file: GITLAB_CI_PATH, root, action, plan, stageAdded: merged.stageAdded, warnings };
}
