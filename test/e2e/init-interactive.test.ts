// `lepton init` on a real pseudo-terminal: the questions are asked and answered with keystrokes
// (arrows and enter for selects), and Ctrl-C at a prompt leaves nothing behind and exits 130.
import { spawn, type IPty } from '@lydell/node-pty';
import { execa } from 'execa';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import YAML from 'yaml';
import { LEPTON_BIN, cleanEnv } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/git-repo.js';
import { initEnv } from '../helpers/init-project.js';

const DOWN = '\x1b[B';
const ENTER = '\r';
const CTRL_C = '\x03';
const BACKSPACE = '\x7f';
/** Only a safety net so a missing prompt fails with the screen shown; waits are otherwise driven by output. */
const STUCK_AFTER_MS = 25_000;
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][A-Z0-9]|\x1b[=>78]/g;

interface Terminal {
  /** Resolves once `text` appears in the output after everything waited for so far. */
  waitFor: (text: string) => Promise<void>;
  type: (keys: string) => void;
  exit: Promise<number>;
  output: () => string;
}

function startTerminal(args: string[], cwd: string, extraEnv: Record<string, string> = {}): Terminal {
  const env = Object.fromEntries(Object.entries(cleanEnv(initEnv({ TERM: 'xterm-256color', ...extraEnv }))).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const pty: IPty = spawn(process.execPath, [LEPTON_BIN, ...args], { name: 'xterm-256color', cols: 160, rows: 50, cwd, env });
  let buffer = '';
  let consumed = 0;
  let waiter: { text: string; resolve: () => void } | undefined;
  const check = () => {
    if (!waiter) return;
    const index = buffer.indexOf(waiter.text, consumed);
    if (index === -1) return;
    consumed = index + waiter.text.length;
    const { resolve } = waiter;
    waiter = undefined;
    resolve();
  };
  pty.onData((data) => {
    buffer += data.replace(ANSI, '');
    check();
  });
  const exit = new Promise<number>((resolve) => pty.onExit(({ exitCode }) => resolve(exitCode)));
  running.push(pty);
  return {
    waitFor: (text) =>
      Promise.race([
        new Promise<void>((resolve, reject) => {
          const stuck = setTimeout(() => reject(new Error(`"${text}" did not appear; output:\n${buffer}`)), STUCK_AFTER_MS);
          waiter = {
            text,
            resolve: () => {
              clearTimeout(stuck);
              resolve();
            },
          };
          check();
        }),
        exit.then((code) => {
          throw new Error(`lepton exited (${code}) before "${text}" appeared; output:\n${buffer}`);
        }),
      ]),
    type: (keys) => pty.write(keys),
    exit,
    output: () => buffer,
  };
}

const running: IPty[] = [];
let dir: string;
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  for (const pty of running.splice(0)) pty.kill();
  await rm(dir, { recursive: true, force: true });
});

async function answer(terminal: Terminal, prompt: string, keys: string): Promise<void> {
  await terminal.waitFor(prompt);
  terminal.type(keys);
}

test('asks every question and writes the answers into lepton.yaml', async () => {
  // Ada gives her key at its prompt, so init's first entry (hers) is signed with it.
  await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'ada@example.com', '-f', path.join(dir, 'ada')]);
  const adaKey = (await readFile(path.join(dir, 'ada.pub'), 'utf8')).trim();
  const terminal = startTerminal(['init', 'demo'], dir, { LEPTON_SIGNING_KEY: path.join(dir, 'ada') });
  await answer(terminal, 'Project name', ENTER);
  await answer(terminal, 'Description', `Answers support questions from the handbook${ENTER}`);
  await answer(terminal, 'Kind of AI project', `${DOWN}${ENTER}`);
  await answer(terminal, 'Industry', `${DOWN}${ENTER}`);
  await answer(terminal, 'Language of the documents', ENTER);
  await answer(terminal, 'Owner (Name <email>)', ENTER);
  await answer(terminal, 'Roles of Ada Lovelace', ENTER);
  // owners[].key: a key line that is not one is refused at its prompt; the path of a .pub file is read.
  await answer(terminal, 'SSH public key of Ada Lovelace', `ssh-ed25519 AAAAnot-a-key${ENTER}`);
  await answer(terminal, 'is not a public key', `${BACKSPACE.repeat('ssh-ed25519 AAAAnot-a-key'.length)}${path.join(dir, 'ada.pub')}${ENTER}`);
  await answer(terminal, 'Add another owner?', `y${ENTER}`);
  await answer(terminal, 'Next owner (Name <email>)', `Grace Hopper <grace@example.com>${ENTER}`);
  await answer(terminal, 'Roles of Grace Hopper', ENTER);
  await answer(terminal, 'SSH public key of Grace Hopper', ENTER);
  await answer(terminal, 'Add another owner?', ENTER);
  await answer(terminal, 'Success metric with threshold', `groundedness=0.9${ENTER}`);
  // An invalid metric is explained and may be corrected in place.
  await answer(terminal, 'expected NAME OP NUMBER', `${BACKSPACE.repeat(4)}>=0.9${ENTER}`);
  await answer(terminal, 'Another success metric', `hallucination_rate <= 0.02${ENTER}`);
  await answer(terminal, 'Another success metric', ENTER);
  await answer(terminal, 'Deployment strategy', `${DOWN}${DOWN}${ENTER}`);
  await terminal.waitFor('Next steps:');
  expect(await terminal.exit, terminal.output()).toBe(0);

  const manifest = YAML.parse(await readFile(path.join(dir, 'demo/lepton.yaml'), 'utf8'));
  expect(manifest.project).toEqual({
    name: 'demo',
    description: 'Answers support questions from the handbook',
    preset: 'llm-app',
    domain: 'finance',
    language: 'en',
    strategy: 'canary',
    owners: [
      { name: 'Ada Lovelace', email: 'ada@example.com', roles: ['tech-lead'], key: adaKey },
      { name: 'Grace Hopper', email: 'grace@example.com', roles: ['product-owner'] },
    ],
  });
  const poc = manifest.phases[0].gate;
  expect(poc.filter((check: object) => 'metric' in check).map((check: { metric: { checks: unknown[] } }) => check.metric.checks[0])).toEqual([
    { path: 'groundedness', op: '>=', value: 0.9 },
    { path: 'hallucination_rate', op: '<=', value: 0.02 },
  ]);
  expect(poc).toContainEqual({ id: 'go-decision', approval: { roles: ['product-owner'] } });
  expect(await readFile(path.join(dir, 'demo/docs/poc-plan.md'), 'utf8')).toContain('Answers support questions from the handbook');
});

test('a metric given twice is refused at its prompt, and every answer is kept', async () => {
  const terminal = startTerminal(
    [
      'init',
      'demo',
      '--name',
      'given',
      '--description',
      'x',
      '--preset',
      'ml-model',
      '--domain',
      'general',
      '--lang',
      'en',
      '--owner',
      'Ada Lovelace <ada@example.com>',
      '--role',
      'tech-lead',
    ],
    dir,
  );
  await answer(terminal, 'Success metric with threshold', `accuracy>=0.8${ENTER}`);
  await answer(terminal, 'Another success metric', `accuracy >= 0.9${ENTER}`);
  await answer(terminal, '"accuracy >=" is given already', `${BACKSPACE.repeat('accuracy >= 0.9'.length)}f1 >= 0.7${ENTER}`);
  await terminal.waitFor('✔ Another success metric (empty when done) f1 >= 0.7');
  await answer(terminal, 'Another success metric', ENTER);
  await answer(terminal, 'Deployment strategy', ENTER);
  expect(await terminal.exit, terminal.output()).toBe(0);
  const manifest = YAML.parse(await readFile(path.join(dir, 'demo/lepton.yaml'), 'utf8'));
  expect(manifest.phases[0].gate.filter((check: object) => 'metric' in check).map((check: { metric: { checks: unknown[] } }) => check.metric.checks[0])).toEqual([
    { path: 'accuracy', op: '>=', value: 0.8 },
    { path: 'f1', op: '>=', value: 0.7 },
  ]);
});

test('an owner email given already (in any case) is refused at its prompt and asked again', async () => {
  const terminal = startTerminal(
    ['init', 'demo', '--name', 'given', '--description', 'x', '--preset', 'ml-model', '--domain', 'general', '--lang', 'en', '--metric', 'accuracy>=0.8', '--strategy', 'rolling'],
    dir,
  );
  await answer(terminal, 'Owner (Name <email>)', ENTER);
  await answer(terminal, 'Roles of Ada Lovelace', ENTER);
  await answer(terminal, 'SSH public key of Ada Lovelace', ENTER);
  await answer(terminal, 'Add another owner?', `y${ENTER}`);
  const impostor = 'Ada Impostor <ADA@Example.com>';
  await answer(terminal, 'Next owner (Name <email>)', `${impostor}${ENTER}`);
  await answer(terminal, 'ADA@Example.com is the email of Ada Lovelace already', `${BACKSPACE.repeat(impostor.length)}Grace Hopper <grace@example.com>${ENTER}`);
  await answer(terminal, 'Roles of Grace Hopper', ENTER);
  await answer(terminal, 'SSH public key of Grace Hopper', ENTER);
  await answer(terminal, 'Add another owner?', ENTER);
  expect(await terminal.exit, terminal.output()).toBe(0);
  const manifest = YAML.parse(await readFile(path.join(dir, 'demo/lepton.yaml'), 'utf8'));
  expect(manifest.project.owners.map((owner: { email: string }) => owner.email)).toEqual(['ada@example.com', 'grace@example.com']);
});

test('flags given are not asked again', async () => {
  const terminal = startTerminal(
    [
      'init',
      'demo',
      '--name',
      'given',
      '--description',
      'x',
      '--preset',
      'ml-model',
      '--domain',
      'retail',
      '--lang',
      'zh-CN',
      '--owner',
      'Ada Lovelace <ada@example.com>',
      '--metric',
      'accuracy>=0.8',
    ],
    dir,
  );
  await answer(terminal, 'Roles of Ada Lovelace', `product-owner, tech-lead${ENTER}`);
  await answer(terminal, 'Deployment strategy', ENTER);
  expect(await terminal.exit, terminal.output()).toBe(0);
  expect(terminal.output()).not.toMatch(/Project name|Industry|Success metric/);
  const manifest = YAML.parse(await readFile(path.join(dir, 'demo/lepton.yaml'), 'utf8'));
  expect(manifest.project).toMatchObject({ name: 'given', domain: 'retail', language: 'zh-CN', strategy: 'rolling' });
  expect(manifest.project.owners[0].roles).toEqual(['product-owner', 'tech-lead']);
});

test('Ctrl-C at a prompt exits 130 and leaves nothing behind', async () => {
  const terminal = startTerminal(['init', 'fresh/demo'], dir);
  await answer(terminal, 'Project name', ENTER);
  await answer(terminal, 'Description', `half an answer${ENTER}`);
  await answer(terminal, 'Kind of AI project', ENTER);
  await answer(terminal, 'Industry', CTRL_C);
  expect(await terminal.exit).toBe(130);
  expect(terminal.output()).toContain('lepton: interrupted');
  expect(await readdir(dir)).toEqual([]);
});
