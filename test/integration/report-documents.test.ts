// The report's documents table counts each document's filled sections; the count is kept in the
// project's check cache beside the text's hash (with what the gate's checks keep, written once),
// so a document written since is counted again, never shown with the count of its older text.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { loadProject } from '../../src/lifecycle/project.js';
import { gatherProjectReport } from '../../src/lifecycle/report-data.js';
import { makeTempDir } from '../helpers/git-repo.js';
import { writeManifest } from '../helpers/manifest.js';

it('counts a document again once it changes, and the same from the cache while it does not', async () => {
  const dir = await makeTempDir();
  await writeManifest(dir, { name: 'docs-count', phases: [{ id: 'poc', title: 'Proof of concept', gate: [{ id: 'plan', doc: 'docs/plan.md', sections: ['Goal', 'Risks'] }] }] });
  const doc = path.join(dir, 'docs/plan.md');
  await mkdir(path.dirname(doc));
  const count = async () => {
    const data = await gatherProjectReport(await loadProject({ cwd: dir }), { env: { LEPTON_NOW: '2026-12-02T09:00:00Z' } });
    const [plan] = data.documents;
    return `${plan!.filled}/${plan!.total}`;
  };
  await mkdir(path.join(dir, '.lepton'));
  await writeFile(doc, '# Plan\n\n## Goal\n\nPredict churn.\n\n## Risks\n\nTODO\n');
  expect(await count()).toBe('1/2');
  // Written once per project, the cache holds what the gate's doc check kept and the documents' count.
  const kept = Object.keys(JSON.parse(await readFile(path.join(dir, '.lepton/cache/checks.json'), 'utf8')).data);
  expect(kept.some((key) => key.startsWith('doc\0docs/plan.md'))).toBe(true);
  expect(kept.some((key) => key.startsWith('report-sections\0docs/plan.md'))).toBe(true);
  expect(await count()).toBe('1/2');
  await writeFile(doc, '# Plan\n\n## Goal\n\nPredict churn.\n\n## Risks\n\nData drift.\n');
  expect(await count()).toBe('2/2');
  await writeFile(doc, '# Plan\n\n## Goal\n\nTODO\n');
  expect(await count()).toBe('0/2');
});
