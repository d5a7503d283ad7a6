// Shared by the lifecycle tests: two owners, running the built CLI as one of them with a pinned
// clock, and committing as one of them (so `verify --strict` can check authorship).
import { execa } from 'execa';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { runLepton, type CliResult } from './cli.js';
import { createTempRepo, gitEnv, type TempRepo } from './git-repo.js';

export interface Identity {
  name: string;
  email: string;
}

export const ADA: Identity = { name: 'Ada Lovelace', email: 'ada@example.com' };
export const GRACE: Identity = { name: 'Grace Hopper', email: 'grace@example.com' };
export const MALLORY: Identity = { name: 'Mallory Intruder', email: 'mallory@example.com' };

export const OWNERS_YAML = `  owners:
    - { name: ${ADA.name}, email: ${ADA.email}, roles: [tech-lead] }
    - { name: ${GRACE.name}, email: ${GRACE.email}, roles: [product-owner] }`;

export interface AsOptions {
  as?: Identity;
  /** Pins the clock (LEPTON_NOW). */
  now?: string;
  env?: Record<string, string>;
}

/** Runs the built CLI in the repo as `as` (default Ada). */
export function lepton(repo: TempRepo, args: string[], options: AsOptions = {}): Promise<CliResult> {
  return runLepton(args, {
    cwd: repo.dir,
    env: { ...gitEnv(options.as ?? ADA), ...(options.now && { LEPTON_NOW: options.now }), ...options.env },
  });
}

/** Commits everything as `identity`; returns false when there was nothing to commit. */
export async function commitAs(repo: TempRepo, identity: Identity, message: string): Promise<boolean> {
  const env = gitEnv(identity);
  await execa('git', ['add', '-A'], { cwd: repo.dir, env });
  const staged = await execa('git', ['diff', '--cached', '--quiet'], { cwd: repo.dir, env, reject: false });
  if (staged.exitCode === 0) return false;
  await execa('git', ['commit', '-q', '-m', message], { cwd: repo.dir, env });
  return true;
}

export async function createProject(manifest: string, files: Record<string, string> = {}): Promise<TempRepo> {
  return createTempRepo({ files: { 'lepton.yaml': manifest, ...files } });
}

export async function readManifestText(repo: TempRepo): Promise<string> {
  return readFile(path.join(repo.dir, 'lepton.yaml'), 'utf8');
}

export async function readLedgerLines(repo: TempRepo): Promise<string[]> {
  const text = await readFile(path.join(repo.dir, '.lepton/ledger.jsonl'), 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean);
}

export function phaseOf(manifestText: string): string | undefined {
  return /^phase:\s*(\S+)/m.exec(manifestText)?.[1];
}
