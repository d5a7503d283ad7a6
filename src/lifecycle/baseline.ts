// `lepton baseline bless` and `show`: an eval check's current results stored as its baseline
// (content-addressed, committed) and recorded in the ledger by an owner with the authority to
// approve the phase. Returns data; nothing here prints.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LeptonError, usageError } from '../errors.js';
import { pathExists, writeFileAtomic } from '../fs.js';
import { hashFile, resolveInside } from '../gate/checks/files.js';
import { baselinePath, storeBaseline } from '../gate/eval/baseline-store.js';
import { EvalFileError } from '../gate/eval/cases.js';
import { canonical } from '../gate/eval/formats/canonical.js';
import { readEvalRun } from '../gate/eval/formats/index.js';
import type { BlessedBaseline } from '../gate/types.js';
import type { LoadedManifest } from '../manifest/load.js';
import type { CheckOf, Manifest, Phase } from '../manifest/schema.js';
import { LEPTON_GITIGNORE, LEPTON_GITIGNORE_TEXT, PREVIOUS_GITIGNORE_TEXTS, recordInProject, stampFor, writeEntry, type BlessEntry, type Stamped } from './ledger.js';
import { phaseById } from './phases.js';
import { readProjectLedger } from './project.js';
import { assertNotDeparted, ownerByEmail } from './authority.js';
import { clockNow } from './test-hooks.js';
import { sha256 } from '../text.js';

export interface BlessOptions {
  phase?: string | undefined;
  reason: string;
  env?: NodeJS.ProcessEnv | undefined;
}

export interface BlessResult {
  phase: string;
  checkId: string;
  sha256: string;
  path: string;
  cases: number;
  rows: number;
  format: string;
  entry: Stamped<BlessEntry>;
  /** Set when .lepton/.gitignore was edited by hand and does not let baselines be committed. */
  gitignoreWarning?: string | undefined;
}

function evalCheckOf(phase: Phase, checkId: string): CheckOf<'eval'> {
  const check = phase.gate.find((candidate) => candidate.id === checkId);
  if (!check)
    throw usageError(
      `no check "${checkId}" in the gate of ${phase.id}`,
      phase.gate.length ? `checks of ${phase.id}: ${phase.gate.map((candidate) => candidate.id).join(', ')}` : `${phase.id} has no checks`,
    );
  if (!('eval' in check)) throw usageError(`${checkId} is not an eval check: only eval checks have baselines`);
  return check;
}

/** An owner holding a role of the phase's approval checks; any owner when the phase has none. */
function assertMayBless(manifest: Manifest, phase: Phase, actor: { name: string; email: string }): void {
  const owner = ownerByEmail(manifest, actor.email);
  const roles = [...new Set(phase.gate.flatMap((check) => ('approval' in check ? check.approval.roles : [])))];
  if (owner && (roles.length === 0 || owner.roles.some((role) => roles.includes(role)))) return;
  const may = manifest.project.owners.filter((candidate) => roles.length === 0 || candidate.roles.some((role) => roles.includes(role)));
  throw usageError(
    `${actor.name} <${actor.email}> may not bless a baseline of ${phase.id}: ${owner ? `their roles (${owner.roles.join(', ') || 'none'}) are not one of ${roles.join(', ')}` : 'not an owner in lepton.yaml'}`,
    may.length ? `who may: ${may.map((candidate) => `${candidate.name} <${candidate.email}>`).join(', ')}` : 'add an owner under project.owners',
  );
}

export async function blessBaseline(loaded: LoadedManifest, checkId: string, options: BlessOptions): Promise<BlessResult> {
  const reason = options.reason?.trim() ?? '';
  if (!reason) throw usageError('blessing a baseline needs a reason', 'say why these results are the new reference');
  const { manifest, root } = loaded;
  const { state } = await readProjectLedger(loaded);
  const phase = phaseById(manifest, options.phase ?? state.phase);
  const check = evalCheckOf(phase, checkId);
  const { actor } = await stampFor(root);
  assertNotDeparted(manifest, actor, clockNow(options.env), `bless a baseline of ${phase.id}`);
  assertMayBless(manifest, phase, actor);
  const resolved = resolveInside(root, check.eval.file);
  if ('reason' in resolved) throw usageError(resolved.reason);
  if (!(await pathExists(resolved.path)))
    throw new LeptonError(`${check.eval.file} does not exist: there are no results to bless`, { hint: `run the evaluation that writes ${check.eval.file} first` });
  let run: Awaited<ReturnType<typeof readEvalRun>>;
  try {
    run = await readEvalRun(resolved.path, check.eval.file, check.eval.format ?? 'auto');
  } catch (error) {
    if (error instanceof EvalFileError) throw new LeptonError(error.message, { hint: 'fix the results file, then bless again' });
    throw error;
  }
  if (run.cases.length === 0) throw new LeptonError(`${check.eval.file} holds no cases: there is nothing to bless`);
  const stored = await storeBaseline(root, run);
  const gitignoreWarning = await allowBaselinesInGit(root);
  const fileSha256 = await hashFile(resolved.path);
  // Under the lock, on the ledger as it is then: the one write path of every entry.
  const { entry } = await recordInProject(loaded, { env: options.env }, (_fresh, writer) => {
    assertMayBless(manifest, phase, writer);
    return writeEntry<BlessEntry>({
      event: 'bless',
      phase: phase.id,
      checkId,
      baseline: stored.sha256,
      file: check.eval.file,
      fileSha256,
      cases: run.cases.length,
      fingerprint: sha256(canonical(run.fingerprint)),
      reason,
    });
  });
  return {
    phase: phase.id,
    checkId,
    sha256: stored.sha256,
    path: stored.path,
    cases: run.cases.length,
    rows: run.rows,
    format: run.format,
    entry,
    ...(gitignoreWarning && { gitignoreWarning }),
  };
}

/** An unedited .lepton/.gitignore of an earlier version is brought up to date so baselines can be committed. */
async function allowBaselinesInGit(root: string): Promise<string | undefined> {
  const file = path.join(root, LEPTON_GITIGNORE);
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined || PREVIOUS_GITIGNORE_TEXTS.includes(text)) {
    await writeFileAtomic(file, LEPTON_GITIGNORE_TEXT);
    return undefined;
  }
  return /^!baselines\/?$/m.test(text) ? undefined : `${LEPTON_GITIGNORE} does not let git see .lepton/baselines/: add the lines !baselines/ and !baselines/** to it`;
}

export interface BaselineListing extends BlessedBaseline {
  path: string;
  /** Whether the stored file is in the working tree. */
  present: boolean;
  /** The latest bless of its check: the baseline the check compares with. */
  current: boolean;
}

export async function listBaselines(loaded: LoadedManifest, checkId?: string): Promise<BaselineListing[]> {
  const { state } = await readProjectLedger(loaded);
  const blessed = state.baselines.filter((baseline) => !checkId || baseline.checkId === checkId);
  if (checkId && !loaded.manifest.phases.some((phase) => phase.gate.some((check) => check.id === checkId && 'eval' in check))) {
    const evals = [...new Set(loaded.manifest.phases.flatMap((phase) => phase.gate.filter((check) => 'eval' in check).map((check) => check.id)))];
    throw usageError(`no eval check "${checkId}" in this manifest`, evals.length > 0 ? `its eval checks: ${evals.join(', ')}` : 'this manifest has no eval check');
  }
  const latest = new Map(state.baselines.map((baseline) => [`${baseline.phase}/${baseline.checkId}`, baseline.seq]));
  return Promise.all(
    blessed.map(async (baseline) => ({
      ...baseline,
      path: baselinePath(baseline.sha256),
      present: await pathExists(path.join(loaded.root, baselinePath(baseline.sha256))),
      current: latest.get(`${baseline.phase}/${baseline.checkId}`) === baseline.seq,
    })),
  );
}
