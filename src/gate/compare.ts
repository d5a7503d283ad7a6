// The comparison operators of metric and eval checks.
import type { MetricComparison } from '../manifest/schema.js';

export function holds(actual: number, op: MetricComparison['op'], threshold: number): boolean {
  switch (op) {
    case '>=':
      return actual >= threshold;
    case '>':
      return actual > threshold;
    case '<=':
      return actual <= threshold;
    case '<':
      return actual < threshold;
    case '==':
      return actual === threshold;
    case '!=':
      return actual !== threshold;
  }
}
