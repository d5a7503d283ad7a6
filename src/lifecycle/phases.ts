// Phase order: which phases are done, which is current, which come next.
import { usageError } from '../errors.js';
import type { Manifest, Phase } from '../manifest/schema.js';

export function phaseById(manifest: Manifest, id: string): Phase {
  const phase = manifest.phases.find((candidate) => candidate.id === id);
  if (!phase) {
    throw usageError(`no phase "${id}" in this manifest`, `phases: ${manifest.phases.map((candidate) => candidate.id).join(', ')}`);
  }
  return phase;
}

export function currentPhase(manifest: Manifest): Phase {
  return phaseById(manifest, manifest.phase);
}

/** Phase titles by id, as reports head their sections. */
export function phaseTitles(manifest: Manifest): Record<string, string> {
  return Object.fromEntries(manifest.phases.map((phase) => [phase.id, phase.title]));
}

export function phaseIndex(manifest: Manifest, id: string): number {
  return manifest.phases.findIndex((phase) => phase.id === id);
}

/** The phases before the current one, and the current one too once the project is complete (from the ledger). */
export function completedPhases(manifest: Manifest, state: { complete?: boolean } = {}): Phase[] {
  return manifest.phases.slice(0, phaseIndex(manifest, manifest.phase) + (state.complete ? 1 : 0));
}
