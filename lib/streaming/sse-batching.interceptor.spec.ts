import { Controller, Get, Sse } from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { of } from 'rxjs';
import { SseBatchingInterceptor } from './sse-batching.interceptor';

@Controller()
class RoutesController {
  @Sse('stream')
  stream() {
    return of();
  }

  @Get('json')
  json() {
    return {};
  }
}

/** A response whose writes and socket corks are recorded. */
function fakeResponse() {
  const calls: string[] = [];
  const socket = { cork: () => calls.push('cork'), uncork: () => calls.push('uncork') };
  const write = (chunk: string): boolean => {
    calls.push(`write ${chunk}`);
    return true;
  };
  return { calls, response: { socket, write }, write };
}

function httpContext(handler: () => unknown, response: unknown): ExecutionContextHost {
  const context = new ExecutionContextHost([{}, response], RoutesController, handler);
  context.setType('http');
  return context;
}

describe('SseBatchingInterceptor', () => {
  const interceptor = new SseBatchingInterceptor();
  const next = { handle: () => of('frame') };

  it('writes the first frame of a turn at once and corks from the second until the next setImmediate', async () => {
    const { calls, response } = fakeResponse();
    interceptor.intercept(httpContext(RoutesController.prototype.stream, response), next);
    response.write('a');
    response.write('b');
    response.write('c');
    expect(calls).toEqual(['write a', 'cork', 'write b', 'write c']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls.slice(4)).toEqual(['uncork']);
  });

  it('does not cork a frame written alone in its turn', async () => {
    const { calls, response } = fakeResponse();
    interceptor.intercept(httpContext(RoutesController.prototype.stream, response), next);
    response.write('a');
    await new Promise((resolve) => setImmediate(resolve));
    response.write('b');
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual(['write a', 'write b']);
  });

  it("uses a Fastify reply's raw response", () => {
    const { calls, response } = fakeResponse();
    interceptor.intercept(httpContext(RoutesController.prototype.stream, { raw: response }), next);
    response.write('a');
    response.write('b');
    expect(calls).toEqual(['write a', 'cork', 'write b']);
  });

  it('leaves routes that are not @Sse() alone', () => {
    const { response, write } = fakeResponse();
    interceptor.intercept(httpContext(RoutesController.prototype.json, response), next);
    expect(response.write).toBe(write);
  });

  it('leaves other transports alone', () => {
    const { response, write } = fakeResponse();
    const context = httpContext(RoutesController.prototype.stream, response);
    context.setType('ws');
    interceptor.intercept(context, next);
    expect(response.write).toBe(write);
  });
});
