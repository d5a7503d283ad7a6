// What `lepton validate` and `lepton schema` print.
import type { LoadedManifest } from '../manifest/load.js';

export function validText(loaded: LoadedManifest): string {
  const checks = loaded.manifest.phases.reduce((count, phase) => count + phase.gate.length, 0);
  return `${loaded.displayPath} is valid: ${loaded.manifest.phases.length} phases, ${checks} checks, current phase ${loaded.manifest.phase}\n`;
}

export function schemaText(schema: Record<string, unknown>): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
