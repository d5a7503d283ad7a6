// What `lepton vendor` prints: the file it wrote, how it runs, what to commit.
import type { VendorReport } from '../ci/vendor.js';

export function formatVendor(report: VendorReport): string {
  const what = { created: 'wrote', updated: 'updated', unchanged: 'already up to date:' }[report.action];
  const from = report.action === 'updated' && report.previousVersion && report.previousVersion !== report.version ? `, was ${report.previousVersion}` : '';
  const lines = [`${what} ${report.shown} (lepton ${report.version}${from})`];
  if (report.mergeDriver) lines.push(`the ledger merge driver runs it now (git config merge.lepton-ledger.driver: ${report.mergeDriver})`);
  if (report.gitignore !== 'unchanged') lines.push(`${report.gitignore === 'created' ? 'wrote' : 'updated'} ${report.gitignorePath} so git sees it`);
  lines.push(
    '',
    `It runs with plain node, no node_modules or package.json: \`node ${report.vendoredPath} gate\`.`,
    'The pre-push hook and the CI `lepton ci init` writes use it; run `lepton vendor` again to upgrade it.',
    `Next: commit it (git add ${report.vendoredPath} ${report.gitignorePath}).`,
  );
  return `${lines.join('\n')}\n`;
}

/** The warning when a rule of another ignore file still hides the vendored file from git; undefined when git sees it. */
export function vendorIgnoredWarning(report: VendorReport): string | undefined {
  if (!report.ignoredBy) return undefined;
  return `warning: git ignores ${report.vendoredPath} (${report.ignoredBy}); allow it there, or add it with \`git add -f ${report.vendoredPath}\`\n`;
}
