// The evaluation gates presets write (issue 12): llm-app's eval checks on its evaluation-set
// results, and ml-model's regression margin on score metrics.
import type { Check } from '../manifest/schema.js';

/** A check and the comment above it (structurally default-gates' ScaffoldCheck, without importing it back). */
interface ScaffoldCheck {
  check: Check;
  comment?: string | undefined;
}

/**
 * ml-model: a score (>= a threshold within 0…1) must also stay within 0.02 of the value recorded at
 * the last advance, so a reopened PoC cannot pass with a worse model than the one that passed
 * (the first visit has nothing recorded: no-baseline, which passes).
 */
export function withRegression(item: ScaffoldCheck): ScaffoldCheck {
  if (!('metric' in item.check)) return item;
  const [comparison] = item.check.metric.checks;
  if (!comparison || (comparison.op !== '>=' && comparison.op !== '>') || comparison.value > 1) return item;
  return {
    check: { ...item.check, metric: { ...item.check.metric, regression: { margin: EVAL_MARGIN } } },
    comment: `${item.comment}; after a reopen, no more than ${EVAL_MARGIN} below the value recorded at the last advance`,
  };
}

// ——— llm-app evaluation gates (issue 12): the eval kind on the team's evaluation-set results ———

/** Where the llm-app gates read per-case evaluation results (promptfoo -o, lm-eval, DeepEval, Ragas or JSONL). */
export const EVAL_RESULTS_FILE = 'evals/results.json';
const EVAL_MIN_CASES = 200;
const EVAL_MARGIN = 0.02;
const EVAL_CONFIDENCE = 0.95;

/** PoC: an evaluation set of a useful size exists and mostly passes; its run becomes the baseline. */
export function pocEvalCheck(): ScaffoldCheck {
  return {
    check: {
      id: 'llm-eval',
      eval: {
        file: EVAL_RESULTS_FILE,
        'min-cases': EVAL_MIN_CASES,
        checks: [{ metric: 'pass', stat: 'rate', op: '>=', value: 0.8 }],
        regression: { metrics: ['pass'], margin: EVAL_MARGIN, confidence: EVAL_CONFIDENCE },
      },
    },
    comment: `at least ${EVAL_MIN_CASES} evaluated cases in ${EVAL_RESULTS_FILE}; bless the run that decides go/no-go: \`lepton baseline bless llm-eval --reason "PoC baseline"\``,
  };
}

/** Test: no regression against the blessed baseline, every red-team category holds, latency and cost within budget. */
export function testEvalChecks(): ScaffoldCheck[] {
  return [
    {
      check: {
        id: 'llm-no-regression',
        eval: {
          file: EVAL_RESULTS_FILE,
          'min-cases': EVAL_MIN_CASES,
          'max-flaky': 0.05,
          checks: [
            { metric: 'pass', stat: 'rate', op: '>=', value: 0.9 },
            { metric: 'latency_ms', stat: 'p95', op: '<=', value: 2000 },
            { metric: 'cost', stat: 'sum', op: '<=', value: 5 },
          ],
          regression: { metrics: ['pass'], margin: EVAL_MARGIN, confidence: EVAL_CONFIDENCE },
        },
      },
      comment: `no worse than the blessed baseline (Δ pass rate ≥ -${EVAL_MARGIN} at ${EVAL_CONFIDENCE * 100}% confidence); p95 latency and total cost within budget`,
    },
    {
      check: { id: 'llm-red-team', eval: { file: 'evals/red-team.json', checks: [{ metric: 'pass', stat: 'rate', by: 'category', op: '>=', value: 0.98 }] } },
      comment: 'red-team cases (metadata.category per attack type): every category must hold',
    },
  ];
}
