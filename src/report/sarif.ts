// `--format sarif` / `--sarif FILE`: SARIF 2.1.0 for GitHub code scanning. One rule per check
// kind; one result per problem, on its file and line (paths relative to the repository root), and
// one on the check's line in lepton.yaml for a check whose failure names no file.
import path from 'node:path';
import type { CheckResult, GateReport, Problem } from '../gate/types.js';
import { sha256, stripAnsi } from '../text.js';
import type { ReportOptions } from './types.js';

declare const __LEPTON_VERSION__: string;
const VERSION = typeof __LEPTON_VERSION__ === 'string' ? __LEPTON_VERSION__ : '0.0.0-dev';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** What each kind of check asks for, shown at the top of a code scanning alert. */
const RULE_TEXT: Record<string, string> = {
  file: 'Files the phase needs exist and are not empty',
  doc: 'A document is written: its sections have content, no placeholder or unticked box is left',
  run: 'A command the gate runs exits 0',
  metric: 'A recorded metric meets its threshold',
  approval: 'An owner holding the role has signed off',
  git: 'The repository is in the state the gate asks for (clean tree, branch, tag)',
  coverage: 'Test coverage meets its threshold',
  tests: 'Test reports show no failure and enough tests',
  http: 'A deployed endpoint answers with the expected status',
  eval: 'An AI evaluation meets its thresholds and does not regress against its baseline',
  mlscore: 'The ML Test Score reaches its minimum',
};

type Level = 'error' | 'warning' | 'note';

interface SarifLocation {
  physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
}

export type SarifOptions = Pick<ReportOptions, 'root' | 'repositoryRoot' | 'manifestFile' | 'checkLines'>;

export const RULE_PREFIX = 'lepton/';

export function formatGateSarif(report: GateReport, options: SarifOptions): string {
  const failing = report.checks.filter((check) => check.status === 'fail' || check.status === 'error' || check.status === 'waived');
  // Every kind the gate evaluated has its rule, so alerts close when a check passes again.
  const kinds = [...new Set(report.checks.map((check) => check.kind as string))].sort();
  const rules = kinds.map((kind) => ({
    id: `${RULE_PREFIX}${kind}`,
    name: `lepton-${kind}`,
    shortDescription: { text: RULE_TEXT[kind] ?? `A lepton ${kind} check passes` },
    fullDescription: { text: `${RULE_TEXT[kind] ?? `A lepton ${kind} check passes`}. Part of a phase's exit gate in lepton.yaml.` },
    help: { text: `Run \`lepton gate\` for what is missing and how to fix it; \`lepton gate --format json\` lists every problem.` },
    defaultConfiguration: { level: 'error' },
    properties: { tags: ['lepton', 'phase-gate', kind], precision: 'very-high' },
  }));
  const results = failing.flatMap((check) => checkResults(check, kinds.indexOf(check.kind), options));
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'lepton', semanticVersion: VERSION, version: VERSION, rules } },
        automationDetails: { id: `lepton/${report.project}/` },
        results,
        properties: { project: report.project, phase: report.phase, passed: report.passed, summary: report.summary },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function levelOf(check: CheckResult): Level {
  if (check.status === 'waived') return 'note';
  return check.required ? 'error' : 'warning';
}

function checkResults(check: CheckResult, ruleIndex: number, options: SarifOptions) {
  const placed = check.problems.filter((problem) => problem.file !== undefined);
  const unplaced = check.problems.filter((problem) => problem.file === undefined);
  const results = placed.map((problem) => result(check, ruleIndex, problem.message, fileLocation(problem, options), problem));
  if (unplaced.length > 0 || placed.length === 0) {
    const details = unplaced.map((problem) => problem.message);
    const output = placed.length === 0 && unplaced.length === 0 && check.output?.length ? check.output.slice(-5) : [];
    const message = [check.message, ...details, ...output].join('\n');
    results.push(result(check, ruleIndex, message, manifestLocation(check, options)));
  }
  return results;
}

function result(check: CheckResult, ruleIndex: number, text: string, location: SarifLocation, problem?: Problem) {
  const hint = check.hint && check.status !== 'waived' ? `\nHow to fix: ${check.hint}` : '';
  const advisory = check.required ? '' : ' (advisory)';
  const uri = location.physicalLocation.artifactLocation.uri;
  return {
    ruleId: `${RULE_PREFIX}${check.kind}`,
    ruleIndex,
    level: levelOf(check),
    message: { text: plain(`${check.phase}/${check.id}${advisory}: ${text}${hint}`) },
    locations: [location],
    // Stable across runs whatever line the problem moves to: phase, check, file and what is wrong.
    partialFingerprints: { 'leptonCheck/v1': sha256([check.phase, check.id, uri, problem?.message ?? ''].join('\u0000')) },
    ...(check.status === 'waived' &&
      check.waiver && {
        suppressions: [{ kind: 'external', status: 'accepted', justification: `waived until ${check.waiver.until} by ${check.waiver.by}: ${check.waiver.reason}` }],
      }),
    properties: { phase: check.phase, check: check.id, status: check.status, required: check.required },
  };
}

function fileLocation(problem: Problem, options: SarifOptions): SarifLocation {
  const absolute = path.resolve(options.root ?? '.', problem.file!);
  return location(uriFor(absolute, options), problem.line);
}

function manifestLocation(check: CheckResult, options: SarifOptions): SarifLocation {
  const manifest = options.manifestFile ?? path.resolve(options.root ?? '.', 'lepton.yaml');
  return location(uriFor(manifest, options), options.checkLines?.[`${check.phase}/${check.id}`]);
}

function location(uri: string, line: number | undefined): SarifLocation {
  return { physicalLocation: { artifactLocation: { uri }, region: { startLine: line !== undefined && line >= 1 ? line : 1 } } };
}

/** A path relative to the repository root, as a URI reference (each segment percent-encoded). */
export function uriFor(absolute: string, options: SarifOptions): string {
  const base = options.repositoryRoot ?? options.root ?? process.cwd();
  let relative = path.relative(base, absolute);
  if (relative.startsWith('..') || path.isAbsolute(relative)) relative = path.relative(options.root ?? base, absolute);
  return relative
    .split(path.sep)
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

// Colour codes and control characters from a command's output mean nothing in an alert.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

function plain(text: string): string {
  return stripAnsi(text).replace(CONTROL, '');
}
