// What `lepton init` prints: the files it wrote and the next steps.
import path from 'node:path';
import { safeText } from '../text.js';
import type { InitResult } from '../lifecycle/init.js';

const DESCRIPTIONS: Record<string, string> = {
  'lepton.yaml': 'the manifest: phases, gates, owners',
  '.lepton/schema.json': 'JSON Schema of lepton.yaml, for editors',
  '.lepton/ledger.jsonl': 'the ledger, starting in phase',
};

/** What the answers leave undone (no metric, no owner to sign the go/no-go), one note each for stderr. */
export function initNotes(answers: { metrics: readonly unknown[]; owners: readonly { roles: readonly string[] }[] }, resultsFile: string): string[] {
  const notes: string[] = [];
  if (answers.metrics.length === 0) {
    notes.push(`no success metric given, so the PoC gate checks no results; add one with --metric "accuracy>=0.85" or a metric check on ${resultsFile} in lepton.yaml`);
  }
  const roles = new Set(answers.owners.flatMap((owner) => owner.roles));
  if (answers.owners.length === 0) notes.push('no owners, so nobody can sign the go/no-go; add owners with roles to lepton.yaml and an approval check');
  else if (!roles.has('product-owner')) notes.push(`no owner is product-owner, so ${[...roles].join(' or ')} signs the go/no-go (check go-decision in lepton.yaml)`);
  return notes.map((note) => `note: ${note}\n`);
}

export function formatInitResult(result: InitResult, name: string, cwd: string, quiet: boolean): string {
  const where = path.relative(cwd, result.root);
  const shown = where === '' ? '.' : where.startsWith('..') ? result.root : where;
  const first = result.manifest.phases[0]!;
  const lines = [
    `Created lepton project ${name} in ${shown}${result.initializedGit ? ' (new git repository)' : ''}`,
    ...result.files.map((file) => {
      const description = file.file.startsWith('docs/')
        ? `to fill in during phase ${first.id}`
        : file.file === '.lepton/ledger.jsonl'
          ? `${DESCRIPTIONS[file.file]} ${first.id}`
          : (DESCRIPTIONS[file.file] ?? '');
      return `  ${file.status.padEnd(11)} ${file.file.padEnd(22)} ${description}`.trimEnd();
    }),
  ];
  if (!quiet) {
    const cd = where === '' ? [] : [`  cd ${shown.includes(' ') ? JSON.stringify(shown) : shown}`];
    const documents = first.templates.map((name) => `docs/${name}.md`).join(', ');
    lines.push(
      '',
      'Next steps:',
      ...cd,
      ...[
        ['git add -A && git commit', 'as the identity the ledger names: `lepton verify --strict` checks it'],
        ['lepton status', 'the phases and the current gate at a glance'],
        [`edit ${documents}`, 'replace every TODO with your content, tick every box'],
        ['lepton gate', `check the exit gate of phase ${first.id}`],
      ].map(([command, what]) => `  ${command!.padEnd(26)} ${what}`),
    );
  }
  return safeText(`${lines.join('\n')}\n`, { multiline: true });
}
