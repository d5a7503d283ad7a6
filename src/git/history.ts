// What git history says about one file's lines: which commit (and author) added each line, and
// whether any commit, or the working tree, removed or changed a line. Used by `lepton verify --strict`.
import { gitAt } from './git.js';

export interface LineOrigin {
  commit: string;
  name: string;
  email: string;
  /** Emails of the commit's `Co-authored-by:` trailers (what a squash merge writes), lower-cased. */
  coAuthors: string[];
}

export interface LineHistory {
  /** Each line's text → the first commit that added it. */
  addedBy: Map<string, LineOrigin>;
  /** Lines some commit removed (an append-only file never loses a line), with that commit. */
  removedIn: { line: string; origin: LineOrigin }[];
  /** Lines removed in the working tree or index, not yet committed. */
  removedUncommitted: string[];
}

const COMMIT_MARK = '\u0001';

/** Reads `file` (relative to `dir`) through `git log -p`, oldest commit first. */
export async function lineHistory(dir: string, file: string): Promise<LineHistory> {
  const git = gitAt(dir);
  const log = await git
    .raw([
      'log',
      '-p',
      '--reverse',
      '--no-renames',
      '--no-color',
      '--no-ext-diff',
      '-U0',
      `--format=${COMMIT_MARK}%H%x00%an%x00%ae%x00%(trailers:key=Co-authored-by,valueonly,separator=%x02)`,
      '--',
      file,
    ])
    .catch(() => '');
  const history: LineHistory = { addedBy: new Map(), removedIn: [], removedUncommitted: [] };
  let origin: LineOrigin | undefined;
  for (const line of log.split('\n')) {
    if (line.startsWith(COMMIT_MARK)) {
      const [commit = '', name = '', email = '', trailers = ''] = line.slice(1).split('\0');
      const coAuthors = trailers
        .split('\u0002')
        .map((value) => /<([^>]+)>/.exec(value)?.[1]?.trim().toLowerCase())
        .filter((value): value is string => Boolean(value));
      origin = { commit, name, email, coAuthors };
    } else if (origin && line.startsWith('+') && !line.startsWith('+++ ')) {
      const text = line.slice(1);
      if (!history.addedBy.has(text)) history.addedBy.set(text, origin);
    } else if (origin && line.startsWith('-') && !line.startsWith('--- ')) {
      history.removedIn.push({ line: line.slice(1), origin });
    }
  }
  const hasHead = await git.raw(['rev-parse', '--verify', '--quiet', 'HEAD']).then(
    (sha) => sha.trim() !== '',
    () => false,
  );
  if (hasHead) {
    const diff = await git.raw(['diff', 'HEAD', '--no-color', '--no-ext-diff', '-U0', '--', file]).catch(() => '');
    for (const line of diff.split('\n')) {
      if (line.startsWith('-') && !line.startsWith('--- ')) history.removedUncommitted.push(line.slice(1));
    }
  }
  return history;
}
