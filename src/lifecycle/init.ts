// The writing half of `lepton init`: checks everything first, then writes the manifest, the
// schema, the first phase's documents and the ledger's first entry; undoes it all on failure.
import { readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { InterruptedError, LeptonError, usageError } from '../errors.js';
import { makeDirectory, pathExists, writeFileAtomic } from '../fs.js';
import { MANIFEST_NAME, invalidManifestError, parseManifest } from '../manifest/load.js';
import { manifestJsonSchema, type Manifest } from '../manifest/schema.js';
import type { InitAnswers } from '../templates/answers.js';
import { documentPath, renderTemplates } from '../templates/generate.js';
import { recordPath } from '../rendered-record.js';
import { SCHEMA_FILE, manifestText } from '../templates/scaffold.js';
import { LEDGER_PATH, LEPTON_GITIGNORE, LEPTON_GITIGNORE_TEXT, parseLedger, readLedgerText } from './ledger.js';

export interface InitOptions {
  force?: boolean;
  now?: Date;
  /** Aborted on Ctrl-C: what was written so far is removed again. */
  signal?: AbortSignal;
}

export interface WrittenFile {
  file: string;
  status: 'created' | 'overwritten' | 'updated' | 'kept';
}

export interface InitResult {
  root: string;
  manifest: Manifest;
  createdFolder: boolean;
  initializedGit: boolean;
  files: WrittenFile[];
}

/** The files init would replace, checked before any question is asked and again before writing. */
export async function refuseOverwrite(root: string, manifest: Pick<Manifest, 'phases'> | undefined, force: boolean | undefined): Promise<void> {
  const info = await stat(root).catch(() => undefined);
  if (info && !info.isDirectory()) throw usageError(`${root} exists and is not a folder`, 'pass the folder to create the project in');
  // The ledger is history: init keeps it, and refuses once the project has moved on.
  const moved = parseLedger(await readLedgerText(root)).find((entry) => ['advance', 'reopen', 'terminate'].includes(entry.event));
  if (moved) {
    throw usageError(
      `this project has moved through its lifecycle (${LEDGER_PATH} entry #${moved.seq}: ${moved.event}); init would contradict its ledger`,
      'init never rewrites a ledger; `lepton generate` re-renders documents',
      undefined,
      'ledger-moved',
    );
  }
  if (force) return;
  const documents = manifest ? manifest.phases[0]!.templates.map((name) => documentPath(name)) : [documentPath('poc-plan')];
  for (const file of [MANIFEST_NAME, ...documents]) {
    if (await pathExists(path.join(root, file))) {
      throw usageError(`${file} already exists in ${root}; not overwriting it`, 'run `lepton init` in another folder, or let it overwrite', undefined, 'file-exists');
    }
  }
}

/** The manifest for the answers, parsed back exactly as `lepton validate` would. */
export async function scaffoldManifest(root: string, answers: InitAnswers): Promise<{ text: string; manifest: Manifest }> {
  const text = manifestText(answers);
  const parsed = await parseManifest(new TextEncoder().encode(text), root);
  if (!parsed.manifest) throw invalidManifestError(MANIFEST_NAME, parsed.problems);
  return { text, manifest: parsed.manifest };
}

/** Records what init changed so a failure or Ctrl-C can put everything back. */
class Undo {
  private readonly steps: (() => Promise<void>)[] = [];

  async createdFolder(dir: string): Promise<boolean> {
    const top = await firstMissingAncestor(dir);
    await makeDirectory(dir).catch((error: Error) => {
      throw new LeptonError(`cannot create the folder ${dir}: ${error.message}`, { hint: 'give a folder you can write to', cause: error });
    });
    if (top) this.steps.push(() => rm(top, { recursive: true, force: true }));
    return top !== undefined;
  }

  async willWrite(file: string): Promise<string | undefined> {
    const previous = await readFile(file, 'utf8').catch(() => undefined);
    const top = await firstMissingAncestor(path.dirname(file));
    this.steps.push(async () => {
      if (previous === undefined) await rm(file, { force: true });
      else await writeFileAtomic(file, previous);
      if (top) await rm(top, { recursive: true, force: true });
    });
    return previous;
  }

  add(step: () => Promise<void>): void {
    this.steps.push(step);
  }

  async run(): Promise<void> {
    for (const step of this.steps.reverse()) await step().catch(() => undefined);
  }
}

async function firstMissingAncestor(dir: string): Promise<string | undefined> {
  let missing: string | undefined;
  for (let current = path.resolve(dir); !(await pathExists(current)); current = path.dirname(current)) {
    missing = current;
    if (path.dirname(current) === current) break;
  }
  return missing;
}

export async function initProject(root: string, answers: InitAnswers, options: InitOptions = {}): Promise<InitResult> {
  const { text, manifest } = await scaffoldManifest(root, answers);
  await refuseOverwrite(root, manifest, options.force);
  const undo = new Undo();
  const files: WrittenFile[] = [];
  const checkpoint = () => {
    if (options.signal?.aborted) throw new InterruptedError();
  };
  try {
    const createdFolder = await undo.createdFolder(root);
    const git = await import('../git/git.js');
    const initializedGit = !(await git.isRepository(root));
    if (initializedGit) {
      await git.initRepository(root);
      if (!createdFolder) undo.add(() => rm(path.join(root, '.git'), { recursive: true, force: true }));
    }
    checkpoint();

    const documents = manifest.phases[0]!.templates.map((name) => documentPath(name));
    for (const file of documents) {
      await undo.willWrite(path.join(root, file));
      await undo.willWrite(path.join(root, recordPath(file)));
    }
    const rendered = await renderTemplates({ manifest, root }, manifest.phases[0]!.templates, { force: options.force, now: options.now });
    files.push(...rendered.map((document) => ({ file: document.file, status: document.status })));
    checkpoint();

    files.push(await writeTracked(undo, root, MANIFEST_NAME, text));
    files.push(await writeTracked(undo, root, SCHEMA_FILE, `${JSON.stringify(manifestJsonSchema(), null, 2)}\n`));
    // Inside .lepton/: commit the ledger, the schema and the project's templates; not the lock, journal or cache.
    // The project's own .gitignore is left alone.
    if (!(await pathExists(path.join(root, LEPTON_GITIGNORE)))) await writeTracked(undo, root, LEPTON_GITIGNORE, LEPTON_GITIGNORE_TEXT);
    checkpoint();

    // A project re-initialised with --force keeps its ledger, and its one init entry.
    if (!(await pathExists(path.join(root, LEDGER_PATH)))) {
      const { appendLedgerEntry } = await import('./ledger.js');
      await undo.willWrite(path.join(root, LEDGER_PATH));
      // An owner given a key signs even the first entry (LEPTON_SIGNING_KEY or git's user.signingkey).
      const { ownerByEmail } = await import('./state.js');
      await appendLedgerEntry(root, { event: 'init', to: manifest.phases[0]!.id }, { now: options.now, keyOf: (actor) => ownerByEmail(manifest, actor.email)?.key });
      files.push({ file: LEDGER_PATH, status: 'created' });
    }
    // Parallel sign-offs in two clones merge through lepton's driver instead of conflicting.
    const hadAttributes = await pathExists(path.join(root, '.gitattributes'));
    await undo.willWrite(path.join(root, '.gitattributes'));
    const { registerLedgerMergeDriver } = await import('../git/merge-driver.js');
    const { attributesChanged } = await registerLedgerMergeDriver(root);
    if (attributesChanged) files.push({ file: '.gitattributes', status: hadAttributes ? 'updated' : 'created' });
    checkpoint();
    const rank = (file: WrittenFile) => (file.file === MANIFEST_NAME ? 0 : file.file.startsWith('docs/') ? 1 : 2);
    return { root, manifest, createdFolder, initializedGit, files: files.sort((left, right) => rank(left) - rank(right)) };
  } catch (error) {
    await undo.run();
    throw error;
  }
}

async function writeTracked(undo: Undo, root: string, file: string, content: string): Promise<WrittenFile> {
  const previous = await undo.willWrite(path.join(root, file));
  await writeFileAtomic(path.join(root, file), content);
  return { file, status: previous === undefined ? 'created' : 'overwritten' };
}
