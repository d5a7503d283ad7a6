// lcov tracefiles (lcov.info): LF/LH and BRF/BRH summed over every SF…end_of_record record.
// A record without LF/LH is counted from its DA lines, as genhtml does.
import { ratio, type CoverageSummary } from './coverage-types.js';

/** The summary lines of a record and the field each sets. */
const TOTALS: Record<string, 'lf' | 'lh' | 'brf' | 'brh'> = { LF: 'lf', LH: 'lh', BRF: 'brf', BRH: 'brh' };

export function parseLcov(text: string): CoverageSummary {
  let linesFound = 0;
  let linesHit = 0;
  let branchesFound = 0;
  let branchesHit = 0;
  let record = freshRecord();
  const close = () => {
    linesFound += record.lf ?? record.da;
    linesHit += record.lh ?? record.daHit;
    branchesFound += record.brf ?? record.brda;
    branchesHit += record.brh ?? record.brdaHit;
    record = freshRecord();
  };
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const colon = line.indexOf(':');
    const key = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1);
    const total = TOTALS[key];
    if (total) {
      record[total] = count(value);
      continue;
    }
    switch (key) {
      case 'DA': {
        record.da += 1;
        if (count(value.split(',')[1] ?? '0') > 0) record.daHit += 1;
        break;
      }
      case 'BRDA': {
        record.brda += 1;
        const taken = value.split(',')[3] ?? '-';
        if (taken !== '-' && count(taken) > 0) record.brdaHit += 1;
        break;
      }
      case 'end_of_record':
        close();
        break;
      default:
        break;
    }
  }
  const lines = ratio(linesHit, linesFound);
  const branches = ratio(branchesHit, branchesFound);
  return { format: 'lcov', ...(lines && { lines }), ...(branches && { branches }) };
}

interface LcovRecord {
  lf?: number;
  lh?: number;
  brf?: number;
  brh?: number;
  da: number;
  daHit: number;
  brda: number;
  brdaHit: number;
}

function freshRecord(): LcovRecord {
  return { da: 0, daHit: 0, brda: 0, brdaHit: 0 };
}

function count(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0) throw new Error(`lcov value "${value}" is not a count`);
  return number;
}
