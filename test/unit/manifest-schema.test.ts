// The JSON Schema that `lepton schema` prints accepts what the loader accepts and refuses
// what it refuses, checked with a real JSON Schema validator.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { manifestJsonSchema } from '../../src/manifest/schema.js';

const example = parse(await readFile(new URL('../fixtures/manifests/good/design-example.yaml', import.meta.url), 'utf8'));

function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  return ajv.compile(manifestJsonSchema());
}

describe('manifest JSON Schema', () => {
  it('is a valid draft 2020-12 schema', () => {
    const ajv = new Ajv2020({ strict: false });
    expect(ajv.validateSchema(manifestJsonSchema())).toBe(true);
    expect(manifestJsonSchema().$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('accepts the DESIGN.md example', () => {
    const validate = validator();
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
  });

  it('accepts a minimal manifest, leaving defaults out', () => {
    const validate = validator();
    expect(validate({ version: 1, project: { name: 'x' }, phase: 'poc', phases: [{ id: 'poc', title: 'PoC' }] })).toBe(true);
  });

  it.each([
    ['an unknown top-level key', (manifest: any) => ({ ...manifest, extra: true })],
    [
      'an unknown check key',
      (manifest: any) => {
        manifest.phases[0].gate[0].colour = 'red';
        return manifest;
      },
    ],
    [
      'two kind keys in one check',
      (manifest: any) => {
        manifest.phases[0].gate[0].file = 'x.py';
        return manifest;
      },
    ],
    [
      'a check with no kind key',
      (manifest: any) => {
        manifest.phases[0].gate[0] = { id: 'lonely' };
        return manifest;
      },
    ],
    [
      'an unknown metric op',
      (manifest: any) => {
        manifest.phases[0].gate[2].metric.checks[0].op = '=>';
        return manifest;
      },
    ],
    [
      'a negative timeout',
      (manifest: any) => {
        manifest.phases[2].gate[0].timeout = -1;
        return manifest;
      },
    ],
    [
      'a non-kebab check id',
      (manifest: any) => {
        manifest.phases[0].gate[0].id = 'Plan Written';
        return manifest;
      },
    ],
    ['version 2', (manifest: any) => ({ ...manifest, version: 2 })],
  ])('refuses %s', (_name, mutate) => {
    const validate = validator();
    expect(validate(mutate(structuredClone(example)))).toBe(false);
  });
});

describe('the committed schema/lepton.schema.json', () => {
  it('is what `lepton schema` prints (regenerate with `npx lepton schema > schema/lepton.schema.json`)', async () => {
    const committed = JSON.parse(await readFile(new URL('../../schema/lepton.schema.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(manifestJsonSchema());
  });
});
