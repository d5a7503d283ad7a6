// The GitHub Actions workflow `lepton ci init --provider github` writes (.github/workflows/lepton.yml).
import { NODE_VERSION, PYTHON_VERSION, phaseChangeLines, progressLines, type CiPlan } from './plan.js';

export const GITHUB_WORKFLOW_PATH = '.github/workflows/lepton.yml';

/** A `key: |` block scalar, its lines indented under the key. */
function block(indent: string, key: string, lines: string[]): string[] {
  return [`${indent}${key}: |`, ...lines.map((line) => (line ? `${indent}  ${line}` : ''))];
}

/** A YAML double-quoted scalar (JSON strings are valid YAML). */
function quoted(value: string): string {
  return JSON.stringify(value);
}

function setupSteps(plan: CiPlan, checkoutHistory: boolean): string[] {
  const steps = [
    `      - name: Check out${checkoutHistory ? ' with full history (verify --strict reads it)' : ''}`,
    '        uses: actions/checkout@v4',
    ...(checkoutHistory ? ['        with:', '          fetch-depth: 0'] : []),
    `      - name: Set up Node.js ${NODE_VERSION}`,
    '        uses: actions/setup-node@v4',
    '        with:',
    `          node-version: ${quoted(NODE_VERSION)}`,
  ];
  if (plan.install === 'npm-ci') {
    steps.push(
      '          cache: npm',
      '      - name: Install lepton (package-lock.json)',
      '        working-directory: .',
      ...block('        ', 'run', ['npm ci', 'echo "$PWD/node_modules/.bin" >> "$GITHUB_PATH"']),
    );
  } else {
    steps.push('      - name: Install lepton', `        run: npm install --global ${quoted(`lepton@${plan.version}`)}`);
  }
  return steps;
}

function pythonSteps(plan: CiPlan): string[] {
  if (!plan.python) return [];
  const version = plan.python.versionFile ? [`          python-version-file: ${quoted(plan.python.versionFile)}`] : [`          python-version: ${quoted(PYTHON_VERSION)}`];
  const cache = plan.python.requirements ? ['          cache: pip', `          cache-dependency-path: ${quoted('**/requirements*.txt')}`] : [];
  return [
    '      - name: Set up Python (the gates run Python tools)',
    '        uses: actions/setup-python@v5',
    '        with:',
    ...version,
    ...cache,
    '      - name: Install Python dependencies',
    ...block('        ', 'run', [
      'python -m pip install --upgrade pip',
      'for file in requirements.txt requirements-dev.txt; do',
      '  if [ -f "$file" ]; then python -m pip install -r "$file"; fi',
      'done',
    ]),
  ];
}

function gateSteps(artifactName: string): string[] {
  const reports = '$RUNNER_TEMP/lepton-reports';
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
    ...block('        ', 'run', progressLines('$RUNNER_TEMP/lepton-progress.md', ['cat "$RUNNER_TEMP/lepton-progress.md" >> "$GITHUB_STEP_SUMMARY"'])),
    '      - name: Upload the JUnit reports',
    '        if: ${{ !cancelled() }}',
    '        uses: actions/upload-artifact@v4',
    '        with:',
    `          name: ${artifactName}`,
    '          path: ${{ runner.temp }}/lepton-reports/',
    '          if-no-files-found: ignore',
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
    ...gateSteps('lepton-junit'),
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
    ...setupSteps(plan, false),
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
    ...gateSteps('lepton-junit-${{ strategy.job-index }}'),
  ];
}

export function githubWorkflow(plan: CiPlan): string {
  return `${[...HEADER(plan), ...(plan.projects.length > 1 ? matrix(plan) : singleProject(plan))].join('\n')}\n`;
}
