// `lepton report` through the built CLI, without a browser: where it writes, what it refuses, and
// a page that holds no script and names no address it could fetch.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLepton } from '../helpers/cli.js';
import { createTempRepo, makeTempDir, type TempRepo } from '../helpers/git-repo.js';

const MANIFEST = `version: 1
project: { name: "<b>churn</b>", description: "A & B" }
phase: poc
phases:
  - id: poc
    title: Proof of concept
    gate:
      - { id: code, file: "src/*.py", hint: "write <script>alert(1)</script>" }
`;

let repo: TempRepo;
beforeAll(async () => {
  repo = await createTempRepo({ files: { 'lepton.yaml': MANIFEST } });
});
afterAll(() => repo.cleanup());

describe('lepton report', () => {
  it('writes lepton-report.html: no script, nothing to fetch, project text escaped', async () => {
    const result = await runLepton(['report'], { cwd: repo.dir });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toBe('lepton-report.html\n');
    const html = await readFile(path.join(repo.dir, 'lepton-report.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('Content-Security-Policy');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;b&gt;churn&lt;/b&gt;');
    // The only URL is the SVG namespace, which is a name, not a request.
    const urls = [...html.matchAll(/(?:https?:)?\/\/[^\s"'<>)]+/g)].map((match) => match[0]).filter((url) => url !== 'http://www.w3.org/2000/svg');
    expect(urls).toEqual([]);
    expect(html).not.toMatch(/\b(?:src|href)="(?!#)/);
  });

  it('writes to stdout with --out -, and elsewhere with --out FILE', async () => {
    const stdout = await runLepton(['report', '--out', '-'], { cwd: repo.dir });
    expect(stdout.stdout).toMatch(/^<!doctype html>[\s\S]*<\/html>\n$/);
    const elsewhere = await runLepton(['report', '--out', 'reports/page.html', '-q'], { cwd: repo.dir });
    expect(elsewhere.exitCode, elsewhere.stderr).toBe(0);
    expect(elsewhere.stderr).toBe('');
    expect(await readFile(path.join(repo.dir, 'reports/page.html'), 'utf8')).toContain('<meta name="generator" content="lepton">');
  });

  it('replaces its own report but not a file someone else wrote, unless --force', async () => {
    await writeFile(path.join(repo.dir, 'notes.html'), '<p>mine</p>');
    const refused = await runLepton(['report', '--out', 'notes.html'], { cwd: repo.dir });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('notes.html exists and is not a lepton report');
    expect(await readFile(path.join(repo.dir, 'notes.html'), 'utf8')).toBe('<p>mine</p>');
    expect((await runLepton(['report', '--out', 'notes.html', '--force'], { cwd: repo.dir })).exitCode).toBe(0);
    expect((await runLepton(['report', '--out', 'notes.html'], { cwd: repo.dir })).exitCode).toBe(0);
  });

  it('exits 2 where there is no project', async () => {
    const empty = await makeTempDir();
    expect((await runLepton(['report'], { cwd: empty })).exitCode).toBe(2);
    expect((await runLepton(['report', '--all'], { cwd: empty })).exitCode).toBe(2);
  });
});
