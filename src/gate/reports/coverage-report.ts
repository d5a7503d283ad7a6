// Coverage reports of any supported format, reduced to line and branch percentages.
// The format is recognised from the content, whatever the file is called.
import { parseCobertura } from './cobertura.js';
import { parseIstanbulSummary } from './istanbul.js';
import { parseJacoco } from './jacoco.js';
import { parseLcov } from './lcov.js';
import type { CoverageFormat, CoverageSummary } from './coverage-types.js';
import { rootElement } from './xml.js';

export type { CoverageFormat, CoverageRatio, CoverageSummary } from './coverage-types.js';

export const FORMAT_NAMES: Record<CoverageFormat, string> = {
  istanbul: 'Istanbul coverage-summary.json',
  lcov: 'lcov',
  cobertura: 'Cobertura XML',
  jacoco: 'JaCoCo XML',
};

/** Throws an Error saying what the content is not, when no supported format fits. */
export function parseCoverageReport(text: string): CoverageSummary {
  const start = text.trimStart();
  if (start.startsWith('{')) return parseIstanbulSummary(start);
  if (start.startsWith('<')) {
    const root = rootElement(start);
    if (root?.name === 'coverage') return parseCobertura(root.attributes);
    if (root?.name === 'report') return parseJacoco(start);
    throw new Error(root ? `XML with a <${root.name}> root is not a coverage report (expected Cobertura <coverage> or JaCoCo <report>)` : 'not well-formed XML');
  }
  if (/^(TN|SF):/m.test(start) && start.includes('end_of_record')) return parseLcov(start);
  throw new Error('not a coverage report lepton reads (Istanbul coverage-summary.json, lcov, Cobertura or JaCoCo XML)');
}
