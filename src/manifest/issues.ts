// Turns zod's validation issues into messages that say what would be valid,
// attached to the key path where the user has to look.
import type { z } from 'zod';
import { CHECK_KINDS, COMMON_CHECK_KEYS, kindKeysOf } from './kinds.js';
import { checkSchemas, manifestSchema } from './schema.js';

export type RawIssue = z.core.$ZodIssue;

export interface DescribedIssue {
  path: (string | number)[];
  /** An offending key inside `path`, e.g. an unknown key. */
  key?: string;
  message: string;
}

type Path = (string | number)[];

export function describeIssue(issue: RawIssue, raw: unknown, prefix: Path = []): DescribedIssue[] {
  const path = [...prefix, ...(issue.path as Path)];
  switch (issue.code) {
    case 'unrecognized_keys': {
      const valid = validKeysAt(path, raw);
      return issue.keys.map((key) => ({
        path,
        key,
        message: `unknown key "${key}"${valid.length ? `; valid keys here: ${valid.join(', ')}` : ''}`,
      }));
    }
    case 'invalid_union':
      return describeUnion(issue, raw, path);
    case 'invalid_type': {
      const value = valueAt(raw, path);
      if (value === undefined) {
        const key = path.at(-1);
        return [{ path: path.slice(0, -1), message: `missing key "${String(key)}" (expected ${issue.expected})` }];
      }
      return [{ path, message: `expected ${issue.expected}, got ${describeValue(value)}` }];
    }
    case 'too_big':
      return [
        {
          path,
          message: issue.origin === 'array' ? `has too many items (at most ${issue.maximum})` : `must be at most ${issue.maximum}, got ${describeValue(valueAt(raw, path))}`,
        },
      ];
    case 'too_small':
      if (issue.message && !issue.message.startsWith('Too small')) return [{ path, message: issue.message }];
      return [
        {
          path,
          message:
            issue.origin === 'array'
              ? `needs at least ${issue.minimum} item${issue.minimum === 1 ? '' : 's'}`
              : `must be at least ${issue.minimum}, got ${describeValue(valueAt(raw, path))}`,
        },
      ];
    case 'invalid_value':
      return [{ path, message: `expected one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}, got ${describeValue(valueAt(raw, path))}` }];
    default:
      return [{ path, message: issue.message }];
  }
}

/** A check is a union of one schema per kind: report against the kind the user meant. */
function describeUnion(issue: z.core.$ZodIssueInvalidUnion, raw: unknown, path: Path): DescribedIssue[] {
  const value = valueAt(raw, path);
  const kinds = kindKeysOf(value);
  const isCheck = path.length === 4 && path[0] === 'phases' && path[2] === 'gate';
  if (isCheck && (value === null || typeof value !== 'object' || Array.isArray(value))) {
    return [{ path, message: `expected a check (a mapping with id and one kind key), got ${describeValue(value)}` }];
  }
  if (isCheck && kinds.length === 0) {
    const keys = value && typeof value === 'object' ? Object.keys(value) : [];
    const unknown = keys.filter((key) => !COMMON_CHECK_KEYS.includes(key));
    const said = unknown.length ? `unknown check kind "${unknown[0]}"` : 'a check needs a kind key';
    return [{ path, key: unknown[0], message: `${said}; expected exactly one of ${CHECK_KINDS.join(', ')}` }];
  }
  if (isCheck && kinds.length > 1) {
    return [{ path, key: kinds[1], message: `a check has exactly one kind key, this one has ${kinds.length}: ${kinds.join(', ')}; split it into separate checks` }];
  }
  const branch = isCheck ? CHECK_KINDS.indexOf(kinds[0]!) : pickBranch(issue.errors);
  const branchIssues = issue.errors[branch] ?? [];
  if (branchIssues.length === 0) return [{ path, message: issue.message }];
  return branchIssues.flatMap((inner) => describeIssue(inner, raw, path));
}

/** For other unions (string or list): the branch whose issues go deepest is the one meant. */
function pickBranch(branches: RawIssue[][]): number {
  let best = 0;
  let bestDepth = -1;
  branches.forEach((issues, index) => {
    const depth = Math.max(...issues.map((issue) => issue.path.length));
    if (depth > bestDepth) {
      best = index;
      bestDepth = depth;
    }
  });
  return best;
}

function valueAt(raw: unknown, path: Path): unknown {
  let value = raw;
  for (const step of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[step];
  }
  return value;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return `${typeof value} ${String(value)}`;
}

interface ZodInternals {
  _zod: { def: { type: string; shape?: Record<string, unknown>; innerType?: unknown; element?: unknown; options?: unknown[] } };
}

/** The keys the schema accepts at `path`, to list them beside an unknown key. */
function validKeysAt(path: Path, raw: unknown): string[] {
  let schema: unknown = manifestSchema;
  for (const [index, step] of path.entries()) {
    schema = unwrap(schema);
    const def = (schema as ZodInternals)._zod.def;
    if (def.type === 'object' && typeof step === 'string') schema = def.shape?.[step];
    else if (def.type === 'array') schema = def.element;
    else return [];
    schema = unwrap(schema);
    if ((schema as ZodInternals | undefined)?._zod.def.type === 'union') {
      const kind = kindKeysOf(valueAt(raw, path.slice(0, index + 1)))[0];
      if (!kind) return [];
      schema = checkSchemas[kind];
    }
  }
  const def = (unwrap(schema) as ZodInternals | undefined)?._zod.def;
  return def?.type === 'object' ? Object.keys(def.shape ?? {}) : [];
}

function unwrap(schema: unknown): unknown {
  let current = schema as ZodInternals | undefined;
  while (current && ['optional', 'default', 'nullable', 'prefault'].includes(current._zod.def.type)) {
    current = current._zod.def.innerType as ZodInternals;
  }
  return current;
}
