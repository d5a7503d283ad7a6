// The GitHub Actions workflow `lepton ci init --provider github` writes (.github/workflows/lepton.yml).
import { ACTIONS, NODE_VERSION, PYTHON_VERSION, excludeLines, phaseChangeLines, progressLines, pythonInstallLines, type CiPlan } from './plan.js';
import { VENDORED_PATH } from './vendor.js';
import { extraPermissions, htmlReportSteps, prCommentSteps, sarifSteps, uploadStep } from './github-report.js';

export const GITHUB_WORKFLOW_PATH = '.github/workflows/lepton.yml';

/** A `key: |` block scalar, its lines indented under the key. */
function block(indent: string, key: string, lines: string[]): string[] {
  return [`${indent}${key}: |`, ...lines.map((line) => (line ? `${indent}  ${line}` : ''))];
}

/** A YAML double-quoted scalar (JSON strings are valid YAML). */
function quoted(value: string): string {
  return JSON.stringify(value);
}

/**
 * Checkout, Node.js and lepton. The vendored file is put on PATH as `lepton` through a small shim
 * outside the checkout; `vendoredIn` is the project folder relative to the step's working
 * directory. npm ci's node_modules/ is kept out of git status.
 */
function setupSteps(plan: CiPlan, checkoutHistory: boolean, vendoredIn = '.'): string[] {
  const steps = [
    `      - name: Check out${checkoutHistory ? ' with full history (verify --strict reads it)' : ''}`,
    `        uses: ${ACTIONS.checkout}`,
    ...(checkoutHistory ? ['        with:', '          fetch-depth: 0'] : []),
    `      - name: Set up Node.js ${NODE_VERSION}`,
    `        uses: ${ACTIONS.setupNode}`,
    '        with:',
    `          node-version: ${quoted(NODE_VERSION)}`,
  ];
  if (plan.install === 'npm-ci') {
    steps.push(
      '          cache: npm',
      '      - name: Install lepton (package-lock.json)',
      '        working-directory: .',
      ...block('        ', 'run', ['npm ci', ...excludeLines(['node_modules/']), 'echo "$PWD/node_modules/.bin" >> "$GITHUB_PATH"']),
    );
  } else {
    const file = vendoredIn === '.' ? VENDORED_PATH : `${vendoredIn}/${VENDORED_PATH}`;
    steps.push(
      `      - name: Use the vendored lepton (${VENDORED_PATH})`,
      ...block('        ', 'run', [
        'mkdir -p "$RUNNER_TEMP/lepton-bin"',
        `printf '#!/bin/sh\\nexec node "%s" "$@"\\n' "$PWD/${file}" > "$RUNNER_TEMP/lepton-bin/lepton"`,
        'chmod +x "$RUNNER_TEMP/lepton-bin/lepton"',
        'echo "$RUNNER_TEMP/lepton-bin" >> "$GITHUB_PATH"',
      ]),
    );
  }
  return steps;
}

function pythonSteps(plan: CiPlan): string[] {
  if (!plan.python) return [];
  const version = plan.python.versionFile ? [`          python-version-file: ${quoted(plan.python.versionFile)}`] : [`          python-version: ${quoted(PYTHON_VERSION)}`];
  const files = plan.python.dependencyFiles;
  const cache =
    files.length === 0
      ? []
      : ['          cache: pip', ...(files.length === 1 ? [`          cache-dependency-path: ${quoted(files[0]!)}`] : block('          ', 'cache-dependency-path', files))];
  return [
    '      - name: Set up Python (the gates run Python tools)',
    `        uses: ${ACTIONS.setupPython}`,
    '        with:',
    ...version,
    ...cache,
    '      - name: Install Python dependencies (requirements*.txt, pyproject.toml)',
    ...block('        ', 'run', pythonInstallLines('python')),
  ];
}

/** `suffix` tells a matrix job's artifacts apart; `project` names its folder (`.` for a single project). */
function gateSteps(plan: CiPlan, suffix: string, project: string): string[] {
  const artifactName = `lepton-junit${suffix}`;
  const reports = '$RUNNER_TEMP/lepton-reports';
  const progress = '$RUNNER_TEMP/lepton-progress.md';
  return [
    '      - name: Verify the ledger (enforced)',
    ...block('        ', 'run', [`mkdir -p "${reports}"`, `lepton verify --strict --junit "${reports}/verify.xml"`]),
    '      - name: Find out whether this change moves the phase',
    '        id: phase',
    '        if: ${{ !cancelled() }}',
    '        env:',
    '          BASE_SHA: ${{ github.event.pull_request.base.sha || github.event.before }}',
    ...block('        ', 'run', [...phaseChangeLines(), 'echo "previous=$previous" >> "$GITHUB_OUTPUT"']),
    '      - name: Gate of the phase this change completes (enforced)',
    "        if: ${{ !cancelled() && steps.phase.outputs.previous != '' }}",
    '        env:',
    '          PREVIOUS: ${{ steps.phase.outputs.previous }}',
    `        run: lepton gate --phase "$PREVIOUS" --junit "${reports}/phase-$PREVIOUS.xml"`,
    '      - name: Completed phases still pass (enforced)',
    '        if: ${{ !cancelled() }}',
    `        run: lepton gate --completed --junit "${reports}/completed.xml"`,
    '      - name: Progress of the current phase (reported, never fails)',
    '        if: ${{ !cancelled() }}',
    ...block('        ', 'run', progressLines(progress, [`cat "${progress}" >> "$GITHUB_STEP_SUMMARY"`], plan.sarif ? ` --sarif "${reports}/lepton.sarif"` : '')),
    ...uploadStep('Upload the JUnit reports', artifactName, '${{ runner.temp }}/lepton-reports/'),
    ...htmlReportSteps(`lepton-report${suffix}`),
    ...(plan.sarif ? sarifSteps(project === '.' ? 'lepton' : `lepton-${project}`) : []),
    ...(plan.prComment ? prCommentSteps(progress, project) : []),
  ];
}

const HEADER = (plan: CiPlan) => [
  `# lepton phase gates, written by \`lepton ci init --provider github\` (lepton ${plan.version}); edit freely.`,
  '# Enforced: `lepton verify` (the ledger agrees with phase:) and `lepton gate --completed` (every phase',
  '# already passed still passes); when a change moves phase:, the gate of the phase it completes must pass.',
  "# The current phase's gate is reported as progress (job summary) and never fails the run.",
  '# Failing checks appear as annotations, every gate in the job summary, JUnit reports as an artifact.',
  'name: lepton',
  '',
  'on:',
  '  pull_request:',
  '  push:',
  `    branches: [${quoted(plan.branch)}]`,
  '',
  'permissions:',
  '  contents: read',
  ...extraPermissions(plan),
  '',
  'concurrency:',
  '  group: lepton-${{ github.ref }}',
  "  cancel-in-progress: ${{ github.event_name == 'pull_request' }}",
  '',
  'jobs:',
];

function singleProject(plan: CiPlan): string[] {
  const folder = plan.projects[0] ?? '.';
  return [
    '  gates:',
    '    name: lepton gates',
    '    runs-on: ubuntu-latest',
    '    timeout-minutes: 30',
    ...(folder === '.' ? [] : ['    defaults:', '      run:', `        working-directory: ${quoted(folder)}`]),
    '    steps:',
    ...setupSteps(plan, true),
    ...pythonSteps(plan),
    ...gateSteps(plan, '', folder),
  ];
}

/** Several projects: `lepton ci matrix` lists them at run time (`{"include":[{"project","path"}…]}`), one job each. */
function matrix(plan: CiPlan): string[] {
  return [
    '  projects:',
    '    name: lepton projects',
    '    runs-on: ubuntu-latest',
    '    outputs:',
    '      matrix: ${{ steps.list.outputs.matrix }}',
    '    steps:',
    ...setupSteps(plan, false, plan.projects[0]),
    '      - name: List the projects',
    '        id: list',
    '        run: echo "matrix=$(lepton ci matrix)" >> "$GITHUB_OUTPUT"',
    '',
    '  gates:',
    '    needs: projects',
    '    name: lepton ${{ matrix.project }}',
    '    runs-on: ubuntu-latest',
    '    timeout-minutes: 30',
    '    strategy:',
    '      fail-fast: false',
    '      matrix: ${{ fromJSON(needs.projects.outputs.matrix) }}',
    '    defaults:',
    '      run:',
    '        working-directory: ${{ matrix.path }}',
    '    steps:',
    ...setupSteps(plan, true),
    ...pythonSteps(plan),
    ...gateSteps(plan, '-${{ strategy.job-index }}', '${{ matrix.path }}'),
  ];
}

export function githubWorkflow(plan: CiPlan): string {
  return `${[...HEADER(plan), ...(plan.projects.length > 1 ? matrix(plan) : singleProject(plan))].join('\n')}\n`;
}
