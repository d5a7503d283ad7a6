// Everything `lepton report` shows about one project, gathered from the core layers: the
// manifest, the replayed ledger, the current gate and the regression guard, `verify`'s verdict and
// the documents' progress. Returns data; src/report/html renders it.
import { readFile } from 'node:fs/promises';
import { CheckCache } from '../gate/check-cache.js';
import { utcDate } from '../gate/engine.js';
import type { GateReport } from '../gate/types.js';
import type { LoadedManifest } from '../manifest/load.js';
import type { Manifest, Owner } from '../manifest/schema.js';
import { evaluatePhases, passedPhases } from './evaluate.js';
import type { LedgerEntry } from './ledger.js';
import { currentPhase, phaseIndex } from './phases.js';
import { readProjectLedger, type Recovered } from './project.js';
import {
  daysBetween,
  signOffsOf,
  transitionsOf,
  visitsOf,
  waiverDebt,
  waiversOf,
  type PhaseVisit,
  type SignOff,
  type Transition,
  type WaiverDebt,
  type WaiverView,
} from './report-ledger.js';
import { clockNow } from './test-hooks.js';
import { verifyProject, type VerifyReport } from './verify.js';

export interface DocumentProgress {
  phase: string;
  checkId: string;
  file: string;
  exists: boolean;
  /** Sections with content and no placeholder left, of those the check asks for. */
  filled: number;
  total: number;
}

export interface ReportPhase {
  id: string;
  title: string;
  checks: number;
  state: 'done' | 'current' | 'upcoming';
}

export interface ProjectReportData {
  version: 1;
  /** When the report was made (ISO). */
  generatedAt: string;
  project: {
    name: string;
    description?: string | undefined;
    preset?: string | undefined;
    domain?: string | undefined;
    language?: string | undefined;
    owners: Owner[];
  };
  phase: string;
  lifecycle: 'active' | 'complete' | 'terminated';
  terminated?: { reason: string; seq: number; time: string } | undefined;
  /** Whole days since the project entered its current phase; undefined before any ledger entry. */
  daysInPhase?: number | undefined;
  /** Time of the latest advance, if any. */
  lastAdvance?: string | undefined;
  phases: ReportPhase[];
  transitions: Transition[];
  visits: PhaseVisit[];
  /** The current phase's gate. */
  gate: GateReport;
  /** The phases already passed, evaluated again (undefined when none has been passed). */
  guard?: GateReport | undefined;
  /** Why the regression guard could not be evaluated (phase: not backed by the ledger). */
  guardError?: string | undefined;
  signOffs: SignOff[];
  waivers: WaiverView[];
  waiverDebt: WaiverDebt;
  documents: DocumentProgress[];
  ledger: { entries: LedgerEntry[]; verify: VerifyReport };
  /** Largest tolerated drop of each check compared with a baseline (`regression.margin`), keyed `phase/check-id`. */
  margins: Record<string, number>;
}

export interface PortfolioEntry {
  /** Project folder relative to the searched folder. */
  path: string;
  name?: string | undefined;
  data?: ProjectReportData | undefined;
  /** Why the project could not be reported (an invalid manifest, a ledger that cannot be trusted). */
  error?: string | undefined;
}

export interface PortfolioReportData {
  version: 1;
  generatedAt: string;
  /** The searched folder, as shown. */
  base: string;
  projects: PortfolioEntry[];
}

export interface ReportDataOptions {
  env?: NodeJS.ProcessEnv | undefined;
  signal?: AbortSignal | undefined;
  concurrency?: number | undefined;
  /** The portfolio: hears of each step a crash interrupted that loading a project completed. */
  onRecovered?: ((recovered: Recovered, project: { path: string; name: string }) => void) | undefined;
}

export async function gatherProjectReport(loaded: LoadedManifest, options: ReportDataOptions = {}): Promise<ProjectReportData> {
  const { manifest } = loaded;
  const now = clockNow(options.env);
  const { entries, state } = await readProjectLedger(loaded);
  // One cache for the gate, the regression guard and the documents: .lepton/cache/checks.json is
  // read once, and written once (by documentsOf, when something was added), not after each gate.
  const cache = new CheckCache(loaded.root);
  const shared = { get: cache.get.bind(cache), set: cache.set.bind(cache), save: async () => {} };
  const evaluate = { state, env: options.env, signal: options.signal, concurrency: options.concurrency, cache: shared };
  const gate = await evaluatePhases(loaded, [currentPhase(manifest)], evaluate);
  let guard: GateReport | undefined;
  let guardError: string | undefined;
  try {
    const passed = passedPhases(manifest, state);
    if (passed.length > 0) guard = await evaluatePhases(loaded, passed, evaluate);
  } catch (error) {
    guardError = (error as Error).message;
  }
  const verify = await verifyProject(loaded);
  const waivers = waiversOf(entries, state, now);
  const current = phaseIndex(manifest, manifest.phase);
  const entered = entries.find((entry) => entry.seq === state.enteredAt[state.phase]) ?? entries[0];
  const lastAdvance = entries.findLast((entry) => entry.event === 'advance');
  const { name, description, preset, domain, language, owners } = manifest.project;
  return {
    version: 1,
    generatedAt: now.toISOString(),
    project: { name, description, preset, domain, language, owners },
    phase: manifest.phase,
    lifecycle: state.terminated ? 'terminated' : state.complete ? 'complete' : 'active',
    terminated: state.terminated,
    daysInPhase: entered ? Math.max(0, daysBetween(utcDate(new Date(entered.time)), utcDate(now))) : undefined,
    lastAdvance: lastAdvance?.time,
    phases: manifest.phases.map((phase, index) => ({
      id: phase.id,
      title: phase.title,
      checks: phase.gate.length,
      state: index < current || (index === current && state.complete) ? 'done' : index === current ? 'current' : 'upcoming',
    })),
    transitions: transitionsOf(entries),
    visits: visitsOf(manifest, entries),
    gate,
    guard,
    guardError,
    signOffs: signOffsOf(entries, state),
    waivers,
    waiverDebt: waiverDebt(waivers),
    documents: await documentsOf(loaded, manifest, current, cache),
    ledger: { entries, verify },
    margins: marginsOf(manifest),
  };
}

/** `regression.margin` of every check that has one, whatever its kind (metric, eval). */
function marginsOf(manifest: Manifest): Record<string, number> {
  const margins: Record<string, number> = {};
  for (const phase of manifest.phases) {
    for (const check of phase.gate) {
      for (const settings of Object.values(check)) {
        const margin = (settings as { regression?: { margin?: unknown } } | null)?.regression?.margin;
        if (typeof margin === 'number') margins[`${phase.id}/${check.id}`] = margin;
      }
    }
  }
  return margins;
}

/** The doc checks of the phases reached so far: how many of each document's sections are filled. */
async function documentsOf(loaded: LoadedManifest, manifest: Manifest, current: number, cache: CheckCache): Promise<DocumentProgress[]> {
  const { resolveInside, sha256 } = await import('../gate/checks/files.js');
  const documents: DocumentProgress[] = [];
  for (const phase of manifest.phases.slice(0, current + 1)) {
    for (const check of phase.gate) {
      if (!('doc' in check)) continue;
      const resolved = resolveInside(loaded.root, check.doc);
      const source = 'reason' in resolved ? undefined : await readFile(resolved.path, 'utf8').catch(() => undefined);
      let progress = { filled: 0, total: check.sections?.length ?? 0 };
      if (source !== undefined) {
        // An unchanged document is not parsed again: its count is kept beside its text's hash.
        const key = `report-sections\0${check.doc}\0${check.placeholder ?? ''}\0${JSON.stringify(check.sections ?? null)}`;
        const digest = sha256(source);
        const kept = await cache.get<typeof progress>(key, digest);
        progress = kept ?? (await sectionProgress(source, check));
        if (!kept) await cache.set(key, digest, progress);
      }
      documents.push({ phase: phase.id, checkId: check.id, file: check.doc, exists: source !== undefined, ...progress });
    }
  }
  await cache.save();
  return documents;
}

async function sectionProgress(source: string, check: { sections?: string[] | undefined; placeholder?: string | undefined }): Promise<{ filled: number; total: number }> {
  const { analyseMarkdown, markdownTree } = await import('../gate/checks/markdown.js');
  let placeholder: RegExp;
  try {
    placeholder = new RegExp(check.placeholder ?? 'TODO');
  } catch {
    placeholder = /TODO/;
  }
  const analysis = analyseMarkdown(source, await markdownTree(source), placeholder);
  const normalise = (title: string) => title.trim().replace(/\s+/g, ' ').toLowerCase();
  const wanted = check.sections ? new Set(check.sections.map(normalise)) : undefined;
  const sections = wanted ? analysis.sections.filter((section) => wanted.has(normalise(section.title))) : analysis.sections;
  const filled = sections.filter((section) => section.hasContent && !analysis.placeholders.some((marker) => marker.line >= section.line && marker.line <= section.endLine));
  return { filled: filled.length, total: wanted ? check.sections!.length : sections.length };
}

/** Every project below `base`, each gathered as `lepton report` would (a few at a time). */
export async function gatherPortfolio(base: string, shownAs: string, options: ReportDataOptions = {}): Promise<PortfolioReportData> {
  const [{ findProjects }, { loadProject }, { runPooled }, { availableParallelism }, { LeptonError }] = await Promise.all([
    import('./projects.js'),
    import('./project.js'),
    import('../pool.js'),
    import('node:os'),
    import('../errors.js'),
  ]);
  const { projects } = await findProjects(base);
  const entries = await runPooled(
    projects,
    Math.max(1, availableParallelism()),
    async (location): Promise<PortfolioEntry> => {
      let name: string | undefined;
      try {
        const loaded = await loadProject({ cwd: base, manifest: location.manifest }, (recovered, project) =>
          options.onRecovered?.(recovered, { path: location.path, name: project.manifest.project.name }),
        );
        name = loaded.manifest.project.name;
        return { path: location.path, name, data: await gatherProjectReport(loaded, { ...options, concurrency: 1 }) };
      } catch (error) {
        if (!(error instanceof LeptonError)) throw error;
        return { path: location.path, name, error: error.message };
      }
    },
    options.signal,
  );
  return { version: 1, generatedAt: clockNow(options.env).toISOString(), base: shownAs, projects: entries };
}
