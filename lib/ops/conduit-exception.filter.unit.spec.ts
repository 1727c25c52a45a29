import type { ArgumentsHost } from '@nestjs/common';
import type { HttpAdapterHost } from '@nestjs/core';
import { TimeoutError } from '../core';
import { ConduitExceptionFilter } from './conduit-exception.filter';

function hostOf(type: string, response: unknown): ArgumentsHost {
  return {
    getType: () => type,
    switchToHttp: () => ({ getResponse: () => response }),
  } as unknown as ArgumentsHost;
}

describe('ConduitExceptionFilter edge cases', () => {
  it('leaves non-HTTP contexts (ws, rpc, graphql) to their own error channel', () => {
    const error = new TimeoutError(10);
    for (const type of ['ws', 'rpc', 'graphql']) {
      expect(() => new ConduitExceptionFilter().catch(error, hostOf(type, {}))).toThrow(error);
    }
  });

  it('ends a response that is already streaming (SSE) instead of writing a second head', () => {
    const end = jest.fn();
    const reply = jest.fn();
    const setHeader = jest.fn();
    const adapterHost = {
      httpAdapter: { isHeadersSent: () => true, end, reply, setHeader },
    } as unknown as HttpAdapterHost;
    new ConduitExceptionFilter(adapterHost).catch(new TimeoutError(10), hostOf('http', {}));
    expect(end).toHaveBeenCalledTimes(1);
    expect(reply).not.toHaveBeenCalled();
    expect(setHeader).not.toHaveBeenCalled();
  });

  it('the Express fallback ends a response whose headers were sent', () => {
    const response = {
      headersSent: true,
      end: jest.fn(),
      status: jest.fn(),
      setHeader: jest.fn(),
      json: jest.fn(),
    };
    new ConduitExceptionFilter().catch(new TimeoutError(10), hostOf('http', response));
    expect(response.end).toHaveBeenCalledTimes(1);
    expect(response.status).not.toHaveBeenCalled();
    expect(response.setHeader).not.toHaveBeenCalled();
    expect(response.json).not.toHaveBeenCalled();
  });
});
