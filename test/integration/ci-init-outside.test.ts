// `lepton ci init` run outside a project (a folder like /tmp, in no git repository): the search for
// lepton.yaml below it is bounded, so it says "no lepton.yaml here" and what to do rather than
// walking everything; an error that lists the projects it found names the first 10 and a count.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ciInit } from '../../src/ci/init.js';
import { vendorLepton } from '../../src/ci/vendor.js';
import { LeptonError } from '../../src/errors.js';
import { makeTempDir, removeTempDirs } from '../helpers/git-repo.js';

const manifest = (name: string) => `version: 1\nproject: { name: ${name} }\nphase: poc\nphases:\n  - id: poc\n    title: Proof of concept\n`;

async function write(dir: string, file: string, text: string) {
  await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
  await writeFile(path.join(dir, file), text);
}

async function refusal(cwd: string): Promise<LeptonError> {
  const error = await ciInit({ cwd, quiet: true }, { provider: 'github' }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(LeptonError);
  return error as LeptonError;
}

afterAll(removeTempDirs);

describe('ci init outside a project', () => {
  it('says there is no lepton.yaml here when the only ones are deep below, without naming them', async () => {
    const dir = await makeTempDir('lepton-outside-');
    await write(dir, 'a/b/c/d/e/lepton.yaml', manifest('deep'));
    for (let index = 0; index < 30; index++) await write(dir, `junk${index}/x/notes.txt`, 'not a project\n');
    const error = await refusal(dir);
    expect(error.message).toMatch(/^no lepton\.yaml here \(.*\) or in the folders up to \d levels below it/);
    expect(error.message).not.toContain('a/b/c/d/e');
    expect(error.hint).toContain('lepton init');
    expect(error.hint).toContain('-C');
  });

  it('names the first 10 projects found and how many more in an error listing them', async () => {
    const dir = await makeTempDir('lepton-outside-');
    for (let index = 0; index < 14; index++) await write(dir, `p${String(index).padStart(2, '0')}/lepton.yaml`, manifest(`p${index}`));
    await vendorLepton(path.join(dir, 'p00'));
    const error = await refusal(dir);
    expect(error.message).toContain('p01, p02, p03, p04, p05, p06, p07, p08, p09, p10 … and 3 more');
    expect(error.message).not.toContain('p11');
  });
});
