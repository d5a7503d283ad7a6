// `lepton init [dir]`: gathers the answers (flags, an answers file, prompts on a terminal or the
// defaults under --yes), then writes lepton.yaml, the first phase's documents and the ledger's start.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { QUESTION_FLAGS, answersFromFlags, mergeDrafts, unansweredQuestions, withDefaults, type DraftAnswers, type InitAnswers, type InitFlags } from './init-answers.js';
import { readAnswersFile } from './init-answers-file.js';
import { RESULTS_FILE } from '../templates/default-gates.js';
import { initProject, refuseOverwrite } from '../lifecycle/init.js';
import { formatInitResult, initNotes } from '../report/init.js';
import { cannotAsk, noGitIdentity } from './messages.js';
import type { CommandIO, CommandRun } from './types.js';

export interface InitCommandOptions extends InitFlags {
  yes?: boolean;
  answers?: string;
  force?: boolean;
}

export const run: CommandRun<InitCommandOptions> = async ({ args, options, globals, io }) => {
  const root = path.resolve(globals.cwd, (args[0] as string | undefined) ?? '.');
  await refuseOverwrite(root, undefined, options.force);
  const fromFile: DraftAnswers = options.answers ? await readAnswersFile(path.resolve(globals.cwd, options.answers), globals.cwd) : {};
  const draft = mergeDrafts(fromFile, answersFromFlags(options));
  const { userIdentity } = await import('../git/git.js');
  const identity = await userIdentity(await nearestExistingFolder(root));
  if (!identity) throw noGitIdentity();
  const answers = await completeAnswers(draft, options.yes, { name: path.basename(root), owner: identity }, io);
  const result = await initProject(root, answers, { force: options.force, signal: io.signal });
  io.stdout(formatInitResult(result, answers.name, globals.cwd, globals.quiet));
  if (!globals.quiet) for (const note of initNotes(answers, RESULTS_FILE)) io.stderr(note);
  return 0;
};

/** What flags and the file left open: defaulted under --yes, asked on a terminal, else an error naming the flags. */
async function completeAnswers(
  draft: DraftAnswers,
  yes: boolean | undefined,
  defaults: { name: string; owner: { name: string; email: string } },
  io: CommandIO,
): Promise<InitAnswers> {
  const open = unansweredQuestions(draft);
  if (yes || open.length === 0) return withDefaults(draft, defaults);
  if (!io.mode.interactive)
    throw cannotAsk(
      io.mode.ci,
      open.map((question) => QUESTION_FLAGS[question]),
    );
  const { promptAnswers } = await import('./init-prompts.js');
  return promptAnswers(draft, defaults, io.signal);
}

async function nearestExistingFolder(dir: string): Promise<string> {
  for (let current = dir; ; current = path.dirname(current)) {
    if (
      await stat(current).then(
        (info) => info.isDirectory(),
        () => false,
      )
    )
      return current;
    if (path.dirname(current) === current) return current;
  }
}
