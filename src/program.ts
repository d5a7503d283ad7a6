// Declares lepton's commands with commander. Each command's module is imported only when it runs.
// The commands hooks and CI run on every push are also parsed by fast-path.ts, without commander.
import { Command, InvalidArgumentError, Option } from 'commander';
import path from 'node:path';
import type { GlobalOptions } from './commands/types.js';
import { FORMATS, GATE_FORMATS, VERSION, globalOptions, parsePositiveInteger, splitIds, type CommandModule } from './fast-path.js';

function examples(lines: string[]): string {
  return `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`;
}

/** The report formats of gate, status and verify; advance and history print pretty or json only. */
function formatOption(choices: readonly string[] = FORMATS): Option {
  return new Option('--format <format>', 'output format (default: pretty, or github inside GitHub Actions)').choices(choices);
}

function positiveInteger(value: string): number {
  const number = parsePositiveInteger(value);
  if (number === undefined) throw new InvalidArgumentError('expected a positive whole number');
  return number;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function idList(value: string, previous: string[] = []): string[] {
  return [...previous, ...splitIds(value)];
}

export type Invoke = (load: () => Promise<CommandModule>, args: unknown[], command: Command) => Promise<void>;

export function buildProgram(invoke: Invoke, output: { writeOut: (text: string) => void; writeErr: (text: string) => void }): Command {
  // Set before any subcommand is added: subcommands inherit these settings.
  const program = new Command('lepton')
    .exitOverride()
    .configureOutput(output)
    .description('Scaffold AI projects and gate them through their lifecycle: poc → design → develop → test → deploy.')
    .version(VERSION, '--version', 'print the version')
    .option('-C, --cwd <dir>', 'run as if started in DIR (lepton.yaml is found from there upwards)')
    .option('--manifest <file>', 'use this manifest instead of searching for lepton.yaml')
    .option('--no-color', 'no colours (also NO_COLOR=1)')
    .option('-q, --quiet', 'print only results and errors')
    .showSuggestionAfterError()
    .showHelpAfterError('hint: add --help for the usage and examples')
    .configureHelp({ sortSubcommands: false })
    .addHelpText('after', examples([
      'lepton init my-model --yes --metric "accuracy>=0.85"',
      'lepton status',
      'lepton gate --format json',
      'lepton advance',
      'lepton gate --completed   # what hooks and CI enforce',
    ]));

  const action = (load: () => Promise<CommandModule>) =>
    (...args: unknown[]) => invoke(load, args.slice(0, -2), args.at(-1) as Command);

  program.command('init').argument('[dir]', 'project folder (created if missing)', '.')
    .description('create lepton.yaml and the first phase\'s documents (asks on a terminal, or takes flags)')
    .option('-y, --yes', 'take defaults for every question not given as a flag; never prompt')
    .option('--name <name>', 'project name (default: the folder\'s name)')
    .option('--description <text>', 'one line on what the project is for')
    .addOption(new Option('--preset <preset>', 'kind of AI project').choices(['ml-model', 'llm-app']))
    .addOption(new Option('--domain <domain>', 'industry').choices(['general', 'finance', 'healthcare', 'retail']))
    .addOption(new Option('--lang <language>', 'language of the documents').choices(['en', 'zh-CN']))
    .option('--owner <owner>', 'owner as "Name <email>" (repeatable)', collect)
    .option('--role <role>', 'role of the matching --owner, e.g. tech-lead (repeatable)', collect)
    .option('--metric <metric>', 'success metric with threshold, e.g. "accuracy>=0.85" (repeatable)', collect)
    .addOption(new Option('--strategy <strategy>', 'deployment strategy').choices(['rolling', 'blue-green', 'canary']))
    .option('--answers <file>', 'read the answers from a YAML file (keys: name, description, preset, domain, lang, owners, metrics, strategy)')
    .option('--force', 'overwrite an existing lepton.yaml and documents')
    .addHelpText('after', examples([
      'lepton init                      # asks on a terminal',
      'lepton init demo --yes --metric "accuracy>=0.85"',
      'lepton init churn --yes --preset ml-model --domain retail --lang zh-CN \\\n      --owner "Ada Lovelace <ada@example.com>" --role tech-lead',
      'lepton init churn --answers answers.yaml   # in CI: every answer from a file',
    ]))
    .action(action(() => import('./commands/init.js')));

  program.command('status')
    .description('the phases, which are done, the current one, its gate at a glance')
    .addOption(formatOption())
    .option('--all', 'every project below the current folder')
    .addHelpText('after', examples(['lepton status', 'lepton status --format json', 'lepton status -C examples/churn-predictor']))
    .action(action(() => import('./commands/status.js')));

  program.command('gate')
    .description('evaluate the current phase\'s exit gate (exit 0 passed, 1 failed)')
    .option('--phase <id>', 'evaluate another phase\'s gate')
    .option('--completed', 'evaluate every phase already passed (the regression guard)')
    .option('--only <ids>', 'only these check ids, comma-separated', idList)
    .addOption(formatOption(GATE_FORMATS))
    .option('--concurrency <n>', 'checks run at once (default: number of CPUs)', positiveInteger)
    .option('--junit <file>', 'also write the report as JUnit XML to FILE (for CI test reports)')
    .option('--sarif <file>', 'also write the report as SARIF 2.1.0 to FILE (for GitHub code scanning)')
    .option('--verbose', 'on a terminal, stream the output of run checks as they go')
    .option('--all', 'every project below the current folder')
    .addHelpText('after', examples([
      'lepton gate',
      'lepton gate --phase design',
      'lepton gate --only unit-tests,coverage --format json',
      'lepton gate --completed --format junit > reports/lepton.xml',
      'lepton gate --completed --sarif lepton.sarif   # for github/codeql-action/upload-sarif',
    ]))
    .action(action(() => import('./commands/gate.js')));

  program.command('advance')
    .description('if the current gate passes: record it in the ledger and move to the next phase')
    .option('--dry-run', 'show what would happen; write nothing')
    .option('-m, --message <text>', 'a note recorded with the transition')
    .addOption(new Option('--format <format>', 'output format (default: pretty)').choices(['pretty', 'json']))
    .option('--verbose', 'on a terminal, stream the output of run checks as they go')
    .addHelpText('after', examples(['lepton advance --dry-run', 'lepton advance -m "PoC accepted by the steering group"']))
    .action(action(() => import('./commands/advance.js')));

  program.command('approve').argument('<check-id>', 'the approval check to sign off')
    .description('sign off an approval check as the current git identity')
    .option('--phase <id>', 'the phase of the check (default: the current phase)')
    .option('--note <text>', 'a note recorded with the sign-off')
    .addHelpText('after', examples(['lepton approve go-decision --note "Meets the success criteria"']))
    .action(action(() => import('./commands/approve.js')));

  program.command('waive').argument('<check-id>', 'the required check to waive')
    .description('waive a required check until a date (recorded in the ledger)')
    .requiredOption('--reason <text>', 'why the check may be waived (required)')
    .requiredOption('--until <date>', 'last day the waiver holds, YYYY-MM-DD (required)')
    .option('--phase <id>', 'the phase of the check (default: the current phase)')
    .addHelpText('after', examples(['lepton waive coverage --reason "Legacy module, tests in #142" --until 2026-12-31']))
    .action(action(() => import('./commands/waive.js')));

  program.command('reopen').argument('<phase>', 'the earlier phase to go back to')
    .description('go back to an earlier phase')
    .requiredOption('--reason <text>', 'why the project goes back (required)')
    .addHelpText('after', examples(['lepton reopen poc --reason "Latency target unreachable with the chosen model"']))
    .action(action(() => import('./commands/reopen.js')));

  program.command('terminate')
    .description('end the project (a PoC no-go)')
    .requiredOption('--reason <text>', 'why the project ends (required)')
    .addHelpText('after', examples(['lepton terminate --reason "No-go: accuracy 0.71 against 0.85 required"']))
    .action(action(() => import('./commands/terminate.js')));

  program.command('history')
    .description('the ledger as a timeline')
    .addOption(new Option('--format <format>', 'output format (default: pretty)').choices(['pretty', 'json']))
    .addHelpText('after', examples(['lepton history', 'lepton history --format json']))
    .action(action(() => import('./commands/history.js')));

  program.command('verify')
    .description('check the ledger\'s hash chain and that phase: matches it')
    .option('--strict', 'also check in git history that each entry was committed by its actor')
    .addOption(formatOption())
    .option('--junit <file>', 'also write the report as JUnit XML to FILE (for CI test reports)')
    .option('--all', 'every project below the current folder')
    .addHelpText('after', examples(['lepton verify', 'lepton verify --strict', 'lepton verify --strict --format junit > reports/ledger.xml']))
    .action(action(() => import('./commands/verify.js')));

  program.command('report')
    .description('write one self-contained HTML report for the people who decide at a gate')
    .option('--all', 'a portfolio of every project below the current folder')
    .option('--out <file>', 'the file to write (default: lepton-report.html; - for stdout)')
    .option('--force', 'replace a file at --out that is not a lepton report')
    .addHelpText('after', examples(['lepton report', 'lepton report --out reports/churn.html', 'lepton report --all --out portfolio.html']))
    .action(action(() => import('./commands/report.js')));

  program.command('generate').argument('[templates...]', 'template names (default: the current phase\'s)')
    .description('render document templates into docs/')
    .option('--list', 'list the templates and where each comes from')
    .option('--force', 'overwrite existing documents')
    .addOption(new Option('--lang <language>', 'language (default: the manifest\'s)').choices(['en', 'zh-CN']))
    .addHelpText('after', examples(['lepton generate --list', 'lepton generate model-card', 'lepton generate test-plan --lang zh-CN --force']))
    .action(action(() => import('./commands/generate.js')));

  program.command('validate')
    .description('check lepton.yaml against the schema and its rules')
    .addHelpText('after', examples(['lepton validate', 'lepton validate --manifest path/to/lepton.yaml']))
    .action(action(() => import('./commands/validate.js')));

  program.command('schema')
    .description('print the JSON Schema of lepton.yaml (for editors)')
    .addHelpText('after', examples(['lepton schema > lepton.schema.json', '# then, first line of lepton.yaml:', '# yaml-language-server: $schema=./lepton.schema.json']))
    .action(action(() => import('./commands/schema.js')));

  const hooks = program.command('hooks').description('the git pre-push hook that runs the regression guard')
    .addHelpText('after', examples(['lepton hooks install', 'lepton hooks status', 'lepton hooks uninstall']));
  hooks.command('install').description('install the pre-push hook (keeps and chains an existing one)')
    .addHelpText('after', examples(['lepton hooks install', 'lepton hooks status', 'LEPTON_SKIP=1 git push   # skip the gate once', 'git push --no-verify      # skip every pre-push hook once']))
    .action(action(() => import('./commands/hooks.js').then((module) => ({ run: module.install }))));
  hooks.command('uninstall').description('remove lepton\'s hook and restore what was there')
    .addHelpText('after', examples(['lepton hooks uninstall   # a hook lepton kept is put back as it was']))
    .action(action(() => import('./commands/hooks.js').then((module) => ({ run: module.uninstall }))));
  hooks.command('status').description('whether the hook is installed and whether git will run it (exit 1 when it will not)')
    .addHelpText('after', examples(['lepton hooks status', 'lepton hooks status || lepton hooks install']))
    .action(action(() => import('./commands/hooks.js').then((module) => ({ run: module.status }))));
  hooks.command('run', { hidden: true }).argument('<hook>', 'the hook git is running (pre-push)').argument('[git-args...]', 'what git passes the hook')
    .description('run by the hook: reads git\'s pre-push input on stdin and gates pushes to protected branches')
    .action(action(() => import('./commands/hooks-run.js')));

  const ci = program.command('ci').description('continuous integration')
    .addHelpText('after', examples(['lepton ci init', 'lepton ci init --provider gitlab', 'lepton ci matrix']));
  ci.command('init').description('write a CI workflow that runs the phase-gate checks')
    .addOption(new Option('--provider <provider>', 'CI provider').choices(['github', 'gitlab']).default('github'))
    .option('--force', 'overwrite an existing workflow (GitLab: replace an existing `lepton` job)')
    .addHelpText('after', examples(['lepton ci init --provider github', 'lepton ci init --provider gitlab', 'lepton ci init --force   # rewrite .github/workflows/lepton.yml']))
    .action(action(() => import('./commands/ci-init.js')));
  ci.command('matrix').description('the projects below the current folder as JSON, for a CI matrix')
    .addHelpText('after', examples([
      'lepton ci matrix   # {"include":[{"project":"churn-predictor","path":"services/churn"}]}',
      'echo "matrix=$(lepton ci matrix)" >> "$GITHUB_OUTPUT"',
    ]))
    .action(action(() => import('./commands/ci-matrix.js')));

  return program;
}


/** The global options of a parsed command, as every command module receives them. */
export function globalsOf(command: Command): { globals: GlobalOptions; noColor: boolean } {
  const raw = command.optsWithGlobals() as { cwd?: string; manifest?: string; color?: boolean; quiet?: boolean };
  return {
    globals: globalOptions(raw),
    noColor: raw.color === false,
  };
}
