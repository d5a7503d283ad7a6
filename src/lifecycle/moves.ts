// The lifecycle's moves — advance, reopen, terminate. Each returns data; nothing here prints.
// Each is one plan on the ledger's write path (ledger.ts), so `phase:` and the ledger change together.
import type { GateRunOptions } from '../gate/engine.js';
import { LeptonError, usageError } from '../errors.js';
import type { Comparison, GateReport } from '../gate/types.js';
import type { LoadedManifest } from '../manifest/load.js';
import type { DocumentWrite, RenderedDocument } from '../templates/generate.js';
import type { Manifest, Phase } from '../manifest/schema.js';
import { dirtyEvidence, type DirtyFile } from './dirty-evidence.js';
import { evaluatePhases } from './evaluate.js';
import { gateDefinition } from './gate-definition.js';
import { assertMovable, requireReason, type ReasonOptions, type TransitionOptions } from './guards.js';
import { evidenceHash, recordInProject, writeEntry, type LedgerCheck, type LedgerEntryOf } from './ledger.js';
import { phaseById, phaseIndex } from './phases.js';
import { readProjectLedger } from './project.js';
import { assertNotDeparted, requireOwner } from './authority.js';
import { currentActor } from './ledger.js';
import { clockNow } from './test-hooks.js';

export type { ReasonOptions, TransitionOptions } from './guards.js';

function phaseAfter(manifest: Manifest, id: string): Phase | undefined {
  return manifest.phases[phaseIndex(manifest, id) + 1];
}

// ——— advance ———

export interface AdvanceOptions extends TransitionOptions {
  dryRun?: boolean | undefined;
  message?: string | undefined;
  signal?: AbortSignal | undefined;
  concurrency?: number | undefined;
  /** Advance even when files the gate read are not committed as read; the entry records them as `dirty`. */
  allowDirty?: boolean | undefined;
  /** Live progress callbacks, passed to the gate. */
  progress?: Pick<GateRunOptions, 'onStart' | 'onResult' | 'onOutput'> | undefined;
}

export interface AdvanceResult {
  from: string;
  /** The phase entered; null when this advance completed the last phase. */
  to: string | null;
  complete: boolean;
  dryRun: boolean;
  /** Whether the move was recorded (false on a failing gate or a dry run). */
  advanced: boolean;
  gate: GateReport;
  /**
   * Files the gate read that are not committed as read. Non-empty with `advanced: false` when the
   * advance was refused for them; with `allowDirty`, what the entry records.
   */
  dirty: DirtyFile[];
  entry?: LedgerEntryOf<'advance'> | undefined;
  /** The manifest after the move, with `phase:` set to `to`. */
  manifest?: Manifest | undefined;
  /** The new phase's documents, written with the entry (an existing one `kept`). */
  documents: RenderedDocument[];
  /** Why they could not be rendered: the move is recorded all the same. */
  renderProblem?: LeptonError | undefined;
}

export async function advance(loaded: LoadedManifest, options: AdvanceOptions = {}): Promise<AdvanceResult> {
  const { manifest } = loaded;
  const before = await readProjectLedger(loaded);
  assertMovable(manifest, before.state, 'advance');
  // A dry run records nothing: whoever runs it may see what an advance would do.
  if (!options.dryRun) assertNotDeparted(manifest, await currentActor(loaded.root), clockNow(options.env), 'advance the project');
  if (before.state.complete) {
    throw usageError(`the project is complete: all ${manifest.phases.length} phases have passed their gates`, 'to go back, reopen an earlier phase', undefined, 'reopen');
  }
  const from = manifest.phase;
  const next = phaseAfter(manifest, from);
  const gate = await evaluatePhases(
    loaded,
    manifest.phases.filter((phase) => phase.id === from),
    {
      env: options.env,
      signal: options.signal,
      concurrency: options.concurrency,
      state: before.state,
      evidence: !options.dryRun,
      ...options.progress,
    },
  );
  const dirty = gate.passed && !options.signal?.aborted ? await dirtyEvidence(loaded.root, phaseById(manifest, from), gate) : [];
  const result: AdvanceResult = { from, to: next?.id ?? null, complete: !next, dryRun: Boolean(options.dryRun), advanced: false, gate, dirty, documents: [] };
  if (!gate.passed || options.dryRun || options.signal?.aborted || (dirty.length > 0 && !options.allowDirty)) return result;
  const after = next ? { ...manifest, phase: next.id } : manifest;
  const rendered = next?.templates?.length ? await renderLater({ ...loaded, manifest: after }, next.templates, clockNow(options.env)) : { documents: [], writes: [] };
  const { entry } = await recordInProject(loaded, { ...options, documents: rendered.writes }, (fresh) => {
    if (fresh.text !== before.text) {
      throw new LeptonError('the ledger changed while the gate ran', { hint: 'run `lepton advance` again' });
    }
    const definition = gateDefinition(phaseById(manifest, from));
    const checks = gate.checks.map((check) => ({
      id: check.id,
      status: check.status,
      evidence: evidenceHash(check.evidence),
      ...(check.values !== undefined && { values: check.values }),
      ...(check.comparison && { comparison: comparisonSummary(check.comparison) }),
      definition: definition.checks[check.id],
    }));
    const moved = next ? { to: next.id } : { complete: true };
    const recordedDirty = dirty.length ? { dirty: dirty.map((file) => file.path) } : {};
    return writeEntry({ event: 'advance', from, ...moved, checks, gate: definition.hash, ...recordedDirty, message: options.message }, undefined, next?.id);
  });
  return { ...result, advanced: true, entry, manifest: after, documents: rendered.documents, renderProblem: rendered.problem };
}

/**
 * The new phase's documents, rendered before the move so that they are written with it (a crash
 * cannot record the move and lose them). One that cannot be rendered does not stop the move.
 */
async function renderLater(loaded: LoadedManifest, templates: string[], now: Date): Promise<{ documents: RenderedDocument[]; writes: DocumentWrite[]; problem?: LeptonError }> {
  const { planDocuments } = await import('../templates/generate.js');
  try {
    return await planDocuments(loaded, templates, { force: false, now });
  } catch (error) {
    if (!(error instanceof LeptonError)) throw error;
    return { documents: [], writes: [], problem: error };
  }
}

// ——— reopen, terminate ———

export interface ReopenResult {
  from: string;
  to: string;
  entry: LedgerEntryOf<'reopen'>;
  manifest: Manifest;
}

export async function reopen(loaded: LoadedManifest, phaseId: string, options: ReasonOptions): Promise<ReopenResult> {
  const { manifest } = loaded;
  const reason = requireReason(options.reason, 'reopen');
  phaseById(manifest, phaseId);
  const ids = manifest.phases.map((phase) => phase.id);
  const { entry } = await recordInProject(loaded, options, ({ state }, actor) => {
    requireOwner(manifest, actor, clockNow(options.env), 'reopen the project');
    assertMovable(manifest, state, 'reopen');
    const target = ids.indexOf(phaseId);
    const current = ids.indexOf(state.phase);
    if (target > current || (target === current && !state.complete)) {
      const earlier = ids.slice(0, state.complete ? current + 1 : current);
      throw usageError(
        `cannot reopen ${phaseId}: it is not before the current phase ${state.phase}`,
        earlier.length ? `phases you can go back to: ${earlier.join(', ')}` : `${state.phase} is the first phase`,
      );
    }
    return writeEntry({ event: 'reopen', from: state.phase, to: phaseId, reason }, undefined, phaseId);
  });
  return { from: manifest.phase, to: phaseId, entry, manifest: { ...manifest, phase: phaseId } };
}

export async function terminate(loaded: LoadedManifest, options: ReasonOptions): Promise<{ phase: string; entry: LedgerEntryOf<'terminate'> }> {
  const reason = requireReason(options.reason, 'terminate');
  const { entry } = await recordInProject(loaded, options, ({ state }, actor) => {
    requireOwner(loaded.manifest, actor, clockNow(options.env), 'terminate the project');
    assertMovable(loaded.manifest, state, 'terminate');
    return writeEntry({ event: 'terminate', from: state.phase, reason });
  });
  return { phase: loaded.manifest.phase, entry };
}

/** What an advance keeps of a regression comparison: the verdict, the baseline and each metric's interval (not the flipped ids). */
function comparisonSummary(comparison: Comparison): NonNullable<LedgerCheck['comparison']> {
  return {
    verdict: comparison.verdict,
    ...(comparison.baseline?.sha256 && { baseline: comparison.baseline.sha256 }),
    // A metric check's comparison (one number a side) has no interval.
    metrics: comparison.metrics.map(({ name, delta, low, high }) => ({ name, delta, ...(low !== undefined && high !== undefined && { low, high }) })),
  };
}
