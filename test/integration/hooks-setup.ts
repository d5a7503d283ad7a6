// A project with lepton's pre-push hook and a local bare remote, for the hooks integration tests:
// real git, real `git push` child processes, the built CLI found through $LEPTON_BIN.
import { execa } from 'execa';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LEPTON_BIN, cleanEnv, runLepton, type CliResult } from '../helpers/cli.js';
import { createTempRepo, gitEnv, makeTempDir, type TempRepo } from '../helpers/git-repo.js';
import { PINNED_LEPTON_FILES } from '../helpers/pinned-lepton.js';

export { LEPTON_BIN };

export const manifest = (extra = '') => `version: 1
project:
  name: hook-demo
  description: Fixture for the pre-push hook
  preset: ml-model
  domain: general
  language: en
  owners:
    - { name: Ada Lovelace, email: ada@example.com, roles: [tech-lead] }
phase: poc
phases:
  - id: poc
    title: Proof of concept
    gate:
      - { id: prototype-exists, file: "src/*.py" }
      - { id: plan-written, doc: docs/poc-plan.md }
      - id: results-meet-criteria
        metric: { file: poc/results.json, checks: [{ path: accuracy, op: ">=", value: 0.85 }] }
  - id: design
    title: Design
    gate:
      - { id: architecture-written, doc: docs/architecture.md }
${extra}`;

export const PASSING_RESULTS = '{ "accuracy": 0.91 }\n';
export const FAILING_RESULTS = '{ "accuracy": 0.52 }\n';

export interface HookProject extends TempRepo {
  remote: string;
  /** Runs `git push ARGS` in the project; `LEPTON_BIN` points at the built CLI unless `env` says otherwise. */
  push: (args: string[], env?: Record<string, string | undefined>) => Promise<CliResult>;
  lepton: (args: string[], env?: Record<string, string | undefined>) => Promise<CliResult>;
  /** The object id a ref points at in the remote. */
  remoteRef: (ref: string) => Promise<string | undefined>;
  cleanupAll: () => Promise<void>;
}

export function pushEnv(env: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return cleanEnv({ ...gitEnv(), LEPTON_BIN, ...env });
}

/**
 * A project past its first phase (advanced by `lepton advance`, so the ledger agrees with
 * `phase: design`; `advance: false` leaves it in poc), `main` already on the remote, and lepton's
 * hook installed unless `install: false`.
 */
export async function createHookProject(options: { extraManifest?: string; install?: boolean; advance?: boolean } = {}): Promise<HookProject> {
  const repo = await createTempRepo({
    files: {
      'lepton.yaml': manifest(options.extraManifest),
      'src/model.py': 'def predict(x):\n    return x\n',
      'docs/poc-plan.md': '# PoC plan\n\n## Goal\n\nPredict churn.\n',
      'poc/results.json': PASSING_RESULTS,
      // lepton pinned as npm pins it, which `hooks install` asks for (or a vendored lepton).
      ...PINNED_LEPTON_FILES,
    },
  });
  const remote = await makeTempDir('lepton-remote-');
  await execa('git', ['init', '-q', '--bare', '-b', 'main', remote], { env: gitEnv() });
  await repo.git('remote', 'add', 'origin', remote);
  const lepton = (args: string[], env: Record<string, string | undefined> = {}) => runLepton(args, { cwd: repo.dir, env: { ...gitEnv(), ...env } });
  if (options.advance !== false) {
    const advanced = await lepton(['advance']);
    if (advanced.exitCode !== 0) throw new Error(`lepton advance failed in the fixture:\n${advanced.stderr}`);
    await repo.commitAll('enter design');
    await repo.git('push', '-q', '--no-verify', 'origin', 'main');
  }
  if (options.install !== false) {
    const installed = await lepton(['hooks', 'install']);
    if (installed.exitCode !== 0) throw new Error(`lepton hooks install failed in the fixture:\n${installed.stderr}`);
  }
  const push = async (args: string[], env: Record<string, string | undefined> = {}) => {
    const result = await execa('git', ['push', ...args], { cwd: repo.dir, env: pushEnv(env), extendEnv: false, reject: false, timeout: 60_000 });
    return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
  };
  const remoteRef = async (ref: string) => {
    const result = await execa('git', ['rev-parse', '--verify', '--quiet', ref], { cwd: remote, env: gitEnv(), reject: false });
    return result.exitCode === 0 ? String(result.stdout).trim() : undefined;
  };
  const cleanupAll = async () => {
    await repo.cleanup();
    await rm(remote, { recursive: true, force: true });
  };
  return { ...repo, remote, push, lepton, remoteRef, cleanupAll };
}

/** Writes an executable file (a hook, a fake program). */
export async function writeExecutable(file: string, content: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content, { mode: 0o755 });
}
