// Where a project sits for reports that name files: the repository root (code scanning wants
// paths relative to it) and the line of each check in lepton.yaml, for results without a file.
import path from 'node:path';
import type { LoadedManifest } from '../manifest/load.js';

export interface ProjectLocations {
  /** Absolute root of the git repository holding the project; the project root outside git. */
  repositoryRoot: string;
  /** Absolute path of lepton.yaml. */
  manifestFile: string;
  /** Line of each check in lepton.yaml, keyed `phase/check-id`. */
  checkLines: Record<string, number>;
}

export async function projectLocations(loaded: LoadedManifest, env: NodeJS.ProcessEnv = process.env): Promise<ProjectLocations> {
  return { repositoryRoot: await repositoryRootOf(loaded.root, env), manifestFile: loaded.file, checkLines: await checkLines(loaded.source) };
}

async function repositoryRootOf(root: string, env: NodeJS.ProcessEnv): Promise<string> {
  const { isRepository, repositoryRoot } = await import('../git/git.js');
  if (await isRepository(root).catch(() => false)) return path.resolve(await repositoryRoot(root));
  // GitHub Actions checks the repository out into the workspace, even when git is not on PATH.
  const workspace = env.GITHUB_WORKSPACE;
  if (workspace && !path.relative(workspace, root).startsWith('..')) return path.resolve(workspace);
  return root;
}

/** `phase/check-id` → the line (1-based) where the check's entry starts. */
export async function checkLines(source: string): Promise<Record<string, number>> {
  const { LineCounter, parseDocument, isMap, isSeq, isScalar } = await import('yaml');
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter });
  const lines: Record<string, number> = {};
  const phases = doc.get('phases', true);
  if (!isSeq(phases)) return lines;
  for (const phase of phases.items) {
    if (!isMap(phase)) continue;
    const phaseId = phase.get('id');
    const gate = phase.get('gate', true);
    if (typeof phaseId !== 'string' || !isSeq(gate)) continue;
    for (const check of gate.items) {
      if (!isMap(check)) continue;
      const id = check.get('id', true);
      const offset = isScalar(id) ? id.range?.[0] : check.range?.[0];
      if (isScalar(id) && typeof id.value === 'string' && offset !== undefined) lines[`${phaseId}/${id.value}`] = lineCounter.linePos(offset).line;
    }
  }
  return lines;
}
