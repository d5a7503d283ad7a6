import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import httpCheck from '../../../src/gate/checks/http.js';
import type { CheckOf } from '../../../src/manifest/schema.js';
import { checkContext } from '../../helpers/check-context.js';

type Handler = (request: IncomingMessage, response: ServerResponse, count: number) => void;

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A local server on 127.0.0.1; `port` 0 picks a free one. */
async function serve(handler: Handler, port = 0): Promise<{ url: string; requests: () => number }> {
  let count = 0;
  const server = createServer((request, response) => handler(request, response, ++count));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests: () => count };
}

/** A port nothing listens on (for now). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function evaluate(http: CheckOf<'http'>['http'], signal = new AbortController().signal) {
  const context = checkContext({ root: '/', signal });
  return httpCheck.evaluate({ id: 'staging-healthy', http }, context);
}

const answer =
  (status: number, location?: string): Handler =>
  (_request, response) => {
    response.writeHead(status, location ? { location } : {});
    response.end('body');
  };

describe('http check', () => {
  it('passes when the URL answers 200, with URL and status as evidence', async () => {
    const { url } = await serve(answer(200));
    const outcome = await evaluate({ url: `${url}/health` });
    expect(outcome).toMatchObject({ status: 'pass', message: `GET ${url}/health answered 200` });
    expect(outcome.evidence).toEqual({ url: `${url}/health`, expected: 200, status: 200 });
  });

  it('passes on the status it is told to expect', async () => {
    const { url } = await serve(answer(204));
    expect((await evaluate({ url, status: 204 })).status).toBe('pass');
  });

  it('fails on another status at once, saying got and expected', async () => {
    const server = await serve(answer(404));
    const outcome = await evaluate({ url: server.url, timeout: 5 });
    expect(outcome).toMatchObject({ status: 'fail', message: `GET ${server.url} answered 404, expected 200` });
    expect(server.requests()).toBe(1);
  });

  it('waits for a service still starting: refused connections, then 503, then 200', async () => {
    const port = await freePort();
    setTimeout(() => void serve((request, response, count) => answer(count < 2 ? 503 : 200)(request, response, count), port), 800);
    const outcome = await evaluate({ url: `http://127.0.0.1:${port}/health`, timeout: 8 });
    expect(outcome).toMatchObject({ status: 'pass', message: `GET http://127.0.0.1:${port}/health answered 200` });
  });

  it('keeps answering 503 until the timeout: fails with the last status', async () => {
    const server = await serve(answer(503));
    const outcome = await evaluate({ url: server.url, timeout: 1.5 });
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toMatch(new RegExp(`^GET ${server.url} answered 503, expected 200 after \\d attempts$`));
    expect(server.requests()).toBeGreaterThan(1);
  });

  it('says when nothing answers within the timeout', async () => {
    const port = await freePort();
    const outcome = await evaluate({ url: `http://127.0.0.1:${port}/`, timeout: 1 });
    expect(outcome).toMatchObject({ status: 'fail', message: `no answer from GET http://127.0.0.1:${port}/ within 1s (connection refused)` });
    expect(outcome.evidence).toMatchObject({ status: null });
  });

  it('does not retry what waiting cannot fix, such as TLS against a plain HTTP server', async () => {
    const server = await serve(answer(200));
    const url = server.url.replace('http:', 'https:');
    const outcome = await evaluate({ url, timeout: 20 });
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toMatch(new RegExp(`^GET ${url} failed: TLS failed \\(ERR_SSL_\\w+\\)$`));
  });

  it('gives up on a server that accepts but never answers', async () => {
    const { url } = await serve(() => undefined);
    const outcome = await evaluate({ url, timeout: 1 });
    expect(outcome).toMatchObject({ status: 'fail', message: `no answer from GET ${url} within 1s` });
  });

  it('follows redirects, unless it expects one', async () => {
    const { url } = await serve((request, response, count) => (request.url === '/' ? answer(301, '/health') : answer(200))(request, response, count));
    expect(await evaluate({ url: `${url}/` })).toMatchObject({ status: 'pass', message: `GET ${url}/ answered 200` });
    expect(await evaluate({ url: `${url}/`, status: 301 })).toMatchObject({ status: 'pass', message: `GET ${url}/ answered 301` });
  });

  it('stops when interrupted', async () => {
    const port = await freePort();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const outcome = await evaluate({ url: `http://127.0.0.1:${port}/`, timeout: 30 }, controller.signal);
    expect(outcome).toMatchObject({ status: 'error', message: `GET http://127.0.0.1:${port}/ was interrupted` });
  });

  it('hints at the deployment', () => {
    expect(httpCheck.defaultHint({ id: 'x', http: { url: 'http://127.0.0.1:8080/health' } })).toContain('http://127.0.0.1:8080/health');
  });
});
