// `verify` catches a ledger edited by hand, a line removed, `phase:` changed without advance, forged
// sign-offs; `gate --completed` fails for a phase never earned or whose checks no longer hold.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { appendedText, chainEntry, parseLedger } from '../../src/lifecycle/ledger.js';
import { verifyProject } from '../../src/lifecycle/verify.js';
import { loadProject } from '../../src/lifecycle/project.js';
import type { TempRepo } from '../helpers/git-repo.js';
import { ADA, GRACE, MALLORY, commitAs, createProject, lepton, readLedgerLines, readManifestText } from '../helpers/lifecycle-project.js';
import { manifestYaml } from '../helpers/manifest.js';

const MANIFEST = manifestYaml({
  name: 'tamper',
  phases: [
    {
      id: 'poc',
      title: 'Proof of concept',
      gate: [
        { id: 'prototype-exists', file: 'src/*.py' },
        { id: 'go-decision', approval: { roles: ['product-owner'] } },
      ],
    },
    { id: 'design', title: 'Design', gate: [{ id: 'design-notes', file: 'docs/design.md' }] },
    { id: 'develop', title: 'Development', gate: [{ id: 'release-ok', approval: { roles: ['product-owner'] } }] },
    { id: 'test', title: 'Testing' },
  ],
});

describe('tampering', () => {
  let repo: TempRepo;
  let base: string;
  const ledgerFile = () => path.join(repo.dir, '.lepton/ledger.jsonl');

  beforeAll(async () => {
    repo = await createProject(MANIFEST, { 'src/model.py': 'print(1)\n', 'docs/design.md': '# Design\n' });
    for (const [args, as] of [
      [['approve', 'go-decision', '--note', 'ok'], GRACE],
      [['advance'], ADA],
      [['advance'], ADA],
    ] as const) {
      const result = await lepton(repo, [...args], { as });
      expect(result.exitCode, result.stderr).toBe(0);
      await commitAs(repo, as, args.join(' '));
    }
    base = (await repo.git('rev-parse', 'HEAD')).trim();
    expect(await verifies(true)).toBe(true);
  });
  afterEach(async () => {
    await repo.git('reset', '-q', '--hard', base);
    await repo.git('clean', '-fdq');
  });
  afterAll(async () => repo.cleanup());

  /** In-process, against the real repository: the CLI's output is checked where it matters. */
  async function verifies(strict = false): Promise<boolean> {
    return (await verifyProject(await loadProject({ cwd: repo.dir }), { strict })).ok;
  }

  async function editLedger(edit: (lines: string[]) => string[]) {
    await writeFile(ledgerFile(), `${edit(await readLedgerLines(repo)).join('\n')}\n`);
  }

  async function setPhase(phase: string) {
    await writeFile(path.join(repo.dir, 'lepton.yaml'), (await readManifestText(repo)).replace(/^phase: \S+/m, `phase: ${phase}`));
  }

  it('names a line edited by hand', async () => {
    await editLedger((lines) => lines.map((line, index) => (index === 0 ? line.replace('"note":"ok"', '"note":"fine"') : line)));
    const result = await lepton(repo, ['verify']);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('entry #1: its hash does not match its content');
  });

  it('names the gap a removed line leaves', async () => {
    await editLedger((lines) => lines.filter((_, index) => index !== 1));
    const result = await lepton(repo, ['verify', '--format', 'json']);
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ ok: false, entries: 2, project: 'tamper', phase: 'develop' });
    expect(report.problems[0]).toMatchObject({ seq: 2, check: 'chain' });
    expect(report.problems[0].message).toContain('entry #2 is missing');
  });

  it('catches the last line removed: phase: no longer matches', async () => {
    await editLedger((lines) => lines.slice(0, -1));
    const result = await lepton(repo, ['verify']);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('lepton.yaml says phase: develop, but the ledger (entry #2) put the project in design');
  });

  it('catches phase: changed without advance, and gate --completed and advance refuse it', async () => {
    await setPhase('test');
    const verify = await lepton(repo, ['verify']);
    expect(verify.exitCode).toBe(1);
    expect(verify.stdout).toContain('phase: test');
    const completed = await lepton(repo, ['gate', '--completed']);
    expect(completed.exitCode).toBe(1);
    expect(completed.stderr).toContain('develop never passed through `lepton advance`');
    const advance = await lepton(repo, ['advance']);
    expect(advance.exitCode).toBe(2);
    // One wording of the same fact, whoever reports it.
    const fact = 'lepton.yaml says phase: test, but the ledger (entry #3) put the project in develop: phase: was changed without `lepton advance`';
    for (const output of [verify.stdout, completed.stderr, advance.stderr]) expect(output).toContain(fact);
  });

  it('accepts no ledger only while phase: is the first phase', async () => {
    await rm(ledgerFile());
    const result = await lepton(repo, ['verify']);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('there is no ledger');
    await setPhase('poc');
    // Uncommitted, the removal is a loss against HEAD's ledger (entries cut off the end).
    expect((await lepton(repo, ['verify'])).stdout).toContain('of the committed ledger (HEAD) is missing from the ledger');
    await commitAs(repo, ADA, 'no ledger');
    expect(await verifies()).toBe(true);
  });

  it('catches a well-hashed sign-off by someone who is not an owner', async () => {
    const text = (await readLedgerLines(repo)).join('\n');
    const entries = parseLedger(text);
    const forged = chainEntry(
      entries.at(-1),
      { event: 'approve', phase: 'develop', checkId: 'release-ok', roles: ['product-owner'] },
      { actor: MALLORY, commit: null, time: new Date() },
    );
    await writeFile(ledgerFile(), appendedText(text, forged));
    const result = await lepton(repo, ['verify']);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('entry #4 (approve): Mallory Intruder <mallory@example.com> is not an owner');
    const gate = JSON.parse((await lepton(repo, ['gate', '--format', 'json'])).stdout);
    expect(gate.checks[0]).toMatchObject({ id: 'release-ok', status: 'fail' });
  });

  it('--strict catches a sign-off committed by someone other than the approver it names', async () => {
    const approve = await lepton(repo, ['approve', 'release-ok'], { as: GRACE });
    expect(approve.exitCode).toBe(0);
    await commitAs(repo, ADA, "sign-off on Grace's behalf");
    expect(await verifies()).toBe(true);
    const strict = await lepton(repo, ['verify', '--strict']);
    expect(strict.exitCode).toBe(1);
    expect(strict.stdout).toMatch(
      /entry #4 \(approve\) names Grace Hopper <grace@example\.com>, but commit [0-9a-f]{7} that added it was authored by Ada Lovelace <ada@example\.com>/,
    );
  });

  it('--strict catches a committed history rewrite that the chain alone cannot see', async () => {
    await editLedger((lines) => lines.slice(0, -1));
    await setPhase('design');
    await commitAs(repo, ADA, 'quietly go back');
    expect(await verifies()).toBe(true);
    const strict = await lepton(repo, ['verify', '--strict']);
    expect(strict.exitCode).toBe(1);
    expect(strict.stdout).toContain('removed or changed ledger entry #3: the ledger is append-only');
  });

  it('gate --completed fails when a passed phase no longer holds', async () => {
    expect((await lepton(repo, ['gate', '--completed'])).exitCode).toBe(0);
    await rm(path.join(repo.dir, 'src/model.py'));
    const result = await lepton(repo, ['gate', '--completed', '--format', 'json']);
    expect(result.exitCode).toBe(1);
    const checks = JSON.parse(result.stdout).checks;
    expect(checks.map((check: { id: string; status: string }) => [check.id, check.status])).toEqual([
      ['prototype-exists', 'fail'],
      ['go-decision', 'pass'],
      ['design-notes', 'pass'],
    ]);
  });
});
