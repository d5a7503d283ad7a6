// The phases and gates `lepton init` starts a project with: the five lifecycle phases, each
// gate referring to the documents the phase renders, plus what the preset and domain add.
import type { Check, Language, MetricComparison, Owner } from '../manifest/schema.js';
import type { InitAnswers } from './answers.js';

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

/**
 * The headings of the preset and domain sections the templates contain, per language. A `doc`
 * check with `sections` matches heading text case-insensitively, so these must follow the templates.
 */
export const SECTION_TITLES = {
  en: {
    evaluationSet: 'Evaluation set',
    modelRisk: 'Model risk management',
    explainability: 'Explainability and audit trail',
    patientPrivacy: 'Patient data privacy',
    humanOversight: 'Human oversight',
    promptVersions: 'Prompt and model version pinning',
    clinicalValidation: 'Clinical validation',
    abTesting: 'A/B test plan',
    llmSafety: 'Prompt injection and safety tests',
  },
  'zh-CN': {
    evaluationSet: '评测集',
    modelRisk: '模型风险管理',
    explainability: '可解释性与审计追踪',
    patientPrivacy: '患者数据隐私',
    humanOversight: '人工监督',
    promptVersions: '提示词与模型版本锁定',
    clinicalValidation: '临床验证',
    abTesting: 'A/B 测试方案',
    llmSafety: '提示词注入与安全测试',
  },
} as const satisfies Record<Language, Record<string, string>>;

type PhaseId = 'poc' | 'design' | 'develop' | 'test' | 'deploy';

export const PHASE_TITLES: Record<Language, Record<PhaseId, string>> = {
  en: { poc: 'Proof of concept', design: 'Design', develop: 'Development', test: 'Testing', deploy: 'Deployment and operations' },
  'zh-CN': { poc: '概念验证', design: '设计', develop: '开发', test: '测试', deploy: '部署与运维' },
};

export const RESULTS_FILE = 'poc/results.json';

export function defaultPhases(answers: InitAnswers): ScaffoldPhase[] {
  return [pocPhase(answers), designPhase(answers), developPhase(answers.language), testPhase(answers), deployPhase(answers.language)];
}

function doc(id: string, file: string, comment: string, sections?: string[]): ScaffoldCheck {
  return { check: { id, doc: file, ...(sections ? { sections } : {}) }, comment };
}

function pocPhase(answers: InitAnswers): ScaffoldPhase {
  const titles = SECTION_TITLES[answers.language];
  const gate: ScaffoldCheck[] = [doc('plan-written', 'docs/poc-plan.md', 'every section filled in (no TODO left) and every box ticked')];
  if (answers.preset === 'llm-app') {
    gate.push(doc('evaluation-set-defined', 'docs/poc-plan.md', 'llm-app: the evaluation set is described before results count', [titles.evaluationSet]));
  }
  gate.push(...metricChecks(answers.metrics));
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
  return {
    id: 'poc',
    title: PHASE_TITLES[answers.language].poc,
    templates: ['poc-plan'],
    comment: 'Is it feasible and worth it? Ends with a go/no-go decision.',
    gate,
    ...(trailer.length ? { trailer } : {}),
  };
}

/** One metric check per success metric, read from the PoC results file. */
export function metricChecks(metrics: MetricComparison[]): ScaffoldCheck[] {
  const used = new Set<string>();
  return metrics.map((metric) => {
    const slug = metric.path.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'value';
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
  const titles = SECTION_TITLES[answers.language];
  const gate: ScaffoldCheck[] = [doc('architecture-written', 'docs/architecture.md', 'architecture filled in: diagram, modules, data flow, NFRs, security')];
  if (answers.preset === 'ml-model') gate.push(doc('model-card-written', 'docs/model-card.md', 'the model card (Mitchell et al., 2019) filled in'));
  if (answers.preset === 'llm-app') {
    gate.push(doc('versions-pinned', 'docs/architecture.md', 'llm-app: prompts and model versions are pinned and recorded', [titles.promptVersions]));
  }
  if (answers.domain === 'finance') {
    gate.push(doc('model-risk-documented', 'docs/architecture.md', 'finance: model risk, explainability and the audit trail are designed in', [titles.modelRisk, titles.explainability]));
  }
  if (answers.domain === 'healthcare') {
    gate.push(doc('patient-data-protected', 'docs/architecture.md', 'healthcare: patient-data privacy and human oversight are designed in', [titles.patientPrivacy, titles.humanOversight]));
  }
  return {
    id: 'design',
    title: PHASE_TITLES[answers.language].design,
    templates: answers.preset === 'ml-model' ? ['architecture', 'model-card'] : ['architecture'],
    comment: 'How it will be built: architecture, modules, data flow, security.',
    gate,
  };
}

function developPhase(language: Language): ScaffoldPhase {
  return {
    id: 'develop',
    title: PHASE_TITLES[language].develop,
    templates: ['development-guide'],
    comment: 'Build it: code, tests and a reproducible workflow.',
    gate: [
      doc('guide-written', 'docs/development-guide.md', 'the team\'s workflow, standards and reproducibility rules are written down'),
      { check: { id: 'code-and-tests-exist', file: ['src/**/*.py', 'tests/**/*.py'] }, comment: 'each pattern must match at least one non-empty file' },
      {
        check: { id: 'unit-tests', run: 'pytest -q', timeout: 600, inputs: ['src/**', 'tests/**'] },
        comment: 'the test suite passes; change the command to your runner (e.g. `python -m pytest -q`)',
      },
    ],
  };
}

function testPhase(answers: InitAnswers): ScaffoldPhase {
  const titles = SECTION_TITLES[answers.language];
  const gate: ScaffoldCheck[] = [doc('test-plan-written', 'docs/test-plan.md', 'test plan filled in, ML Test Score boxes ticked')];
  if (answers.preset === 'llm-app') gate.push(doc('safety-tests-planned', 'docs/test-plan.md', 'llm-app: prompt-injection and safety tests are planned', [titles.llmSafety]));
  if (answers.domain === 'healthcare') gate.push(doc('clinical-validation-planned', 'docs/test-plan.md', 'healthcare: clinical validation is planned', [titles.clinicalValidation]));
  if (answers.domain === 'retail') gate.push(doc('ab-test-planned', 'docs/test-plan.md', 'retail: the A/B test is planned', [titles.abTesting]));
  gate.push(
    { check: { id: 'coverage', coverage: { file: 'coverage.xml', lines: 80 } }, comment: 'line coverage from coverage.py (`pytest --cov --cov-report=xml`)' },
    { check: { id: 'test-report', tests: { junit: 'reports/junit*.xml', min: 1 } }, comment: 'JUnit reports with no failures (`pytest --junitxml=reports/junit.xml`)' },
  );
  return {
    id: 'test',
    title: PHASE_TITLES[answers.language].test,
    templates: ['test-plan'],
    comment: 'Prove it works: coverage, passing reports, the planned tests.',
    gate,
  };
}

function deployPhase(language: Language): ScaffoldPhase {
  return {
    id: 'deploy',
    title: PHASE_TITLES[language].deploy,
    templates: ['deploy-runbook'],
    comment: 'Ship and run it: runbook, a healthy staging, a tagged release.',
    gate: [
      doc('runbook-written', 'docs/deploy-runbook.md', 'strategy steps, rollback, alerts and on-call filled in'),
      {
        check: { id: 'staging-healthy', http: { url: 'http://127.0.0.1:8080/health', status: 200 }, required: false },
        comment: 'advisory until you point it at your staging health endpoint; then remove `required: false`',
      },
      { check: { id: 'release-tagged', git: { tag: 'v*', clean: true } }, comment: 'a clean tree with a v* tag on HEAD' },
    ],
  };
}
