// The commands of lepton's table (table.ts) that set up a repository around a project: the git
// hook, CI, the vendored lepton, the ledger's merge driver.
import { option, type CommandSpec } from './spec.js';

export const TOOL_COMMANDS: CommandSpec[] = [
  {
    name: 'hooks',
    description: 'the git pre-push hook that runs the regression guard',
    examples: ['lepton hooks install', 'lepton hooks status', 'lepton hooks uninstall'],
    subcommands: [
      {
        name: 'install',
        description: 'install the pre-push hook (keeps and chains an existing one)',
        examples: ['lepton hooks install', 'lepton hooks status', 'LEPTON_SKIP=1 git push   # skip the gate once', 'git push --no-verify      # skip every pre-push hook once'],
        load: () => import('../commands/hooks.js').then((module) => ({ run: module.install })),
      },
      {
        name: 'uninstall',
        description: "remove lepton's hook and restore what was there",
        examples: ['lepton hooks uninstall   # a hook lepton kept is put back as it was'],
        load: () => import('../commands/hooks.js').then((module) => ({ run: module.uninstall })),
      },
      {
        name: 'status',
        description: 'whether the hook is installed and whether git will run it (exit 1 when it will not)',
        examples: ['lepton hooks status', 'lepton hooks status || lepton hooks install'],
        load: () => import('../commands/hooks.js').then((module) => ({ run: module.status })),
      },
      {
        name: 'run',
        hidden: true,
        description: "run by the hook: reads git's pre-push input on stdin and gates pushes to protected branches",
        args: [
          { syntax: '<hook>', description: 'the hook git is running (pre-push)' },
          { syntax: '[git-args...]', description: 'what git passes the hook' },
        ],
        load: () => import('../commands/hooks-run.js'),
      },
    ],
  },
  {
    name: 'vendor',
    description: 'write .lepton/bin/lepton.cjs: lepton in one file, for the repository to commit (runs with plain node)',
    examples: ['lepton vendor', 'git add .lepton/bin/lepton.cjs .lepton/.gitignore', 'node .lepton/bin/lepton.cjs gate'],
    load: () => import('../commands/vendor.js'),
  },
  {
    name: 'ledger',
    description: 'the ledger itself: merging two that grew apart',
    subcommands: [
      {
        name: 'merge',
        description: "merge two ledgers that both added sign-offs or waivers (git's merge driver for .lepton/ledger.jsonl)",
        args: [
          { syntax: '<base>', description: "the common ancestor's ledger (%O)" },
          { syntax: '<ours>', description: 'our ledger, rewritten with the result (%A)' },
          { syntax: '<theirs>', description: 'their ledger (%B)' },
        ],
        examples: ['git config merge.lepton-ledger.driver "node \'.lepton/bin/lepton.cjs\' ledger merge %O %A %B"', 'lepton ledger merge base.jsonl ours.jsonl theirs.jsonl'],
        load: () => import('../commands/ledger-merge.js'),
      },
    ],
  },
  {
    name: 'ci',
    description: 'continuous integration',
    examples: ['lepton ci init', 'lepton ci init --provider gitlab', 'lepton ci matrix'],
    subcommands: [
      {
        name: 'init',
        description: 'write a CI workflow that runs the phase-gate checks',
        options: [
          option('--provider <provider>', 'CI provider', { choices: ['github', 'gitlab'], default: 'github' }),
          option('--force', 'overwrite an existing workflow (GitLab: replace an existing `lepton` job)'),
          option('--sarif', 'GitHub: upload the current gate as SARIF to code scanning (grants security-events: write)'),
          option('--pr-comment', 'GitHub: keep one pull-request comment with the gate, updated in place (grants pull-requests: write)'),
        ],
        examples: [
          'lepton ci init --provider github',
          'lepton ci init --provider gitlab',
          'lepton ci init --force   # rewrite .github/workflows/lepton.yml',
          'lepton ci init --sarif --pr-comment --force',
        ],
        load: () => import('../commands/ci-init.js'),
      },
      {
        name: 'matrix',
        description: 'the projects below the current folder as JSON, for a CI matrix',
        examples: ['lepton ci matrix   # {"include":[{"project":"churn-predictor","path":"services/churn"}]}', 'echo "matrix=$(lepton ci matrix)" >> "$GITHUB_OUTPUT"'],
        load: () => import('../commands/ci-matrix.js'),
      },
    ],
  },
];
