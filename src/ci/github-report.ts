// What the GitHub workflow adds for people and code scanning: the HTML report as an artifact
// (always), the SARIF upload (`lepton ci init --sarif`) and one pull-request comment found by
// the Markdown report's marker and updated in place (`--pr-comment`).
import { ACTIONS } from './plan.js';

/** Pinned like the other actions: the SARIF upload of GitHub's CodeQL action. */
export const UPLOAD_SARIF = 'github/codeql-action/upload-sarif@v4';

/** The first line of every `--format markdown` report (src/report/markdown.ts). */
export const REPORT_MARKER = '<!-- lepton-report -->';

function block(indent: string, key: string, lines: string[]): string[] {
  return [`${indent}${key}: |`, ...lines.map((line) => (line ? `${indent}  ${line}` : ''))];
}

/** The permissions beyond `contents: read` that the chosen steps need. */
export function extraPermissions(options: { sarif?: boolean | undefined; prComment?: boolean | undefined }): string[] {
  return [
    ...(options.sarif ? ['  security-events: write   # lepton ci init --sarif: upload to code scanning'] : []),
    ...(options.prComment ? ['  pull-requests: write     # lepton ci init --pr-comment: one comment per pull request, updated in place'] : []),
  ];
}

/** `lepton report` into its own artifact, whether the gates passed or not. */
export function htmlReportSteps(artifactName: string): string[] {
  return [
    '      - name: HTML report for the people who decide',
    '        if: ${{ !cancelled() }}',
    ...block('        ', 'run', ['mkdir -p "$RUNNER_TEMP/lepton-html"', 'lepton report --out "$RUNNER_TEMP/lepton-html/lepton-report.html"']),
    ...uploadStep('Upload the HTML report', artifactName, '${{ runner.temp }}/lepton-html/lepton-report.html'),
  ];
}

/** A step that uploads `path` as the artifact `artifactName`, also after a failed step (a missing file is no error). */
export function uploadStep(title: string, artifactName: string, path: string): string[] {
  return [
    `      - name: ${title}`,
    '        if: ${{ !cancelled() }}',
    `        uses: ${ACTIONS.uploadArtifact}`,
    '        with:',
    `          name: ${artifactName}`,
    `          path: ${path}`,
    '          if-no-files-found: ignore',
  ];
}

/** The current gate's SARIF (written by the progress step) to code scanning; `category` keeps projects apart. */
export function sarifSteps(category: string): string[] {
  return [
    '      - name: Upload the gate to code scanning (SARIF)',
    "        if: ${{ !cancelled() && hashFiles(format('{0}/lepton-reports/lepton.sarif', runner.temp)) != '' }}",
    `        uses: ${UPLOAD_SARIF}`,
    '        with:',
    '          sarif_file: ${{ runner.temp }}/lepton-reports/lepton.sarif',
    `          category: ${category}`,
  ];
}

/**
 * One comment per pull request (and project): the one whose body starts with the marker and names
 * this project is edited; otherwise one is created. A token that may not write (a fork's pull
 * request) leaves a notice, never a failed run.
 */
export function prCommentSteps(report: string, project: string): string[] {
  const tag = `<!-- lepton-project: ${project} -->`;
  return [
    '      - name: Pull-request comment (one, updated in place)',
    "        if: ${{ !cancelled() && github.event_name == 'pull_request' }}",
    '        env:',
    '          GH_TOKEN: ${{ github.token }}',
    '          PR: ${{ github.event.pull_request.number }}',
    `          TAG: "${tag}"`,
    ...block('        ', 'run', [
      `body="$RUNNER_TEMP/lepton-comment.md"`,
      `{ cat "${report}"; echo; echo "$TAG"; } > "$body"`,
      `id="$(gh api "repos/$GITHUB_REPOSITORY/issues/$PR/comments" --paginate --jq '.[] | select((.body | startswith("${REPORT_MARKER}")) and (.body | contains(env.TAG))) | .id' | head -n 1)" || id=""`,
      'if [ -n "$id" ]; then',
      '  gh api --method PATCH "repos/$GITHUB_REPOSITORY/issues/comments/$id" -F "body=@$body" > /dev/null || echo "::notice::lepton could not update its pull-request comment (the token needs pull-requests: write)"',
      'else',
      '  gh api --method POST "repos/$GITHUB_REPOSITORY/issues/$PR/comments" -F "body=@$body" > /dev/null || echo "::notice::lepton could not comment on the pull request (the token needs pull-requests: write)"',
      'fi',
    ]),
  ];
}
