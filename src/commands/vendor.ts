// `lepton vendor`: writes .lepton/bin/lepton.cjs, lepton in one file, for the repository to commit.
import path from 'node:path';
import { VENDORED_PATH, vendorLepton, type VendorResult } from '../ci/vendor.js';
import { EXIT } from '../errors.js';
import { LEPTON_GITIGNORE } from '../lifecycle/ledger.js';
import { loadManifest } from '../manifest/load.js';
import type { CommandRun, GlobalOptions } from './types.js';

export interface VendorReport extends VendorResult {
  /** The vendored file relative to the current folder. */
  shown: string;
  /** Why git would still not see the file (a rule of another ignore file), when it would not. */
  ignoredBy?: string | undefined;
}

export async function vendor(globals: GlobalOptions): Promise<VendorReport> {
  const loaded = await loadManifest(globals);
  const result = await vendorLepton(loaded.root);
  const { isRepository, ignoringRule } = await import('../git/git.js');
  const ignoredBy = (await isRepository(loaded.root)) ? await ignoringRule(loaded.root, VENDORED_PATH) : undefined;
  return { ...result, shown: path.relative(globals.cwd, result.file) || VENDORED_PATH, ignoredBy };
}

export function describeVendor(report: VendorReport): string {
  const what = { created: 'wrote', updated: 'updated', unchanged: 'already up to date:' }[report.action];
  const from = report.action === 'updated' && report.previousVersion && report.previousVersion !== report.version ? `, was ${report.previousVersion}` : '';
  const lines = [`${what} ${report.shown} (lepton ${report.version}${from})`];
  if (report.gitignore !== 'unchanged') lines.push(`${report.gitignore === 'created' ? 'wrote' : 'updated'} ${LEPTON_GITIGNORE} so git sees it`);
  lines.push(
    '',
    `It runs with plain node, no node_modules or package.json: \`node ${VENDORED_PATH} gate\`.`,
    'The pre-push hook and the CI `lepton ci init` writes use it; run `lepton vendor` again to upgrade it.',
    `Next: commit it (git add ${VENDORED_PATH} ${LEPTON_GITIGNORE}).`,
  );
  return `${lines.join('\n')}\n`;
}

export const run: CommandRun = async ({ globals, io }) => {
  const report = await vendor(globals);
  if (report.ignoredBy) io.stderr(`warning: git ignores ${VENDORED_PATH} (${report.ignoredBy}); allow it there, or add it with \`git add -f ${VENDORED_PATH}\`\n`);
  io.stdout(describeVendor(report));
  return EXIT.ok;
};
