// What `lepton init` prints: the files it wrote and the next steps.
import path from 'node:path';
import type { InitResult } from '../lifecycle/init.js';

const DESCRIPTIONS: Record<string, string> = {
  'lepton.yaml': 'the manifest: phases, gates, owners',
  '.lepton/schema.json': 'JSON Schema of lepton.yaml, for editors',
  '.lepton/ledger.jsonl': 'the ledger, starting in phase',
};

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
  return `${lines.join('\n')}\n`;
}
