// JaCoCo's own XML report: the totals are the <counter> elements directly under <report>,
// written after every <package> (or <group>), so only the tail after the last one is parsed.
import { ratio, type CoverageSummary } from './coverage-types.js';
import { attribute, children, parseXml } from './xml.js';

export function parseJacoco(text: string): CoverageSummary {
  const rootEnd = text.lastIndexOf('</report>');
  if (rootEnd === -1) throw new Error('JaCoCo <report> is not closed (a truncated file?)');
  const lastChild = Math.max(text.lastIndexOf('</package>'), text.lastIndexOf('</group>'), text.lastIndexOf('</sessioninfo>'), text.lastIndexOf('<sessioninfo'));
  const tailStart = lastChild === -1 ? text.indexOf('>', text.search(/<report[\s>]/)) + 1 : text.indexOf('>', lastChild) + 1;
  const tail = parseXml(`<totals>${text.slice(tailStart, rootEnd)}</totals>`, ['counter']);
  const counters = children(tail.totals, 'counter');
  const counter = (type: string) => {
    const found = counters.find((item) => attribute(item, 'type') === type);
    if (!found) return undefined;
    const missed = Number(attribute(found, 'missed'));
    const covered = Number(attribute(found, 'covered'));
    if (!Number.isFinite(missed) || !Number.isFinite(covered)) throw new Error(`JaCoCo ${type} counter has no missed/covered counts`);
    return ratio(covered, covered + missed);
  };
  const lines = counter('LINE');
  const branches = counter('BRANCH');
  if (!lines && !branches && counters.length === 0) throw new Error('JaCoCo <report> without report-level <counter> elements');
  return { format: 'jacoco', ...(lines && { lines }), ...(branches && { branches }) };
}
