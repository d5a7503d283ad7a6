import { describe, expect, it } from 'vitest';
import { setManifestPhase } from '../../src/manifest/write.js';

describe('setManifestPhase', () => {
  it('splices only the value, in the style it was written', () => {
    const cases: [string, string][] = [
      ['phase: poc\n', 'phase: design\n'],
      ['phase:   poc   # here\n', 'phase:   design   # here\n'],
      ['phase: "poc"\n', 'phase: "design"\n'],
      ["phase: 'poc' #c\n", "phase: 'design' #c\n"],
      ['version: 1\r\nphase: poc\r\nphases: []\r\n', 'version: 1\r\nphase: design\r\nphases: []\r\n'],
      ['{ version: 1, phase: poc, phases: [] }\n', '{ version: 1, phase: design, phases: [] }\n'],
    ];
    for (const [source, expected] of cases) expect(setManifestPhase(source, 'design')).toBe(expected);
  });

  it('leaves a nested phase key and everything around the top-level one alone', () => {
    const source = '# top\nphases:\n  - id: poc\n    phase: poc   # not this one\n\nphase: poc # this one\nproject: { name: x }\n';
    expect(setManifestPhase(source, 'design')).toBe(source.replace('phase: poc # this one', 'phase: design # this one'));
  });

  it('refuses what it cannot rewrite in place', () => {
    expect(() => setManifestPhase('version: 1\n', 'design')).toThrow(/no plain `phase: <id>` line/);
    expect(() => setManifestPhase('phase: >-\n  poc\n', 'design')).toThrow(/block scalar/);
    expect(() => setManifestPhase('a: &p poc\nphase: *p\n', 'design')).toThrow(/no plain/);
    expect(() => setManifestPhase('phase: [\n', 'design')).toThrow(/does not parse/);
  });
});
