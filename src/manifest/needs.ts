// Order between the checks of a phase: `needs: [id]` as declared, and the needs a check has
// implicitly when it reads a file matching another check's `outputs`. rules.ts reports unknown
// ids and cycles as manifest errors; the gate engine runs each check after the checks it needs.
import { checkKind } from './kinds.js';
import type { Check, Phase } from './schema.js';

/** A path a check names: where it sits under the check, whether it is a glob, and what the check does with it. */
export interface CheckPath {
  keyPath: (string | number)[];
  value: string;
  glob: boolean;
  use: 'reads' | 'writes' | 'cwd';
}

/** The project paths a check names: what it reads (its evidence), a run's outputs and its cwd. */
export function pathsOf(check: Check): CheckPath[] {
  const listed = (value: string | string[], keyPath: (string | number)[], use: CheckPath['use'] = 'reads') =>
    (Array.isArray(value) ? value : [value]).map((item, index) => ({ keyPath: Array.isArray(value) ? [...keyPath, index] : keyPath, value: item, glob: true, use }));
  const single = (value: string, keyPath: (string | number)[]): CheckPath => ({ keyPath, value, glob: false, use: 'reads' });
  switch (checkKind(check)) {
    case 'file':
      return 'file' in check ? listed(check.file, ['file']) : [];
    case 'doc':
      return 'doc' in check ? [single(check.doc, ['doc'])] : [];
    case 'run':
      if (!('run' in check)) return [];
      return [
        ...(check.cwd ? [{ keyPath: ['cwd'], value: check.cwd, glob: false, use: 'cwd' as const }] : []),
        ...(check.inputs ? listed(check.inputs, ['inputs']) : []),
        ...(check.outputs ? listed(check.outputs, ['outputs'], 'writes') : []),
      ];
    case 'metric':
      return 'metric' in check ? [single(check.metric.file, ['metric', 'file'])] : [];
    case 'coverage':
      return 'coverage' in check ? [single(check.coverage.file, ['coverage', 'file'])] : [];
    case 'tests':
      return 'tests' in check ? listed(check.tests.junit, ['tests', 'junit']) : [];
    case 'mlscore':
      return 'mlscore' in check ? [single(check.mlscore.file, ['mlscore', 'file'])] : [];
    case 'eval':
      return 'eval' in check ? [single(check.eval.file, ['eval', 'file'])] : [];
    default:
      return [];
  }
}

/** Why a check needs another: declared under `needs`, or it reads what the other writes. */
export interface CheckNeed {
  id: string;
  /** Set for an implicit need: the path read and the output pattern it matches. */
  reads?: { path: string; output: string } | undefined;
}

/**
 * What each check of the phase needs, by check id (declared needs first). Ids that name no check
 * of the phase are kept: rules.ts reports them.
 */
export async function phaseNeeds(phase: Pick<Phase, 'gate'>): Promise<Map<string, CheckNeed[]>> {
  const needs = new Map<string, CheckNeed[]>(phase.gate.map((check) => [check.id, (check.needs ?? []).map((id) => ({ id }))]));
  const writers = phase.gate.flatMap((check) =>
    pathsOf(check)
      .filter((entry) => entry.use === 'writes')
      .map((entry) => ({ id: check.id, output: entry.value })),
  );
  if (writers.length === 0) return needs;
  // The glob matcher loads only for gates that declare outputs.
  const { default: picomatch } = await import('picomatch');
  const matchers = writers.map((writer) => ({ ...writer, matches: picomatch(normalise(writer.output), { dot: true }) }));
  for (const check of phase.gate) {
    const own = needs.get(check.id)!;
    for (const read of pathsOf(check).filter((entry) => entry.use === 'reads')) {
      const path = normalise(read.value);
      for (const writer of matchers) {
        if (writer.id === check.id || own.some((need) => need.id === writer.id)) continue;
        // A read pattern and an output pattern overlap when either matches the other's text
        // (`reports/junit*.xml` read, `reports/*.xml` written), a literal path when the output matches it.
        const overlaps = writer.matches(path) || (read.glob && picomatch(path, { dot: true })(normalise(writer.output)));
        if (overlaps) own.push({ id: writer.id, reads: { path: read.value, output: writer.output } });
      }
    }
  }
  return needs;
}

function normalise(pattern: string): string {
  return pattern.replaceAll('\\', '/').replace(/^\.\//, '');
}

/** A cycle among the needs, as the ids along it (first id repeated at the end), or undefined. */
export function findCycle(needs: ReadonlyMap<string, readonly CheckNeed[]>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const trail: string[] = [];
  const visit = (id: string): string[] | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'visiting') return [...trail.slice(trail.indexOf(id)), id];
    state.set(id, 'visiting');
    trail.push(id);
    for (const need of needs.get(id) ?? []) {
      if (!needs.has(need.id)) continue;
      const cycle = visit(need.id);
      if (cycle) return cycle;
    }
    trail.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const id of needs.keys()) {
    const cycle = visit(id);
    if (cycle) return cycle;
  }
  return undefined;
}
