// `http: { url, status, timeout }`: a GET answers with the expected status, waiting for a service
// that is still starting (connection refused, 502/503/504) until the timeout.
import { setTimeout as sleep } from 'node:timers/promises';
import type { CheckOf } from '../../manifest/schema.js';
import type { CheckContext, CheckModule, CheckOutcome } from '../types.js';

const DEFAULT_STATUS = 200;
const DEFAULT_TIMEOUT_S = 10;
const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 1000;
/** Statuses a service answers while it is starting or behind a proxy that cannot reach it yet. */
const STARTING = new Set([502, 503, 504]);

/** A failure is `transient` when the service may simply not be up yet (as opposed to, say, a bad certificate). */
type Attempt = { status: number } | { failure: string; transient: boolean };

const TRANSIENT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

async function evaluate(check: CheckOf<'http'>, context: CheckContext): Promise<CheckOutcome> {
  const { url } = check.http;
  const expected = check.http.status ?? DEFAULT_STATUS;
  const timeoutS = check.http.timeout ?? DEFAULT_TIMEOUT_S;
  const deadline = AbortSignal.timeout(timeoutS * 1000);
  const signal = AbortSignal.any([deadline, context.signal]);
  let last: Attempt | undefined;
  let delay = FIRST_RETRY_MS;
  let attempts = 0;
  while (!signal.aborted) {
    attempts++;
    const attempt = await get(url, expected, signal);
    if (context.signal.aborted) break;
    if (attempt) last = attempt;
    if (last && 'status' in last && (last.status === expected || !STARTING.has(last.status))) break;
    if (last && 'failure' in last && !last.transient) break;
    try {
      await sleep(delay, undefined, { signal });
    } catch {
      break;
    }
    delay = Math.min(delay * 2, MAX_RETRY_MS);
  }
  if (context.signal.aborted) return { status: 'error', message: `GET ${url} was interrupted` };
  const evidence = { url, expected, status: last && 'status' in last ? last.status : null };
  const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
  if (last && 'status' in last) {
    if (last.status === expected) return { status: 'pass', message: `GET ${url} answered ${last.status}`, evidence };
    return { status: 'fail', message: `GET ${url} answered ${last.status}, expected ${expected}${tries}`, evidence };
  }
  if (last && !last.transient) return { status: 'fail', message: `GET ${url} failed: ${last.failure}`, evidence };
  const why = last ? ` (${last.failure})` : '';
  return { status: 'fail', message: `no answer from GET ${url} within ${timeoutS}s${why}`, evidence };
}

/** One GET; undefined when the deadline cut it short. */
async function get(url: string, expected: number, signal: AbortSignal): Promise<Attempt | undefined> {
  try {
    // A check expecting a redirect must see it rather than where it leads.
    const response = await fetch(url, { signal, redirect: expected >= 300 && expected < 400 ? 'manual' : 'follow' });
    await response.body?.cancel().catch(() => undefined);
    return { status: response.status };
  } catch (error) {
    if (signal.aborted) return undefined;
    const code = (error as { cause?: { code?: string } }).cause?.code;
    return { failure: describeFailure(error), transient: code !== undefined && TRANSIENT_CODES.has(code) };
  }
}

/** `connection refused`, `host not found`… from fetch's TypeError and its cause. */
function describeFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  switch (cause?.code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found';
    case 'ECONNRESET':
      return 'connection reset';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'host unreachable';
    default:
      if (cause?.code && /SSL|TLS|CERT/.test(cause.code)) return `TLS failed (${cause.code})`;
      return (cause?.message ?? (error as Error).message).split('\n')[0]!.slice(0, 160);
  }
}

function defaultHint(check: CheckOf<'http'>): string {
  return `make sure the service behind ${check.http.url} is deployed and running (check its logs and health endpoint), or raise the check's timeout if it starts slowly`;
}

export default { evaluate, defaultHint } satisfies CheckModule<'http'>;
