// The lepton.yaml most tests write: version 1, a project with (by default) two owners, Ada the
// tech lead and Grace the product owner, the current phase and the phases with their gates. Each
// check is written as one flow mapping, as a person writes it: `- { id: code, file: "src/*.py" }`.
// Checks are typed against the manifest schema, so a test cannot misspell a kind or a key.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import type { checkSchema, Owner } from '../../src/manifest/schema.js';
import { ADA, GRACE } from './lifecycle-project.js';

/** A check as written in lepton.yaml (defaults not filled in). */
export type CheckYaml = z.input<typeof checkSchema>;

export interface PhaseYaml {
  id: string;
  title: string;
  templates?: readonly string[];
  gate?: readonly CheckYaml[];
}

export interface ManifestYaml {
  name: string;
  /** Lines under `project:` after the name, in this order: description, preset, domain, language, strategy. */
  project?: { description?: string; preset?: string; domain?: string; language?: string; strategy?: string };
  /** Default: Ada (tech-lead) and Grace (product-owner); `[]` writes none (and `project: { name: … }` on one line when nothing else is set). */
  owners?: readonly Owner[];
  /** Default: the first phase's id. */
  phase?: string;
  phases: readonly PhaseYaml[];
}

export const OWNERS: readonly Owner[] = [
  { ...ADA, roles: ['tech-lead'] },
  { ...GRACE, roles: ['product-owner'] },
];

// A plain YAML scalar in flow context: no indicator characters, not read as a number, boolean or null.
const PLAIN = /^[A-Za-z_./][\w./@-]*(?: [\w./@-]+)*$/;
const RESERVED = /^(?:true|false|yes|no|on|off|null|~|y|n|\.inf|\.nan|\.\d.*)$/i;

/** One value in YAML flow style: plain where it reads back as the same string, else double-quoted (JSON is valid YAML). */
export function flowYaml(value: unknown): string {
  if (typeof value === 'string') return PLAIN.test(value) && !RESERVED.test(value) ? value : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(flowYaml).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    return `{ ${entries.map(([key, item]) => `${key}: ${flowYaml(item)}`).join(', ')} }`;
  }
  throw new Error(`manifestYaml: cannot write ${String(value)} as YAML`);
}

/** The text of a lepton.yaml. */
export function manifestYaml(manifest: ManifestYaml): string {
  const owners = manifest.owners ?? OWNERS;
  const extra = Object.entries(manifest.project ?? {}).filter(([, value]) => value !== undefined);
  const lines = ['version: 1'];
  if (owners.length === 0 && extra.length === 0) lines.push(`project: { name: ${flowYaml(manifest.name)} }`);
  else {
    lines.push('project:', `  name: ${flowYaml(manifest.name)}`, ...extra.map(([key, value]) => `  ${key}: ${flowYaml(value)}`));
    if (owners.length > 0) lines.push('  owners:', ...owners.map((owner) => `    - ${flowYaml({ name: owner.name, email: owner.email, roles: owner.roles })}`));
  }
  const phase = manifest.phase ?? manifest.phases[0]?.id;
  if (phase === undefined) throw new Error('manifestYaml: no phase given and no phases to take one from');
  lines.push(`phase: ${flowYaml(phase)}`);
  if (manifest.phases.length === 0) lines.push('phases: []');
  else lines.push('phases:');
  for (const { id, title, templates, gate } of manifest.phases) {
    lines.push(`  - id: ${flowYaml(id)}`, `    title: ${flowYaml(title)}`);
    if (templates) lines.push(`    templates: ${flowYaml(templates)}`);
    if (gate && gate.length > 0) lines.push('    gate:', ...gate.map((check) => `      - ${flowYaml(check)}`));
  }
  return `${lines.join('\n')}\n`;
}

/** Writes `lepton.yaml` in `dir`; returns its path. */
export async function writeManifest(dir: string, manifest: ManifestYaml): Promise<string> {
  const file = path.join(dir, 'lepton.yaml');
  await writeFile(file, manifestYaml(manifest));
  return file;
}
