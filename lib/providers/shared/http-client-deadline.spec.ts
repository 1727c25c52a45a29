import type { Dispatcher } from 'undici';
import { type CallAbort, ConduitValidationError, ProviderError, TimeoutError } from '../../core';
import { HTTP_DEFAULT_TIMEOUT_MS, HttpClient } from './http-client';
import type { HttpClientOptions, HttpStreamSink } from './http-client.types';

/**
 * A dispatcher that starts every request and then never answers, as a server that trickles
 * forever looks to the client once undici's silence timers are out of the picture: only the
 * overall deadline can end the call. Records the aborts.
 */
class SilentDispatcher {
  readonly aborts: unknown[] = [];

  dispatch(_options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    const aborts = this.aborts;
    const controller: Dispatcher.DispatchController = {
      aborted: false,
      paused: false,
      reason: null,
      abort(reason: Error): void {
        aborts.push(reason);
      },
      pause(): void {},
      resume(): void {},
    };
    handler.onRequestStart?.(controller, {});
    return true;
  }
}

/** A CallAbort that never fires, as ChatService hands one to the model it calls. */
const callAbort: CallAbort = {
  aborted: false,
  reason: undefined,
  get signal(): AbortSignal {
    throw new Error('the client must not need an AbortSignal');
  },
  addListener: () => undefined,
  removeListener: () => undefined,
};

function clientWith(options: Partial<HttpClientOptions> = {}): {
  client: HttpClient;
  dispatcher: SilentDispatcher;
} {
  const dispatcher = new SilentDispatcher();
  const client = new HttpClient(
    {
      provider: 'acme',
      mapError: (response) => new ProviderError('x', { provider: 'acme', status: response.status }),
      ...options,
    },
    dispatcher as unknown as Dispatcher,
  );
  return { client, dispatcher };
}

/** Opens a stream; `failure` is what its sink was failed with, if anything. */
function open(
  client: HttpClient,
  abort?: CallAbort,
): { readonly failure: { error?: unknown; failed: boolean } } {
  const failure: { error?: unknown; failed: boolean } = { failed: false };
  const sink: HttpStreamSink = {
    start: () => undefined,
    data: () => undefined,
    end: () => undefined,
    fail: (error) => {
      failure.failed = true;
      failure.error = error;
    },
  };
  client.openStream(
    { url: 'http://127.0.0.1:9/v1/chat', headers: {}, body: {}, ...(abort && { abort }) },
    sink,
  );
  return { failure };
}

describe('HttpClient overall deadline', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('a call without a CallAbort (a model called directly) is cut at 600 s by default, and its request aborted', () => {
    const { client, dispatcher } = clientWith();
    const { failure } = open(client);
    jest.advanceTimersByTime(HTTP_DEFAULT_TIMEOUT_MS - 1);
    expect(failure.failed).toBe(false);
    jest.advanceTimersByTime(1);
    expect(failure.error).toBeInstanceOf(TimeoutError);
    expect((failure.error as TimeoutError).timeoutMs).toBe(600_000);
    expect(dispatcher.aborts).toEqual([failure.error]);
  });

  it("a call with a CallAbort (through ChatService) keeps its caller's deadline only", () => {
    const { client, dispatcher } = clientWith();
    const { failure } = open(client, callAbort);
    jest.advanceTimersByTime(HTTP_DEFAULT_TIMEOUT_MS * 4);
    expect(failure.failed).toBe(false);
    expect(dispatcher.aborts).toEqual([]);
  });

  it('an explicit timeoutMs applies whoever calls', () => {
    const { client } = clientWith({ timeoutMs: 1_500 });
    const { failure } = open(client, callAbort);
    jest.advanceTimersByTime(1_500);
    expect(failure.error).toBeInstanceOf(TimeoutError);
    expect((failure.error as TimeoutError).message).toContain('timeoutMs of 1500 ms');
  });

  it('timeoutMs 0 means no deadline', () => {
    const { client } = clientWith({ timeoutMs: 0 });
    const { failure } = open(client);
    jest.advanceTimersByTime(HTTP_DEFAULT_TIMEOUT_MS * 4);
    expect(failure.failed).toBe(false);
  });
});

describe('HttpClient transport settings', () => {
  it('refuses a maxConnections or timeoutMs it cannot use, naming each', () => {
    expect(() => clientWith({ maxConnections: 0 })).toThrow(ConduitValidationError);
    let caught: unknown;
    try {
      clientWith({ maxConnections: 1.5, timeoutMs: 2 ** 31 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConduitValidationError);
    expect((caught as ConduitValidationError).issues.map((issue) => issue.path)).toEqual([
      'maxConnections',
      'timeoutMs',
    ]);
  });
});
