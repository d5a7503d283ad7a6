// The layers of DESIGN.md's architecture hold: no import runs back up them, and no import cycle
// exists anywhere in src/ (type-only imports included).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importsOf, readImports, type SourceImport } from '../helpers/imports.js';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

type Layer = 'base' | 'manifest' | 'gate' | 'templates' | 'git' | 'report' | 'lifecycle' | 'ci' | 'commands' | 'cli';

function layerOf(file: string): Layer {
  if (file === 'cli.ts' || file.startsWith('cli/')) return 'cli';
  const folder = file.split('/')[0]!;
  if (['commands', 'lifecycle', 'ci', 'gate', 'templates', 'manifest', 'report', 'git'].includes(folder) && file.includes('/')) return folder as Layer;
  return 'base';
}

/** What each layer may import. `report` and `git` are leaves; report may read the result types of the core. */
const MAY_IMPORT: Record<Layer, Layer[]> = {
  base: ['base'],
  manifest: ['base'],
  git: ['base'],
  gate: ['manifest', 'base'],
  templates: ['manifest', 'base'],
  report: ['base'],
  lifecycle: ['gate', 'templates', 'manifest', 'git', 'base'],
  ci: ['lifecycle', 'gate', 'templates', 'manifest', 'git', 'base'],
  commands: ['ci', 'lifecycle', 'gate', 'templates', 'manifest', 'report', 'git', 'base'],
  cli: ['commands', 'ci', 'lifecycle', 'gate', 'templates', 'manifest', 'report', 'git', 'base'],
};
const REPORT_READS_TYPES_OF: Layer[] = ['gate', 'lifecycle', 'templates', 'manifest', 'ci', 'git'];

function allowed(item: SourceImport): boolean {
  const from = layerOf(item.from);
  const to = layerOf(item.to);
  if (from === to || MAY_IMPORT[from].includes(to)) return true;
  return from === 'report' && item.typeOnly && REPORT_READS_TYPES_OF.includes(to);
}

function layeringViolations(imports: readonly SourceImport[]): string[] {
  return imports.filter((item) => !allowed(item)).map((item) => `${item.from} (${layerOf(item.from)}) imports ${item.to} (${layerOf(item.to)})${item.typeOnly ? ' [type]' : ''}`);
}

/** Files that import each other, directly or through others (Tarjan's strongly connected components). */
function importCycles(imports: readonly SourceImport[]): string[][] {
  const edges = new Map<string, string[]>();
  for (const item of imports) edges.set(item.from, [...(edges.get(item.from) ?? []), item.to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let counter = 0;
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (edges.get(node) ?? []).includes(node)) cycles.push(component.sort());
    }
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

describe('the layers of src/', () => {
  const imports = readImports(SRC);

  it('reads the imports it judges', () => {
    expect(imports.length).toBeGreaterThan(100);
    expect(imports).toContainEqual({ from: 'cli.ts', to: 'cli/fast-path.ts', typeOnly: false });
  });

  it('has no import that runs back up the layers', () => {
    expect(layeringViolations(imports)).toEqual([]);
  });

  it('has no import cycle, type-only imports included', () => {
    expect(importCycles(imports)).toEqual([]);
  });
});

describe('the layering check itself', () => {
  it('fails on an upward import, a type-only one included', () => {
    const upward = importsOf('manifest/load.ts', "import { run } from '../commands/gate.js';\nimport type { GateReport } from '../gate/types.js';\n");
    expect(layeringViolations(upward)).toEqual([
      'manifest/load.ts (manifest) imports commands/gate.ts (commands)',
      'manifest/load.ts (manifest) imports gate/types.ts (gate) [type]',
    ]);
    expect(layeringViolations(importsOf('gate/engine.ts', "const report = await import('../report/index.js');"))).toEqual([
      'gate/engine.ts (gate) imports report/index.ts (report)',
    ]);
  });

  it("lets report read the core's result types, but not run its code", () => {
    expect(layeringViolations(importsOf('report/pretty.ts', "import type { StatusReport } from '../lifecycle/status.js';"))).toEqual([]);
    expect(layeringViolations(importsOf('report/pretty.ts', "import { projectStatus } from '../lifecycle/status.js';"))).toEqual([
      'report/pretty.ts (report) imports lifecycle/status.ts (lifecycle)',
    ]);
  });

  it('finds a cycle through type-only imports', () => {
    const cycle = [...importsOf('lifecycle/a.ts', "import type { B } from './b.js';"), ...importsOf('lifecycle/b.ts', "import { a } from './a.js';")];
    expect(importCycles(cycle)).toEqual([['lifecycle/a.ts', 'lifecycle/b.ts']]);
  });
});
