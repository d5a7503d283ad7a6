// `file: glob | [globs]`: every pattern matches at least one non-empty file inside the project.
import type { CheckOf } from '../../manifest/schema.js';
import type { CheckContext, CheckModule, CheckOutcome, Problem } from '../types.js';
import { fileSize, hashFiles, plural } from './files.js';
import { matchFiles } from './glob.js';

function patternsOf(check: CheckOf<'file'>): string[] {
  return typeof check.file === 'string' ? [check.file] : check.file;
}

async function evaluate(check: CheckOf<'file'>, context: CheckContext): Promise<CheckOutcome> {
  const patterns = patternsOf(check);
  const problems: Problem[] = [];
  const matched = new Set<string>();
  for (const pattern of patterns) {
    const files = await matchFiles(context.root, pattern, context.signal);
    const sizes = await Promise.all(files.map((file) => fileSize(context.root, file)));
    const nonEmpty = files.filter((_, index) => (sizes[index] ?? 0) > 0);
    if (files.length === 0) {
      problems.push({ message: `no file matches "${pattern}"` });
    } else if (nonEmpty.length === 0) {
      problems.push({ message: `"${pattern}" matches only empty files: ${listed(files)}` });
    }
    for (const file of nonEmpty) matched.add(file);
  }
  const files = [...matched].sort();
  // Hashing every matched file costs: only when the evidence is gathered (advance, JSON).
  const evidence = context.evidence ? { files: await hashFiles(context.root, files) } : undefined;
  const values = evidence && { files: evidence.files };
  if (problems.length > 0) {
    const message = problems.length === 1 ? problems[0]!.message : `${plural(problems.length, 'pattern')} of ${patterns.length} match no non-empty file`;
    return { status: 'fail', message, problems, evidence, ...(values && { values }), reads: files };
  }
  return { status: 'pass', message: `${plural(files.length, 'file')} found`, evidence, ...(values && { values }), reads: files };
}

function listed(files: readonly string[]): string {
  const shown = files.slice(0, 5).join(', ');
  return files.length > 5 ? `${shown} and ${files.length - 5} more` : shown;
}

function defaultHint(check: CheckOf<'file'>): string {
  const patterns = patternsOf(check)
    .map((pattern) => `"${pattern}"`)
    .join(', ');
  return `add the missing work so that ${patterns} each match a non-empty file in the project (hidden files, node_modules and .git are not searched)`;
}

export default { evaluate, defaultHint } satisfies CheckModule<'file'>;
