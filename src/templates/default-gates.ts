// The phases and gates `lepton init` starts a project with: the five lifecycle phases, each
// gate referring to the documents the phase renders, plus what the preset and domain add.
import type { Check, Language, MetricComparison, Owner } from '../manifest/schema.js';
import type { InitAnswers } from './answers.js';
import { domainSignOffs } from './domain-sign-offs.js';
import { pocEvalCheck, testEvalChecks, withRegression } from './eval-gates.js';

export interface ScaffoldCheck {
  check: Check;
  /** One short line written above the check in lepton.yaml. */
  comment?: string;
}

export interface ScaffoldPhase {
  id: string;
  title: string;
  templates: string[];
  comment: string;
  gate: ScaffoldCheck[];
  /** Commented-out lines written after the gate (a check the answers could not fill in). */
  trailer?: string[];
}

type Focus = 'llmApp' | 'finance' | 'healthcare' | 'retail';

/** How a check's comment names the preset or domain that adds it. */
const FOCUS_NAMES: Record<Focus, string> = { llmApp: 'llm-app', finance: 'finance', healthcare: 'healthcare', retail: 'retail' };

type FocusDocument = 'poc-plan' | 'architecture' | 'test-plan' | 'deploy-runbook';

/** A section a preset or domain adds to a document: the `doc` check that it is filled in (its comment after the focus's name), and its heading in English and in Chinese. */
type FocusSection = readonly [id: string, comment: string, en: string, zhCN: string];

/**
 * The sections each preset or domain adds, per document. A `doc` check with `sections` matches
 * heading text case-insensitively, so the headings follow the templates'.
 */
const FOCUS_SECTIONS: Record<FocusDocument, Partial<Record<Focus, FocusSection>>> = {
  'poc-plan': { llmApp: ['llm-evaluation-planned', 'evaluation set, groundedness, hallucination and cost are planned', 'LLM evaluation', '大模型评测'] },
  architecture: {
    llmApp: ['llm-design-written', 'prompt and model version pinning, guardrails, cost per request', 'LLM-specific design', '大模型专项设计'],
    finance: ['model-risk-designed', 'model risk, explainability and the audit trail are designed in', 'Model risk management and audit trail', '模型风险管理与审计轨迹'],
    healthcare: ['clinical-oversight-designed', 'clinical safety, patient-data privacy and human oversight', 'Clinical safety and human oversight', '临床安全与人工监督'],
    retail: ['experimentation-designed', 'A/B experimentation and the quality it protects', 'Retail experimentation and quality', '零售实验与质量'],
  },
  'test-plan': {
    llmApp: ['llm-tests-planned', 'groundedness, hallucination, prompt-injection and safety tests', 'LLM application testing', '大模型应用测试'],
    finance: ['model-validation-planned', 'independent model validation and audit evidence', 'Finance: model validation and audit evidence', '金融：模型验证与审计证据'],
    healthcare: ['clinical-validation-planned', 'clinical validation and patient safety', 'Healthcare: clinical validation and safety', '医疗：临床验证与安全'],
    retail: ['ab-test-planned', 'the A/B test, its metrics and guardrails', 'Retail: A/B test plan and peak readiness', '零售：A/B 测试方案与大促准备'],
  },
  'deploy-runbook': {
    llmApp: ['llm-operations-planned', 'cost, quality drift and prompt/model rollouts in operation', 'LLM application operations', '大模型应用运维'],
    finance: ['change-approval-planned', 'change approval and the audit trail of releases', 'Finance: change approval and audit trail', '金融：变更审批与审计追踪'],
    healthcare: ['clinical-safety-operated', 'clinical safety monitoring and escalation in operation', 'Healthcare: clinical safety in operation', '医疗：运行中的临床安全'],
    retail: ['experiments-operated', 'running experiments and the peak season', 'Retail: experiments and peak season', '零售：实验与大促'],
  },
};

/** The focused checks the answers' preset and domain add for one document: its own section must be filled in. */
function focusChecks(answers: InitAnswers, template: FocusDocument): ScaffoldCheck[] {
  const active: Focus[] = [...(answers.preset === 'llm-app' ? ['llmApp' as const] : []), ...(answers.domain === 'general' ? [] : [answers.domain])];
  return active.flatMap((focus) => {
    const section = FOCUS_SECTIONS[template][focus];
    if (!section) return [];
    const [id, comment, en, zhCN] = section;
    return [doc(id, `docs/${template}.md`, `${FOCUS_NAMES[focus]}: ${comment}`, [answers.language === 'zh-CN' ? zhCN : en])];
  });
}

type PhaseId = 'poc' | 'design' | 'develop' | 'test' | 'deploy';

export const PHASE_TITLES: Record<Language, Record<PhaseId, string>> = {
  en: { poc: 'Proof of concept', design: 'Design', develop: 'Development', test: 'Testing', deploy: 'Deployment and operations' },
  'zh-CN': { poc: '概念验证', design: '设计', develop: '开发', test: '测试', deploy: '部署与运维' },
};

export const RESULTS_FILE = 'poc/results.json';

export const ML_TEST_SCORE_TEMPLATE = 'ml-test-score';

/**
 * The documents each phase renders when it is entered. The card is the model's (Mitchell et al.)
 * or, for an LLM application, the system's; the ML Test Score is scored for ML models only.
 */
export function phaseTemplates(preset: InitAnswers['preset']): Record<PhaseId, string[]> {
  const ml = preset === 'ml-model';
  return {
    poc: ['poc-plan'],
    design: ['architecture', ml ? 'model-card' : 'system-card', 'datasheet', 'risk-register'],
    develop: ['development-guide'],
    test: ['test-plan', ...(ml ? [ML_TEST_SCORE_TEMPLATE] : []), 'evaluation-report'],
    deploy: ['deploy-runbook', 'monitoring-plan', 'release-notes', 'incident-postmortem'],
  };
}

export function defaultPhases(answers: InitAnswers): ScaffoldPhase[] {
  return [pocPhase(answers), designPhase(answers), developPhase(answers), testPhase(answers), deployPhase(answers)];
}

/** A phase as init writes it: its title in the documents' language, the templates it renders, its gate and what follows it. */
function scaffoldPhase(answers: InitAnswers, id: PhaseId, comment: string, gate: ScaffoldCheck[], trailer: string[] = []): ScaffoldPhase {
  return { id, title: PHASE_TITLES[answers.language][id], templates: phaseTemplates(answers.preset)[id], comment, gate, ...(trailer.length ? { trailer } : {}) };
}

function doc(id: string, file: string, comment: string, sections?: string[]): ScaffoldCheck {
  return { check: { id, doc: file, ...(sections ? { sections } : {}) }, comment };
}

function pocPhase(answers: InitAnswers): ScaffoldPhase {
  const gate: ScaffoldCheck[] = [
    doc('plan-written', 'docs/poc-plan.md', 'every section filled in (no TODO left) and every box ticked'),
    ...focusChecks(answers, 'poc-plan'),
    ...(answers.preset === 'llm-app' ? [pocEvalCheck()] : []),
  ];
  gate.push(...metricChecks(answers.metrics).map((item) => (answers.preset === 'ml-model' ? withRegression(item) : item)));
  const trailer: string[] = [];
  if (answers.metrics.length === 0) {
    trailer.push(
      'No success metric was given, so nothing checks the PoC results yet. Add one, e.g.:',
      `- { id: metric-accuracy, metric: { file: ${RESULTS_FILE}, checks: [{ path: accuracy, op: ">=", value: 0.85 }] } }`,
    );
  }
  const approval = goDecision(answers.owners);
  if (approval) gate.push(approval);
  else trailer.push('No owner holds a role yet, so nobody signs the go/no-go. Add owners with roles, then:', '- { id: go-decision, approval: { roles: [product-owner] } }');
  return scaffoldPhase(answers, 'poc', 'Is it feasible and worth it? Ends with a go/no-go decision.', gate, trailer);
}

/** One metric check per success metric, read from the PoC results file. */
export function metricChecks(metrics: MetricComparison[]): ScaffoldCheck[] {
  const used = new Set<string>();
  return metrics.map((metric) => {
    const slug =
      metric.path
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '') || 'value';
    let id = `metric-${slug}`;
    for (let suffix = 2; used.has(id); suffix += 1) id = `metric-${slug}-${suffix}`;
    used.add(id);
    return {
      check: { id, metric: { file: RESULTS_FILE, checks: [{ path: metric.path, op: metric.op, value: metric.value }] } },
      comment: `success criterion ${metric.path} ${metric.op} ${metric.value}, read from ${RESULTS_FILE}`,
    };
  });
}

/**
 * The go/no-go is a business decision: the product owner signs it. Without a product owner the
 * roles the owners do hold sign it, so the decision is still recorded; without any role, nobody can.
 */
function goDecision(owners: Owner[]): ScaffoldCheck | undefined {
  const held = [...new Set(owners.flatMap((owner) => owner.roles))];
  if (held.includes('product-owner')) {
    return { check: { id: 'go-decision', approval: { roles: ['product-owner'] } }, comment: 'the product owner signs the go/no-go: `lepton approve go-decision`' };
  }
  if (held.length === 0) return undefined;
  return {
    check: { id: 'go-decision', approval: { roles: held } },
    comment: 'no owner is product-owner, so these roles sign the go/no-go (`lepton approve go-decision`); use [product-owner] once one joins',
  };
}

function designPhase(answers: InitAnswers): ScaffoldPhase {
  const gate: ScaffoldCheck[] = [
    doc('architecture-written', 'docs/architecture.md', 'architecture filled in: diagram, modules, data flow, NFRs, security'),
    ...focusChecks(answers, 'architecture'),
  ];
  // The card of what ships: a model card for a model, a system card for an LLM application.
  gate.push(
    answers.preset === 'ml-model'
      ? doc('model-card-written', 'docs/model-card.md', 'the model card (Mitchell et al., 2019) filled in')
      : doc('system-card-written', 'docs/system-card.md', 'the system card filled in: pinned versions, evaluation, safety, oversight'),
    doc('datasheet-written', 'docs/datasheet.md', 'the datasheet of the data (Gebru et al., 2021): its seven sections answered'),
    doc('risk-register-written', 'docs/risk-register.md', 'the AI risks rated, each with an owner and a control'),
  );
  return scaffoldPhase(answers, 'design', 'How it will be built: architecture, modules, data flow, security.', gate);
}

function developPhase(answers: InitAnswers): ScaffoldPhase {
  return scaffoldPhase(answers, 'develop', 'Build it: code, tests and a reproducible workflow.', [
    doc('guide-written', 'docs/development-guide.md', "the team's workflow, standards and reproducibility rules are written down"),
    { check: { id: 'code-and-tests-exist', file: ['src/**/*.py', 'tests/**/*.py'] }, comment: 'each pattern must match at least one non-empty file' },
    {
      check: { id: 'unit-tests', run: 'pytest -q', timeout: 600, inputs: ['src/**', 'tests/**'] },
      comment: 'the test suite passes; change the command to your runner (e.g. `python -m pytest -q`)',
    },
  ]);
}

function testPhase(answers: InitAnswers): ScaffoldPhase {
  const gate: ScaffoldCheck[] = [
    doc('test-plan-written', 'docs/test-plan.md', 'test plan filled in: levels, ML-specific tests, load targets, entry and exit criteria'),
    ...focusChecks(answers, 'test-plan'),
  ];
  if (answers.preset === 'ml-model') gate.push(mlScoreCheck());
  if (answers.preset === 'llm-app') gate.push(...testEvalChecks());
  gate.push(doc('evaluation-reported', 'docs/evaluation-report.md', 'the evaluation report: results with intervals, by group, against production'));
  gate.push(
    { check: { id: 'coverage', coverage: { file: 'coverage.xml', lines: 80 } }, comment: 'line coverage from coverage.py (`pytest --cov --cov-report=xml`)' },
    { check: { id: 'test-report', tests: { junit: 'reports/junit*.xml', min: 1 } }, comment: 'JUnit reports with no failures (`pytest --junitxml=reports/junit.xml`)' },
  );
  const signOffs = domainSignOffs(answers, 'test');
  gate.push(...signOffs.checks);
  return scaffoldPhase(answers, 'test', 'Prove it works: coverage, passing reports, the planned tests.', gate, signOffs.trailer);
}

/**
 * The ML Test Score (Breck et al., 2017), computed from its scored file. A minimum of 2 in every
 * section is the paper's "first pass at basic productionization": a sensible bar for a first
 * release, where 5 would be exceptional.
 */
function mlScoreCheck(): ScaffoldCheck {
  return {
    check: { id: 'ml-test-score', mlscore: { file: `docs/${ML_TEST_SCORE_TEMPLATE}.yaml`, min: 2 } },
    comment: 'each of the 28 tests scored 0 / 0.5 manual / 1 automated with evidence; every section sums to 2 or more',
  };
}

function deployPhase(answers: InitAnswers): ScaffoldPhase {
  const signOffs = domainSignOffs(answers, 'deploy');
  return scaffoldPhase(
    answers,
    'deploy',
    'Ship and run it: runbook, a healthy staging, a tagged release.',
    [
      doc('runbook-written', 'docs/deploy-runbook.md', 'strategy steps, rollback, alerts and on-call filled in'),
      doc('monitoring-planned', 'docs/monitoring-plan.md', 'what is monitored in production, thresholds, who is alerted'),
      doc('release-notes-written', 'docs/release-notes.md', 'the release: what changed, versions, evaluation against the previous one'),
      ...focusChecks(answers, 'deploy-runbook'),
      {
        check: { id: 'staging-healthy', http: { url: 'http://127.0.0.1:8080/health', status: 200 }, required: false },
        comment:
          'advisory until you point it at your staging health endpoint; then remove `required: false`. Judged at advance: `gate --completed` reports the result recorded then',
      },
      {
        check: { id: 'release-tagged', git: { tag: 'v*', clean: true } },
        comment: 'a clean tree with a v* tag on HEAD, judged at advance: committing the ledger afterwards does not undo it',
      },
      ...signOffs.checks,
    ],
    signOffs.trailer,
  );
}
