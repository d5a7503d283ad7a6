// lepton's command line, declared once: every command, argument, option and example. program.ts
// builds commander's program from this table and fast-path.ts the parser of the commands hooks and
// CI run on every push. Each command module is imported only when its command runs.
import { all, format, junit, lifecycleFormat, option, phase, reason, verbose, GATE_FORMATS, type CommandSpec, type OptionSpec } from './spec.js';
import { TOOL_COMMANDS } from './tools.js';

export * from './spec.js';

export const PROGRAM = {
  description: 'Scaffold AI projects and gate them through their lifecycle: poc → design → develop → test → deploy.',
  examples: [
    'lepton init my-model --yes --metric "accuracy>=0.85"',
    'lepton status',
    'lepton gate --format json',
    'lepton advance',
    'lepton gate --completed   # what hooks and CI enforce',
  ],
};

export const GLOBAL_OPTIONS: OptionSpec[] = [
  option('-C, --cwd <dir>', 'run as if started in DIR (lepton.yaml is found from there upwards)'),
  option('--manifest <file>', 'use this manifest instead of searching for lepton.yaml'),
  option('--no-color', 'no colours (also NO_COLOR=1)'),
  option('-q, --quiet', 'print only results and errors'),
];

export const COMMANDS: CommandSpec[] = [
  {
    name: 'init',
    description: "create lepton.yaml and the first phase's documents (asks on a terminal, or takes flags)",
    args: [{ syntax: '[dir]', description: 'project folder (created if missing)', default: '.' }],
    options: [
      option('-y, --yes', 'take defaults for every question not given as a flag; never prompt'),
      option('--name <name>', "project name (default: the folder's name)"),
      option('--description <text>', 'one line on what the project is for'),
      option('--preset <preset>', 'kind of AI project', { choices: ['ml-model', 'llm-app'] }),
      option('--domain <domain>', 'industry', { choices: ['general', 'finance', 'healthcare', 'retail'] }),
      option('--lang <language>', 'language of the documents', { choices: ['en', 'zh-CN'] }),
      option('--owner <owner>', 'owner as "Name <email>" (repeatable)', { value: 'repeatable' }),
      option('--role <role>', 'role of the matching --owner, e.g. tech-lead (repeatable)', { value: 'repeatable' }),
      option('--owner-key <key>', 'SSH public key of the matching --owner: "ssh-ed25519 AAAA…" or a .pub file; their ledger entries are then signed (repeatable)', {
        value: 'repeatable',
      }),
      option('--metric <metric>', 'success metric with threshold, e.g. "accuracy>=0.85" (repeatable)', { value: 'repeatable' }),
      option('--strategy <strategy>', 'deployment strategy', { choices: ['rolling', 'blue-green', 'canary'] }),
      option('--answers <file>', 'read the answers from a YAML file (keys: name, description, preset, domain, lang, owners, metrics, strategy)'),
      option('--force', 'overwrite an existing lepton.yaml and documents'),
    ],
    examples: [
      'lepton init                      # asks on a terminal',
      'lepton init demo --yes --metric "accuracy>=0.85"',
      'lepton init churn --yes --preset ml-model --domain retail --lang zh-CN \\\n      --owner "Ada Lovelace <ada@example.com>" --role tech-lead --owner-key ~/.ssh/id_ed25519.pub',
      'lepton init churn --answers answers.yaml   # in CI: every answer from a file',
    ],
    load: () => import('../commands/init.js'),
  },
  {
    name: 'status',
    description: 'the phases, which are done, the current one, its gate at a glance',
    options: [format, all],
    examples: ['lepton status', 'lepton status --format json', 'lepton status -C examples/churn-predictor'],
    load: () => import('../commands/status.js'),
    fast: true,
  },
  {
    name: 'gate',
    description: "evaluate the current phase's exit gate (exit 0 passed, 1 failed)",
    options: [
      option('--phase <id>', "evaluate another phase's gate"),
      option('--completed', 'evaluate every phase already passed (the regression guard)'),
      option('--recheck-all', 'with --completed: evaluate every check again, also those judged at advance (recheck: false)'),
      option('--only <ids>', 'only these check ids, comma-separated', { value: 'ids' }),
      { ...format, choices: GATE_FORMATS },
      option('--concurrency <n>', 'checks run at once (default: number of CPUs)', { value: 'positive-integer' }),
      junit,
      option('--sarif <file>', 'also write the report as SARIF 2.1.0 to FILE (for GitHub code scanning)'),
      verbose,
      all,
    ],
    examples: [
      'lepton gate',
      'lepton gate --phase design',
      'lepton gate --only unit-tests,coverage --format json',
      'lepton gate --completed --format junit > reports/lepton.xml',
      'lepton gate --completed --sarif lepton.sarif   # for github/codeql-action/upload-sarif',
    ],
    load: () => import('../commands/gate.js'),
    fast: true,
  },
  {
    name: 'advance',
    description: 'if the current gate passes: record it in the ledger and move to the next phase',
    options: [
      option('--dry-run', 'show what would happen; write nothing'),
      option('-m, --message <text>', 'a note recorded with the transition'),
      option('--allow-dirty', 'advance even when files the gate read are not committed; the ledger entry lists them'),
      lifecycleFormat,
      verbose,
    ],
    examples: ['lepton advance --dry-run', 'lepton advance -m "PoC accepted by the steering group"'],
    load: () => import('../commands/advance.js'),
  },
  {
    name: 'approve',
    description: 'sign off an approval check as the current git identity',
    args: [{ syntax: '<check-id>', description: 'the approval check to sign off' }],
    options: [phase, option('--note <text>', 'a note recorded with the sign-off')],
    examples: ['lepton approve go-decision --note "Meets the success criteria"'],
    load: () => import('../commands/approve.js'),
  },
  {
    name: 'waive',
    description: 'waive a required check until a date (recorded in the ledger)',
    args: [{ syntax: '<check-id>', description: 'the required check to waive' }],
    options: [
      option('--reason <text>', 'why the check may be waived (required)', { required: true }),
      option('--until <date>', 'last day the waiver holds, YYYY-MM-DD (required)', { required: true }),
      phase,
    ],
    examples: ['lepton waive coverage --reason "Legacy module, tests in #142" --until 2026-12-31'],
    load: () => import('../commands/waive.js'),
  },
  {
    name: 'reopen',
    description: 'go back to an earlier phase',
    args: [{ syntax: '<phase>', description: 'the earlier phase to go back to' }],
    options: [reason('the project goes back')],
    examples: [
      'lepton reopen poc --reason "Latency target unreachable with the chosen model"',
      'lepton reopen development --reason "Drift: recall fell to 0.71 in production (INC-2231); retrain on Q3 data"',
    ],
    load: () => import('../commands/reopen.js'),
  },
  {
    name: 'terminate',
    description: 'end the project (a PoC no-go)',
    options: [reason('the project ends')],
    examples: ['lepton terminate --reason "No-go: accuracy 0.71 against 0.85 required"'],
    load: () => import('../commands/terminate.js'),
  },
  {
    name: 'baseline',
    description: 'blessed baselines of eval checks: the results new runs are compared with',
    examples: ['lepton baseline bless answers-grounded --reason "Prompt v3 is in production"', 'lepton baseline show'],
    subcommands: [
      {
        name: 'bless',
        description: "store the check's current results as its baseline and record it in the ledger",
        args: [{ syntax: '<check-id>', description: 'the eval check whose current results become its baseline' }],
        options: [reason('these results are the reference'), phase],
        examples: ['lepton baseline bless answers-grounded --reason "Prompt v3 is in production"'],
        load: () => import('../commands/baseline.js').then((module) => ({ run: module.bless })),
      },
      {
        name: 'show',
        description: 'list the blessed baselines, oldest first',
        args: [{ syntax: '[check-id]', description: "only this check's baselines" }],
        options: [lifecycleFormat],
        examples: ['lepton baseline show', 'lepton baseline show answers-grounded --format json'],
        load: () => import('../commands/baseline.js').then((module) => ({ run: module.show })),
      },
    ],
  },
  {
    name: 'amend',
    description: "accept a completed phase's changed gate definition (as an owner, recorded in the ledger)",
    args: [{ syntax: '<phase>', description: 'the completed phase whose gate changed' }],
    options: [reason('the new gate definition is accepted')],
    examples: ['lepton amend poc --reason "f1 threshold lowered after the steering group\'s review (minutes 2026-11-30)"'],
    load: () => import('../commands/amend.js'),
  },
  {
    name: 'history',
    description: 'the ledger as a timeline',
    options: [lifecycleFormat],
    examples: ['lepton history', 'lepton history --format json'],
    load: () => import('../commands/history.js'),
  },
  {
    name: 'verify',
    description: "check the ledger's hash chain and that phase: matches it",
    options: [option('--strict', 'also check in git history that each entry was committed by its actor'), format, junit, all],
    examples: ['lepton verify', 'lepton verify --strict', 'lepton verify --strict --format junit > reports/ledger.xml'],
    load: () => import('../commands/verify.js'),
    fast: true,
  },
  {
    name: 'report',
    description: 'write one self-contained HTML report for the people who decide at a gate',
    options: [
      option('--all', 'a portfolio of every project below the current folder'),
      option('--out <file>', 'the file to write (default: lepton-report.html; - for stdout)'),
      option('--force', 'replace a file at --out that is not a lepton report'),
    ],
    examples: ['lepton report', 'lepton report --out reports/churn.html', 'lepton report --all --out portfolio.html'],
    load: () => import('../commands/report.js'),
  },
  {
    name: 'generate',
    description: 'render document templates into docs/',
    args: [{ syntax: '[templates...]', description: "template names (default: the current phase's)" }],
    options: [
      option('--list', 'list the templates and where each comes from'),
      option('--force', 'overwrite existing documents'),
      option('--lang <language>', "language (default: the manifest's)", { choices: ['en', 'zh-CN'] }),
    ],
    examples: ['lepton generate --list', 'lepton generate model-card', 'lepton generate test-plan --lang zh-CN --force'],
    load: () => import('../commands/generate.js'),
  },
  {
    name: 'validate',
    description: 'check lepton.yaml against the schema and its rules',
    examples: ['lepton validate', 'lepton validate --manifest path/to/lepton.yaml'],
    load: () => import('../commands/validate.js'),
    fast: true,
  },
  {
    name: 'schema',
    description: 'print the JSON Schema of lepton.yaml (for editors)',
    examples: ['lepton schema > lepton.schema.json', '# then, first line of lepton.yaml:', '# yaml-language-server: $schema=./lepton.schema.json'],
    load: () => import('../commands/schema.js'),
  },
  ...TOOL_COMMANDS,
];
