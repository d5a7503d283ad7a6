// What `lepton baseline bless` and `lepton baseline show` print.
import type { BaselineListing, BlessResult } from '../lifecycle/baseline.js';
import { safeText } from '../text.js';

type BlessView = Pick<BlessResult, 'phase' | 'checkId' | 'sha256' | 'path' | 'cases' | 'rows' | 'format'> & { entry: { seq: number } };
type BaselineRow = BaselineListing;

export function formatBless(result: BlessView): string {
  const repeats = result.rows > result.cases ? ` (${result.rows} rows with repeats)` : '';
  const lines = [
    `Blessed ${result.cases} case${result.cases === 1 ? '' : 's'}${repeats} from ${result.format} results as the baseline of ${result.checkId} (${result.phase}): ledger entry #${result.entry.seq}.`,
    `Stored in ${result.path}.`,
    'Next: commit .lepton/ledger.jsonl and .lepton/baselines/; `lepton gate` compares new runs with it.',
    '',
  ];
  return safeText(lines.join('\n'), { multiline: true });
}

/** `baseline show --format json`: the listing as one JSON document. */
export function formatBaselinesJson(rows: readonly BaselineRow[]): string {
  return `${JSON.stringify({ baselines: rows }, null, 2)}\n`;
}

export function formatBaselines(rows: readonly BaselineRow[]): string {
  if (rows.length === 0) return 'No baselines blessed yet.\n';
  const lines = rows.map((row) => {
    const state = row.current ? 'current' : 'replaced';
    const missing = row.present ? '' : ' (file missing: commit .lepton/baselines/)';
    return `#${row.seq}  ${row.phase}/${row.checkId}  ${row.sha256.slice(0, 12)}  ${row.cases} cases  ${row.time.slice(0, 10)}  ${row.by}  ${state}${missing}\n      ${row.reason}`;
  });
  return safeText(`${lines.join('\n')}\n`, { multiline: true });
}
