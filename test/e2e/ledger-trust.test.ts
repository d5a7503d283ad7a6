// Nothing is built on a ledger edited by hand: gate and approve refuse it, verify names the break;
// a backdated entry is a break; a manifest saved with a byte-order mark works like any other.
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chainEntry, parseLedger } from '../../src/lifecycle/ledger.js';
import { runLepton } from '../helpers/cli.js';
import { createTempRepo, type TempRepo } from '../helpers/git-repo.js';

const MANIFEST = `version: 1
project:
  name: trust
  owners: [{ name: Ada Lovelace, email: ada@example.com, roles: [product-owner] }]
phase: poc
phases:
  - id: poc
    title: PoC
    gate:
      - { id: go-decision, approval: { roles: [product-owner] } }
  - { id: design, title: Design }
`;

let repo: TempRepo;
let ledger: string;
beforeEach(async () => {
  repo = await createTempRepo({ files: { 'lepton.yaml': MANIFEST } });
  ledger = path.join(repo.dir, '.lepton/ledger.jsonl');
});
afterEach(() => repo.cleanup());

describe('a ledger edited by hand', () => {
  it('is refused by gate and approve, and reported by verify', async () => {
    expect((await runLepton(['approve', 'go-decision'], { cwd: repo.dir })).exitCode).toBe(0);
    const [entry] = parseLedger(await readFile(ledger, 'utf8'));
    // A forged sign-off: plausible JSON, but its hash does not chain.
    await writeFile(ledger, `${JSON.stringify(entry)}\n${JSON.stringify({ ...entry, seq: 2, prev: entry!.hash, actor: { name: 'Forged', email: 'x@example.com' } })}\n`);

    const gate = await runLepton(['gate'], { cwd: repo.dir });
    expect(gate.exitCode).toBe(1);
    expect(gate.stderr).toMatch(/ledger\.jsonl cannot be trusted: entry #2: its hash does not match its content/);
    expect(gate.stdout).toBe('');
    expect((await runLepton(['advance'], { cwd: repo.dir })).exitCode).toBe(1);
    const verify = await runLepton(['verify'], { cwd: repo.dir });
    expect(verify.exitCode).toBe(1);
    expect(verify.stdout + verify.stderr).toMatch(/entry #2/);
  });

  it('catches an entry dated before the one it follows', async () => {
    expect((await runLepton(['approve', 'go-decision'], { cwd: repo.dir })).exitCode).toBe(0);
    const [first] = parseLedger(await readFile(ledger, 'utf8'));
    const backdated = chainEntry(
      first,
      { event: 'waive', checkId: 'go-decision', reason: 'r', until: '2099-01-01' },
      {
        actor: { name: 'Ada Lovelace', email: 'ada@example.com' },
        commit: null,
        time: new Date(Date.parse(first!.time) - 86_400_000),
      },
    );
    await writeFile(ledger, `${JSON.stringify(first)}\n${JSON.stringify(backdated)}\n`);
    const verify = await runLepton(['verify'], { cwd: repo.dir });
    expect(verify.exitCode).toBe(1);
    expect(verify.stdout + verify.stderr).toMatch(/entry #2: is dated .* before entry #1/);
  });
});

describe('the cache of checked ledger lines (.lepton/cache/ledger.json)', () => {
  const cacheFile = () => path.join(repo.dir, '.lepton/cache/ledger.json');

  it('holds the lines lepton wrote or checked, and never excuses a line edited since', async () => {
    expect((await runLepton(['approve', 'go-decision'], { cwd: repo.dir })).exitCode).toBe(0);
    const lines = (await readFile(ledger, 'utf8')).split('\n').filter(Boolean);
    expect(JSON.parse(await readFile(cacheFile(), 'utf8')).data).toEqual(lines);
    // The same entry with another actor: its hash no longer matches, whatever the cache holds.
    const edited = lines.map((line) => line.replace('"Ada Lovelace"', '"Someone Else"'));
    await writeFile(ledger, `${edited.join('\n')}\n`);
    const gate = await runLepton(['gate'], { cwd: repo.dir });
    expect(gate.exitCode).toBe(1);
    expect(gate.stderr).toMatch(/cannot be trusted: entry #\d+: its hash does not match its content/);
  });

  it('still checks order and links: a cached line moved or dropped breaks the chain', async () => {
    expect((await runLepton(['approve', 'go-decision'], { cwd: repo.dir })).exitCode).toBe(0);
    expect((await runLepton(['advance'], { cwd: repo.dir })).exitCode).toBe(0);
    const lines = (await readFile(ledger, 'utf8')).split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(1);
    await writeFile(ledger, `${lines.slice(1).join('\n')}\n`);
    const dropped = await runLepton(['verify'], { cwd: repo.dir });
    expect(dropped.exitCode).toBe(1);
    expect(dropped.stdout + dropped.stderr).toMatch(/entry #1: has seq 2/);
    await writeFile(ledger, `${[...lines].reverse().join('\n')}\n`);
    const moved = await runLepton(['gate'], { cwd: repo.dir });
    expect(moved.exitCode).toBe(1);
    expect(moved.stderr).toMatch(/cannot be trusted: entry #1: has seq \d+/);
  });

  it('is hashed in full by verify --strict, which trusts no cache', async () => {
    expect((await runLepton(['approve', 'go-decision'], { cwd: repo.dir })).exitCode).toBe(0);
    const [line] = (await readFile(ledger, 'utf8')).split('\n').filter(Boolean);
    const forged = line!.replace('"Ada Lovelace"', '"Someone Else"');
    await writeFile(ledger, `${forged}\n`);
    // Only someone who can write the local cache can list a line there; lepton's own reads then trust it...
    const cached = JSON.parse(await readFile(cacheFile(), 'utf8'));
    await writeFile(cacheFile(), JSON.stringify({ ...cached, data: [forged] }));
    expect((await runLepton(['verify'], { cwd: repo.dir })).exitCode).toBe(0);
    // ...but the audit does not.
    const strict = await runLepton(['verify', '--strict'], { cwd: repo.dir });
    expect(strict.exitCode).toBe(1);
    expect(strict.stdout + strict.stderr).toMatch(/entry #1: its hash does not match its content/);
  });

  it('lets a gate on an unchanged ledger run without loading node:crypto', async () => {
    expect((await runLepton(['approve', 'go-decision'], { cwd: repo.dir })).exitCode).toBe(0);
    const probe = path.join(repo.dir, 'probe.cjs');
    await writeFile(probe, "process.on('exit', () => process.stderr.write(`crypto loaded: ${process.moduleLoadList.some((name) => name === 'NativeModule crypto')}\\n`));\n");
    const gate = await runLepton(['gate'], { cwd: repo.dir, env: { NODE_OPTIONS: `--require ${probe}` } });
    expect(gate.exitCode).toBe(0);
    expect(gate.stderr).toContain('crypto loaded: false');
    await rm(cacheFile());
    const uncached = await runLepton(['gate'], { cwd: repo.dir, env: { NODE_OPTIONS: `--require ${probe}` } });
    expect(uncached.stderr).toContain('crypto loaded: true');
  });
});

it('treats a manifest saved with a byte-order mark like any other, and keeps the mark', async () => {
  await writeFile(path.join(repo.dir, 'lepton.yaml'), `\uFEFF${MANIFEST}`);
  expect((await runLepton(['approve', 'go-decision'], { cwd: repo.dir })).exitCode).toBe(0);
  const advanced = await runLepton(['advance'], { cwd: repo.dir });
  expect(advanced.exitCode, advanced.stderr).toBe(0);
  const text = await readFile(path.join(repo.dir, 'lepton.yaml'), 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  expect(text).toContain('phase: design');
  expect((await runLepton(['verify'], { cwd: repo.dir })).exitCode).toBe(0);
});
