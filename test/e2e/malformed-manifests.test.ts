// Every malformed manifest is refused with exit 2, one line naming lepton.yaml:line:col and
// what would be valid, a hint, and no stack trace.
import { copyFile, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLepton } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/git-repo.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/manifests/bad/', import.meta.url));

/** fixture name → [line:col, what the message must say] */
const CORPUS: Record<string, [string, RegExp]> = {
  'yaml-syntax-tab': ['3:1', /YAML syntax error: Tabs are not allowed/],
  'yaml-syntax-unclosed': ['3:1', /YAML syntax error: Flow map/],
  'yaml-duplicate-key': ['2:1', /Map keys must be unique/],
  'top-level-list': ['1:1', /expected a mapping with the keys version, project, phase and phases/],
  'top-level-scalar': ['1:1', /expected a mapping/],
  'version-wrong': ['1:10', /version: expected one of 1, got number 2/],
  'version-string': ['1:10', /version: expected one of 1, got "1"/],
  'missing-project': ['1:1', /missing key "project"/],
  'missing-phases': ['1:1', /missing key "phases"/],
  'empty-phases': ['4:9', /phases: a manifest needs at least one phase/],
  'unknown-top-key': ['4:1', /unknown key "phasez"; valid keys here: version, project, governance, phase, phases, hooks/],
  'unknown-check-key': ['13:9', /unknown key "sectons"; valid keys here: .*sections/],
  'unknown-check-kind': ['12:9', /unknown check kind "docx"; expected exactly one of file, doc, run, metric/],
  'no-check-kind': ['11:9', /a check needs a kind key; expected exactly one of/],
  'two-kind-keys': ['12:9', /exactly one kind key, this one has 2: file, doc/],
  'duplicate-check-ids': ['12:15', /duplicate check id "plan" in phase "poc"/],
  'duplicate-phase-ids': ['9:11', /duplicate phase id "poc"/],
  'phase-names-no-phase': ['3:8', /phase: "design" names no phase; expected one of poc/],
  'path-dotdot': ['11:26', /leaves the project \(\.\.\)/],
  'path-absolute': ['12:25', /"\/etc\/results\.json" is absolute/],
  'glob-dotdot': ['11:43', /file\[1\]: "\.\.\/\*\*\/\*\.py" leaves the project/],
  'run-cwd-escapes': ['11:43', /cwd: "\.\.\/\.\." leaves the project/],
  'negative-timeout': ['13:18', /timeout: must be a positive number of seconds/],
  'timeout-string': ['11:47', /timeout: expected number, got "ten minutes"/],
  'bad-metric-op': ['15:37', /op: expected one of ">=", ">", "<=", "<", "==", "!=", got "=>"/],
  'metric-value-string': ['15:50', /value: expected number, got "high"/],
  'bad-preset': ['2:32', /preset: expected one of "ml-model", "llm-app", got "cv-model"/],
  'bad-language': ['2:34', /language: expected one of "en", "zh-CN", got "fr"/],
  'bad-owner-email': ['5:27', /email: must be an email address/],
  'duplicate-owner-email': ['6:36', /email: duplicate owner email "ADA@Example.com" \(also owners\[0\]/],
  'owner-left-impossible': ['6:85', /left: "2099-02-30" is not a calendar date/],
  'owner-left-not-date': ['5:79', /left: must be a UTC date as YYYY-MM-DD/],
  'governance-max-days': ['7:42', /max-days: must be a whole number of days, at least 1/],
  'governance-unknown-key': ['7:32', /unknown key "max_days"; valid keys here: roles, max-days/],
  'check-id-not-kebab': ['11:15', /id: a check id must be kebab-case/],
  'required-not-boolean': ['11:50', /required: expected boolean, got "maybe"/],
  'check-not-mapping': ['11:9', /expected a check \(a mapping with id and one kind key\)/],
  'bad-placeholder-regex': ['11:53', /placeholder: not a valid regular expression/],
  'http-bad-url': ['11:36', /url: must be an http:\/\/ or https:\/\/ URL/],
  'git-empty': ['11:28', /a git check needs at least one of clean, branch, tag/],
  'coverage-over-100': ['11:59', /lines: must be at most 100, got number 120/],
  'alias-bomb': ['1:1', /YAML aliases expand too far/],
  empty: ['1:1', /file is empty/],
  'comment-only': ['1:1', /expected a mapping/],
  binary: ['1:1', /not a text file/],
  'invalid-utf8': ['1:1', /not valid UTF-8/],
};

let workDir: string;
beforeAll(async () => {
  workDir = await makeTempDir();
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

async function projectWith(name: string, write: (dir: string) => Promise<void>): Promise<string> {
  const dir = path.join(workDir, name);
  await mkdir(dir, { recursive: true });
  await write(dir);
  return dir;
}

function expectRefused(result: { exitCode: number; stdout: string; stderr: string }, location: string, message: RegExp): void {
  expect(result.exitCode, result.stderr).toBe(2);
  expect(result.stdout).toBe('');
  const [first] = result.stderr.split('\n');
  expect(first).toContain(`lepton.yaml:${location}`);
  expect(first).toMatch(message);
  expect(result.stderr).toMatch(/^hint: /m);
  expect(result.stderr).not.toMatch(/^\s+at /m);
}

describe('malformed manifests', () => {
  it('has a corpus of at least 25 fixtures', () => {
    expect(Object.keys(CORPUS).length).toBeGreaterThanOrEqual(25);
  });

  it.each(Object.entries(CORPUS))('%s is refused with its place and what would be valid', async (name, [location, message]) => {
    const dir = await projectWith(name, (target) => copyFile(path.join(FIXTURES, `${name}.yaml`), path.join(target, 'lepton.yaml')));
    expectRefused(await runLepton(['validate'], { cwd: dir }), location, message);
  });

  it('refuses a 10 MB manifest before parsing it', async () => {
    const dir = await projectWith('huge', (target) => writeFile(path.join(target, 'lepton.yaml'), `version: 1\n${'# padding\n'.repeat(1_100_000)}`));
    expectRefused(await runLepton(['gate'], { cwd: dir }), '1:1', /a manifest may be at most 1 MiB/);
  });

  it('refuses a path that goes through a symlink pointing outside the project', async () => {
    const outside = await projectWith('outside', async () => {});
    const dir = await projectWith('symlinked', async (target) => {
      await symlink(outside, path.join(target, 'docs'));
      await writeFile(
        path.join(target, 'lepton.yaml'),
        ['version: 1', 'project: { name: demo }', 'phase: poc', 'phases:', '  - id: poc', '    title: PoC', '    gate:', '      - { id: plan, doc: docs/poc-plan.md }', ''].join(
          '\n',
        ),
      );
    });
    expectRefused(await runLepton(['gate'], { cwd: dir }), '8:26', /"docs\/poc-plan\.md" goes through a symlink that points outside the project/);
  });

  it('lists every problem at once, in file order', async () => {
    const dir = await projectWith('several', (target) =>
      writeFile(
        path.join(target, 'lepton.yaml'),
        [
          'version: 1',
          'project: { name: demo, preset: cv }',
          'phase: poc',
          'phases:',
          '  - id: poc',
          '    title: PoC',
          '    gate:',
          '      - { id: a, run: make, timeout: 0 }',
          '      - { id: b, doc: x.md, colour: red }',
          '',
        ].join('\n'),
      ),
    );
    const result = await runLepton(['validate'], { cwd: dir });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/invalid manifest \(3 problems\): lepton\.yaml:2:/);
    expect(result.stderr).toMatch(/^ {2}lepton\.yaml:8:\d+: phases\[0\]\.gate\[0\]\.timeout/m);
    expect(result.stderr).toMatch(/^ {2}lepton\.yaml:9:\d+: phases\[0\]\.gate\[1\]\.colour: unknown key/m);
  });

  it('prints the stack only with LEPTON_DEBUG=1', async () => {
    const dir = await projectWith('debug', (target) => copyFile(path.join(FIXTURES, 'bad-preset.yaml'), path.join(target, 'lepton.yaml')));
    const result = await runLepton(['validate'], { cwd: dir, env: { LEPTON_DEBUG: '1' } });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^\s+at /m);
  });
});
