// The JSONL scan reads a line as JSON.parse does, or declines it: never another meaning, never a
// line JSON.parse refuses. Checked on hand-picked lines and on thousands of mutated ones.
import { describe, expect, it } from 'vitest';
import { scanLine } from '../../../src/gate/eval/formats/jsonl-scan.js';

function viaParse(text: string): unknown {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'invalid';
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return 'not an object';
  return { id: parsed.id, pass: parsed.pass, metrics: parsed.metrics, category: parsed.category, repeat: parsed.repeat };
}

/** The scan's answer agrees with JSON.parse's whenever it gives one; true when it gave one. */
function agrees(text: string): boolean {
  const scanned = scanLine(text);
  if (scanned === undefined) return false;
  expect(viaParse(text), text).toEqual(scanned);
  // The metrics' key order too (toEqual ignores it; the baseline's text does not).
  const parsed = JSON.parse(text) as { metrics?: unknown };
  if (parsed.metrics && typeof parsed.metrics === 'object') expect(Object.keys(scanned.metrics as object), text).toEqual(Object.keys(parsed.metrics));
  return true;
}

describe('scanLine', () => {
  it('reads the common lines as JSON.parse does', () => {
    for (const text of [
      '{"id":"case-1","pass":true,"metrics":{"faithfulness":0.7123,"latency_ms":523},"category":"billing","repeat":2}',
      '{ "id" : 7 , "pass" : 0, "metrics" : { } }\t',
      '{"repeat":0,"extra":"x","id":"a","metrics":{"a":-0.5e-3,"b":1E+2,"c":null,"d":"str","e":false},"pass":null}',
      '{"id":"a","id":"b","metrics":{"x":1,"y":2,"x":3}}',
      '{"id":"é ünïcode ✓","metrics":null}',
      '{"id":"a","metrics":5,"category":""}',
      '{}',
      '{"id":"a","pass":1,"metrics":{"s":123456789012345678901234567890,"t":0.1000000000000000055511151231257827}}',
    ]) {
      expect(agrees(text), text).toBe(true);
    }
  });

  it('leaves to JSON.parse what it does not read exactly: escapes, nesting, __proto__, anything not JSON', () => {
    for (const text of [
      '{"id":"a\\"b"}',
      '{"id":"a","tags":["x"]}',
      '{"id":"a","meta":{"k":1}}',
      '{"id":"a","metrics":{"x":[1]}}',
      '{"id":"a","metrics":{"__proto__":1}}',
      '{"id":"a",}',
      '{"id":"a"} x',
      '{"id":01}',
      '{"id":1.}',
      '{"id":-}',
      '{"id":.5}',
      '{"id":+1}',
      '{"id":0x10}',
      '{"id":Infinity}',
      '{"id":NaN}',
      '{"id":truex}',
      '{"id":"a\tb"}',
      '{"id":"a"',
      '{"id" "a"}',
      "{'id':'a'}",
      '[1,2]',
      '"text"',
      '',
    ]) {
      expect(scanLine(text), text).toBeUndefined();
    }
  });

  it('agrees with JSON.parse on 20,000 mutated lines', () => {
    const alphabet = '{}[]":,.-+eE0123456789 \tabcdeflnrstu\\';
    let state = 12345;
    const random = (below: number) => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state % below;
    };
    const base = '{"id":"case-12","pass":false,"metrics":{"faithfulness":0.7123,"latency_ms":523,"cost":1.5e-3},"category":"pii","repeat":1}';
    let read = 0;
    for (let round = 0; round < 20_000; round++) {
      let text = base;
      for (let edit = 1 + random(3); edit > 0; edit--) {
        const at = random(text.length + 1);
        const kind = random(3);
        if (kind === 0) text = text.slice(0, at) + text.slice(at + 1);
        else if (kind === 1) text = text.slice(0, at) + alphabet[random(alphabet.length)] + text.slice(at);
        else text = text.slice(0, at) + alphabet[random(alphabet.length)] + text.slice(at + 1);
      }
      const scanned = scanLine(text);
      if (scanned === undefined) continue;
      expect(viaParse(text), text).toEqual(scanned);
      read++;
    }
    // Many mutations still read (a digit changed, a space added): the comparison was exercised.
    expect(read).toBeGreaterThan(2000);
  });
});
