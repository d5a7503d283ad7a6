// `lepton ci matrix`'s core: the projects below a folder as a GitHub Actions matrix: {"include":[{"project":"churn-predictor","path":"services/churn"},…]}, sorted by path.
import path from 'node:path';
import { LeptonError } from '../errors.js';
import { findProjects, type ProjectLocation } from '../lifecycle/projects.js';
import { loadManifest } from '../manifest/load.js';
import { runPooled } from '../pool.js';

export interface MatrixEntry {
  /** `project.name` from the manifest (the folder name when the manifest is invalid). */
  project: string;
  /** The project folder relative to the current folder, forward slashes; `.` for the folder itself. */
  path: string;
}

export interface CiMatrix {
  include: MatrixEntry[];
}

/** Manifests read at once: enough to hide file latency, few enough for a repository of thousands. */
const READ_CONCURRENCY = 16;

export async function ciMatrix(base: string): Promise<{ matrix: CiMatrix; warnings: string[] }> {
  const { projects } = await findProjects(base);
  const entries = await runPooled(projects, READ_CONCURRENCY, (location) => entryFor(base, location));
  // Warnings in the projects' order, whichever manifest was read first.
  const warnings = entries.flatMap((entry) => (entry.warning ? [entry.warning] : []));
  return { matrix: { include: entries.map((entry) => entry.entry) }, warnings };
}

/** An invalid manifest stays in the matrix: its job then fails with the manifest's own error, where it belongs. */
async function entryFor(base: string, location: ProjectLocation): Promise<{ entry: MatrixEntry; warning?: string }> {
  try {
    const loaded = await loadManifest({ cwd: base, manifest: location.manifest });
    return { entry: { project: loaded.manifest.project.name, path: location.path } };
  } catch (error) {
    if (!(error instanceof LeptonError)) throw error;
    return {
      entry: { project: path.basename(location.dir), path: location.path },
      warning: `${location.manifest}: ${error.message}; its matrix job will fail until the manifest is fixed`,
    };
  }
}
