// The `lepton` job `lepton ci init --provider gitlab` adds to .gitlab-ci.yml, merged into an existing
// file through yaml's Document API so its comments, anchors and other jobs stay as they were.
import { Document, isMap, isScalar, isSeq, parseDocument, YAMLMap } from 'yaml';
import { LeptonError } from '../errors.js';
import { NODE_VERSION, excludeLines, phaseChangeLines, progressLines, pythonInstallLines, type CiPlan } from './plan.js';
import { VENDORED_PATH } from './vendor.js';

export const GITLAB_CI_PATH = '.gitlab-ci.yml';
export const GITLAB_JOB = 'lepton';
const STAGE = 'test';
/** Inside the checkout (GitLab collects artifacts only from there), hidden from `git status` so `git: { clean: true }` checks still hold. */
const REPORTS = '$CI_PROJECT_DIR/lepton-reports';

/** lepton (npm ci, or a shell function running the project's vendored file), the reports folder, the project folder, Python. */
function installLines(plan: CiPlan): string[] {
  const lines: string[] = [];
  if (plan.install === 'npm-ci') {
    lines.push('(cd "$CI_PROJECT_DIR" && npm ci)', 'export PATH="$CI_PROJECT_DIR/node_modules/.bin:$PATH"');
  }
  lines.push('mkdir -p "$CI_PROJECT_DIR/lepton-reports"', ...excludeLines(['/lepton-reports/', ...(plan.install === 'npm-ci' ? ['node_modules/'] : [])]));
  const folder = plan.projects.length > 1 ? '"$LEPTON_PROJECT"' : plan.projects[0] && plan.projects[0] !== '.' ? JSON.stringify(plan.projects[0]) : undefined;
  if (folder) lines.push(`cd ${folder}`);
  if (plan.install === 'vendored') {
    // A function, not a file: before_script and script run in one shell, and nothing is written to the checkout.
    lines.push(`lepton_vendored="$PWD/${VENDORED_PATH}"`, 'lepton() { node "$lepton_vendored" "$@"; }');
  }
  if (plan.python) {
    lines.push(
      // The node image is Debian: Python comes from apt, packages go to a virtualenv outside the checkout.
      'apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null',
      'python3 -m venv /tmp/lepton-venv && . /tmp/lepton-venv/bin/activate',
      pythonInstallLines('python').join('\n'),
    );
  }
  return lines;
}

/** Every gate runs even when an earlier one fails, so the JUnit report is complete; the job fails at the end. */
function scriptLines(): string[] {
  return [
    'failed=0',
    `lepton verify --strict --junit "${REPORTS}/verify.xml" || failed=$?`,
    [
      `BASE_SHA="\${CI_MERGE_REQUEST_DIFF_BASE_SHA:-\${CI_COMMIT_BEFORE_SHA:-}}"`,
      ...phaseChangeLines(),
      `if [ -n "$previous" ]; then lepton gate --phase "$previous" --junit "${REPORTS}/phase-$previous.xml" || failed=$?; fi`,
    ].join('\n'),
    `lepton gate --completed --junit "${REPORTS}/completed.xml" || failed=$?`,
    // A file of its own: jobs of a shell runner share /tmp.
    ['progress="$(mktemp)"', ...progressLines('$progress', ['rm -f "$progress"'])].join('\n'),
    'exit "$failed"',
  ];
}

/** The job as plain data (what tests and the merge both use). */
export function gitlabJob(plan: CiPlan): Record<string, unknown> {
  return {
    stage: STAGE,
    image: `node:${NODE_VERSION}`,
    variables: { GIT_DEPTH: '0' },
    rules: [{ if: '$CI_PIPELINE_SOURCE == "merge_request_event"' }, { if: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH' }],
    ...(plan.projects.length > 1 && { parallel: { matrix: [{ LEPTON_PROJECT: plan.projects }] } }),
    before_script: installLines(plan),
    script: scriptLines(),
    artifacts: {
      when: 'always',
      expire_in: '30 days',
      paths: ['lepton-reports/'],
      reports: { junit: 'lepton-reports/*.xml' },
    },
  };
}

const JOB_COMMENT = [
  ' lepton phase gates, added by `lepton ci init --provider gitlab`; edit freely.',
  ' Enforced: `lepton verify` and `lepton gate --completed`; when a change moves phase:, the gate of the',
  " phase it completes. The current phase's gate is printed as progress and never fails the job.",
].join('\n');

export interface GitlabMerge {
  text: string;
  /** An existing `lepton` job was replaced (only with force). */
  replaced: boolean;
  /** `test` was added to an existing `stages:` list that lacked it. */
  stageAdded: boolean;
}

/** Adds (or with `force` replaces) the `lepton` job in `existing` (undefined: a new file). */
export function mergeGitlabCi(existing: string | undefined, plan: CiPlan, options: { force?: boolean } = {}): GitlabMerge {
  const document = existing === undefined || existing.trim() === '' ? new Document(new YAMLMap()) : parseDocument(existing);
  if (document.errors.length > 0) {
    throw new LeptonError(`${GITLAB_CI_PATH} is not valid YAML: ${document.errors[0]!.message.split('\n')[0]}`, {
      hint: `fix ${GITLAB_CI_PATH} first, then run \`lepton ci init --provider gitlab\` again`,
    });
  }
  if (document.contents === null) document.contents = new YAMLMap();
  if (!isMap(document.contents)) {
    throw new LeptonError(`${GITLAB_CI_PATH} is not a mapping of jobs`, { hint: `fix ${GITLAB_CI_PATH} first, then run \`lepton ci init --provider gitlab\` again` });
  }
  const replaced = document.has(GITLAB_JOB);
  if (replaced && !options.force) {
    throw new LeptonError(`${GITLAB_CI_PATH} already has a \`${GITLAB_JOB}\` job; not replacing it`, {
      hint: 'pass --force to replace that job (the rest of the file stays as it is)',
    });
  }
  const stageAdded = ensureStage(document);
  const job = document.createNode(gitlabJob(plan));
  const existingPair = document.contents.items.find((item) => isScalar(item.key) && item.key.value === GITLAB_JOB);
  if (existingPair) {
    existingPair.value = job;
    if (isScalar(existingPair.key) && !existingPair.key.commentBefore) existingPair.key.commentBefore = JOB_COMMENT;
  } else {
    const key = document.createNode(GITLAB_JOB);
    key.commentBefore = JOB_COMMENT;
    key.spaceBefore = document.contents.items.length > 0;
    document.contents.items.push(document.createPair(key, job));
  }
  return { text: document.toString({ lineWidth: 0, flowCollectionPadding: false }), replaced, stageAdded };
}

/** GitLab refuses a job whose stage is not listed when `stages:` is given; the default list has `test`. */
function ensureStage(document: Document): boolean {
  const stages = document.get('stages', true);
  if (!isSeq(stages)) return false;
  if (stages.items.some((item) => isScalar(item) && item.value === STAGE)) return false;
  stages.add(document.createNode(STAGE));
  return true;
}
