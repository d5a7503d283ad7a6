// What a generated CI configuration has to do, decided once from the repository, and the shell
// snippets GitHub Actions and GitLab CI share.

import type { LeptonSource } from './distribution.js';

export interface CiPlan {
  /** The lepton version that wrote the file. */
  version: string;
  /**
   * `vendored`: every project commits .lepton/bin/lepton.cjs, which CI runs with node.
   * `npm-ci`: package-lock.json pins lepton, so CI installs exactly that. Never a registry install.
   */
  install: LeptonSource;
  /** Project folders relative to the repository root (`.` for the root). More than one: a matrix. */
  projects: string[];
  /** Set when a gate runs Python (pytest, python, coverage…): CI sets up Python and installs the project's dependencies. */
  python?: {
    /** A `.python-version` to read the version from (single project), else a default version. */
    versionFile?: string;
    /** Globs of the dependency files some project has (requirements*.txt, pyproject.toml), for pip's cache key; empty: no cache. */
    dependencyFiles: string[];
  };
  /** The branch pushes to which are gated. */
  branch: string;
  /** GitHub: the current gate is uploaded to code scanning as SARIF (`lepton ci init --sarif`). */
  sarif?: boolean | undefined;
  /** GitHub: one pull-request comment, found by the Markdown marker and updated in place (`--pr-comment`). */
  prComment?: boolean | undefined;
}

export const PYTHON_VERSION = '3.12';
/** A Node.js release in maintenance (LTS), supported until April 2028. */
export const NODE_VERSION = '24';
/** The current major of each action the workflow uses. */
export const ACTIONS = {
  checkout: 'actions/checkout@v7',
  setupNode: 'actions/setup-node@v7',
  setupPython: 'actions/setup-python@v7',
  uploadArtifact: 'actions/upload-artifact@v7',
} as const;

/** POSIX sh: appends patterns to the repository's .git/info/exclude, so what CI makes does not dirty the tree (`git: { clean: true }`). */
export function excludeLines(patterns: string[]): string[] {
  return [
    'exclude="$(git rev-parse --path-format=absolute --git-path info/exclude)"',
    `mkdir -p "$(dirname "$exclude")" && printf '%s\\n' ${patterns.map((pattern) => `'${pattern}'`).join(' ')} >> "$exclude"`,
  ];
}

/**
 * POSIX sh, run in a project folder: installs its Python dependencies with `python`: every
 * requirements*.txt, then the project itself from pyproject.toml (editable, with its `test`,
 * `tests` or `dev` extras) when it declares one. Byte code and egg-info stay out of git status.
 */
export function pythonInstallLines(python: string): string[] {
  return [
    ...excludeLines(['__pycache__/', '*.egg-info/']),
    'for file in requirements*.txt; do',
    `  if [ -f "$file" ]; then ${python} -m pip install -r "$file"; fi`,
    'done',
    "if [ -f pyproject.toml ] && grep -Eq '^\\[(project|build-system)\\]' pyproject.toml; then",
    "  extras=$(sed -n '/^\\[project\\.optional-dependencies\\]/,/^\\[/s/^\\(test\\|tests\\|dev\\)[[:space:]]*=.*/\\1/p' pyproject.toml | paste -sd, -)",
    `  ${python} -m pip install -e ".\${extras:+[$extras]}"`,
    'fi',
  ];
}

/** Commands in `run:` checks that need a Python environment. */
export const PYTHON_COMMAND = /(^|[\s;&|(])(pytest|py\.test|python3?|pip3?|coverage|jupyter|papermill|nbconvert|tox|nox|ruff|mypy|flake8|pylint|black|poetry|uv|pdm|dvc)(\s|$)/;

/** The first `phase:` line of a lepton.yaml, as sed prints it. */
const PHASE_SED = String.raw`sed -n 's/^phase:[[:space:]]*["'"'"']\{0,1\}\([A-Za-z0-9_.-]*\).*/\1/p'`;

/** Reads `lepton status --format json` on stdin and prints the id of the phase before the current one. */
const PREDECESSOR_JS =
  'let text = ""; process.stdin.on("data", (chunk) => { text += chunk; }).on("end", () => { const status = JSON.parse(text); const index = status.phases.findIndex((phase) => phase.id === status.phase); process.stdout.write(index > 0 ? status.phases[index - 1].id : ""); });';

/**
 * POSIX sh: compares `phase:` in lepton.yaml (in the current folder) with the one at `$BASE_SHA`;
 * when this change moves it, sets `previous` to the phase before the new one, whose gate must pass.
 * An empty or all-zero `$BASE_SHA` (a new branch) means nothing to compare.
 */
export function phaseChangeLines(): string[] {
  return [
    'previous=""',
    `current=$(${PHASE_SED} lepton.yaml | head -n 1)`,
    'before=""',
    'case "${BASE_SHA:-}" in',
    `  *[!0]*) if git cat-file -e "$BASE_SHA^{commit}" 2>/dev/null; then before=$(git show "$BASE_SHA:./lepton.yaml" 2>/dev/null | ${PHASE_SED} | head -n 1) || before=""; fi ;;`,
    'esac',
    'if [ -n "$before" ] && [ "$before" != "$current" ]; then',
    `  previous=$(lepton status --format json | node -e '${PREDECESSOR_JS}')`,
    '  echo "this change moves phase: from $before to $current${previous:+; the gate of $previous must pass}"',
    'fi',
  ];
}

/**
 * POSIX sh: the current phase's gate as progress. Exit 1 (the gate does not pass yet) is expected
 * while the phase's work goes on; exit 2 (a broken manifest) still fails the job.
 */
export function progressLines(report: string, publish: string[] = [], extraArgs = ''): string[] {
  return [
    'code=0',
    `lepton gate --format markdown${extraArgs} > "${report}" || code=$?`,
    `cat "${report}"`,
    ...publish,
    'if [ "$code" -gt 1 ]; then exit "$code"; fi',
    'if [ "$code" -eq 0 ]; then echo "the current phase\'s gate passes: lepton advance can move on"; else echo "the current phase\'s gate does not pass yet: reported as progress, not enforced"; fi',
  ];
}
