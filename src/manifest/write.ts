// Rewrites lepton.yaml's `phase:` value and nothing else: the value's range is found with the
// yaml parser and spliced into the source text, so comments, key order, quoting and layout stay
// byte-for-byte.
import { isMap, isPair, isScalar, parseDocument, Scalar } from 'yaml';
import { LeptonError } from '../errors.js';

/** The manifest source with `phase:` set to `phase`, everything else untouched. */
export function setManifestPhase(source: string, phase: string): string {
  const doc = parseDocument(source, { keepSourceTokens: false });
  if (doc.errors.length > 0)
    throw new LeptonError(`cannot rewrite phase: the manifest does not parse (${doc.errors[0]!.message.split('\n')[0]})`, { hint: 'run `lepton validate`' });
  const contents = doc.contents;
  const pair = isMap(contents) ? contents.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === 'phase') : undefined;
  const value = pair?.value;
  if (!isScalar(value) || !value.range) {
    throw new LeptonError('cannot rewrite phase: lepton.yaml has no plain `phase: <id>` line', { hint: 'write it as `phase: <id>` at the top level' });
  }
  const [start, end] = value.range;
  return `${source.slice(0, start)}${formatLike(value, phase)}${source.slice(end)}`;
}

function formatLike(value: Scalar, phase: string): string {
  switch (value.type) {
    case Scalar.QUOTE_DOUBLE:
      return JSON.stringify(phase);
    case Scalar.QUOTE_SINGLE:
      return `'${phase.replaceAll("'", "''")}'`;
    case Scalar.PLAIN:
    case undefined:
      return phase;
    default:
      throw new LeptonError('cannot rewrite phase: its value is a block scalar', { hint: 'write it as `phase: <id>` on one line' });
  }
}
