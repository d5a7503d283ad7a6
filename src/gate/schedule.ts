// Runs the checks of a gate as a graph: each check starts once the checks it needs have finished,
// independent ones run concurrently, at most `limit` at once. Results keep the items' order.
import { phaseNeeds, type CheckNeed } from '../manifest/needs.js';
import type { Check, Phase } from '../manifest/schema.js';

export interface PlannedCheck {
  phase: Phase;
  check: Check;
}

/** For each planned check, the indexes of the planned checks it needs (same phase; checks not planned are not waited for). */
export async function plannedNeeds(planned: readonly PlannedCheck[]): Promise<number[][]> {
  const byPhase = new Map<Phase, Map<string, CheckNeed[]>>();
  for (const phase of new Set(planned.map((item) => item.phase))) {
    if (phase.gate.some((check) => check.needs || 'outputs' in check)) byPhase.set(phase, await phaseNeeds(phase));
  }
  return planned.map((item) =>
    (byPhase.get(item.phase)?.get(item.check.id) ?? [])
      .map((need) => planned.findIndex((other) => other.phase === item.phase && other.check.id === need.id))
      .filter((index) => index !== -1),
  );
}

/**
 * Runs `work` for every item after the items it needs (`needs[i]`: indexes, acyclic: the manifest
 * rules refuse a cycle). `work` gets the results of those items. A slot is taken only while an
 * item runs, never while it waits, so a limit of 1 cannot deadlock.
 */
export async function runScheduled<T, R>(
  items: readonly T[],
  needs: readonly (readonly number[])[],
  limit: number,
  work: (item: T, index: number, needed: R[]) => Promise<R>,
): Promise<R[]> {
  const slots = semaphore(Math.max(1, limit));
  const started = new Map<number, Promise<R>>();
  const start = (index: number, path: readonly number[]): Promise<R> => {
    const running = started.get(index);
    if (running) return running;
    if (path.includes(index)) throw new Error('needs form a cycle');
    const promise = (async () => {
      const needed = await Promise.all((needs[index] ?? []).map((other) => start(other, [...path, index])));
      return slots(() => work(items[index]!, index, needed));
    })();
    started.set(index, promise);
    return promise;
  };
  return Promise.all(items.map((_, index) => start(index, [])));
}

/** At most `limit` calls at once; waiting calls start in the order they asked. */
function semaphore(limit: number): <V>(task: () => Promise<V>) => Promise<V> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    // A finishing task hands its slot straight to the next waiting one, so none can slip in between.
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
