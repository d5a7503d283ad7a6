// A project made from init's answers in a temporary folder, with every document of every phase
// rendered by renderTemplates (so each has its record in .lepton/rendered/), for document tests.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import docCheck from '../../src/gate/checks/doc.js';
import type { CheckOutcome } from '../../src/gate/types.js';
import { loadManifest } from '../../src/manifest/load.js';
import type { CheckOf, Domain, Language, Manifest, MetricComparison, Preset } from '../../src/manifest/schema.js';
import type { InitAnswers } from '../../src/templates/answers.js';
import { renderTemplates } from '../../src/templates/generate.js';
import { checkContext } from './check-context.js';
import { manifestText } from '../../src/templates/scaffold.js';

export const NOW = new Date('2026-03-14T09:00:00Z');

export interface Variant {
  preset: Preset;
  domain: Domain;
  language: Language;
}

export function answersFor(variant: Variant, metrics: MetricComparison[] = [{ path: 'accuracy', op: '>=', value: 0.85 }]): InitAnswers {
  return {
    name: 'churn-predictor',
    description: 'Predict which subscribers cancel next month',
    preset: variant.preset,
    domain: variant.domain,
    language: variant.language,
    owners: [
      { name: 'Ada Lovelace', email: 'ada@example.com', roles: ['tech-lead'] },
      { name: 'Grace Hopper', email: 'grace@example.com', roles: ['product-owner'] },
    ],
    metrics,
    strategy: 'canary',
  };
}

/** Writes lepton.yaml for the answers into `root` and renders every phase's documents; returns the manifest. */
export async function renderProject(root: string, answers: InitAnswers): Promise<Manifest> {
  await writeFile(path.join(root, 'lepton.yaml'), manifestText(answers));
  const loaded = await loadManifest({ cwd: root });
  await renderTemplates(loaded, [...new Set(loaded.manifest.phases.flatMap((phase) => phase.templates))], { now: NOW });
  return loaded.manifest;
}

export function docChecks(manifest: Manifest): CheckOf<'doc'>[] {
  return manifest.phases.flatMap((phase) => phase.gate).filter((check): check is CheckOf<'doc'> => 'doc' in check);
}

export async function evaluateDoc(root: string, check: CheckOf<'doc'>): Promise<CheckOutcome> {
  return docCheck.evaluate(check, checkContext({ root, env: process.env }));
}

/** Every line holding TODO deleted and every box ticked: the documents "filled" by deletion. */
export function deleteTodosTickBoxes(text: string): string {
  return text
    .split('\n')
    .filter((line) => !line.includes('TODO'))
    .map((line) => line.replace(/^(\s*[-*] )\[ \]/, '$1[x]'))
    .join('\n');
}

export async function rewrite(root: string, file: string, change: (text: string) => string): Promise<void> {
  const target = path.join(root, file);
  await writeFile(target, change(await readFile(target, 'utf8')));
}
