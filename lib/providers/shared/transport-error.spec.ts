import { AbortedError, ConduitError, ConnectionError, TimeoutError } from '../../core';
import { abortError, toTransportError } from './transport-error';

const URL_ = 'http://127.0.0.1:9/v1/chat/completions';
const withCode = (code: string): Error => Object.assign(new Error(`boom ${code}`), { code });

describe('abortError', () => {
  it('returns the reason itself when it is a ConduitError', () => {
    const controller = new AbortController();
    const timeout = new TimeoutError(100);
    controller.abort(timeout);
    expect(abortError(controller.signal)).toBe(timeout);
  });

  it('wraps any other reason in an AbortedError', () => {
    const controller = new AbortController();
    controller.abort();
    const error = abortError(controller.signal);
    expect(error).toBeInstanceOf(AbortedError);
    expect(error.cause).toBe(controller.signal.reason);
  });
});

describe('toTransportError', () => {
  it.each(['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET', 'ENOTFOUND'])(
    '%p -> ConnectionError',
    (code) => {
      const error = toTransportError(withCode(code), URL_, undefined, 1000);
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error.isRetryable).toBe(true);
      expect(error.message).toContain('http://127.0.0.1:9');
      expect(error.message).toContain(code);
    },
  );

  it('finds the code in a cause chain or an AggregateError', () => {
    const wrapped = new Error('fetch failed', { cause: withCode('ECONNREFUSED') });
    expect(toTransportError(wrapped, URL_, undefined, 1)).toBeInstanceOf(ConnectionError);
    const aggregate = new AggregateError([withCode('ECONNREFUSED')], 'all failed');
    expect(toTransportError(aggregate, URL_, undefined, 1)).toBeInstanceOf(ConnectionError);
  });

  it.each(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'])('%p -> TimeoutError', (code) => {
    const error = toTransportError(withCode(code), URL_, undefined, 600_000);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).timeoutMs).toBe(600_000);
  });

  it('an aborted signal wins over whatever undici reported', () => {
    const controller = new AbortController();
    controller.abort(new TimeoutError(5));
    expect(toTransportError(withCode('UND_ERR_SOCKET'), URL_, controller.signal, 1)).toBe(
      controller.signal.reason,
    );
  });

  it('passes ConduitErrors through and wraps unknown failures without retry', () => {
    const own = new ConnectionError('x');
    expect(toTransportError(own, URL_, undefined, 1)).toBe(own);
    const odd = toTransportError('weird', URL_, undefined, 1);
    expect(odd.constructor).toBe(ConduitError);
    expect(odd.isRetryable).toBe(false);
    expect(odd.message).toContain('weird');
    expect(toTransportError(new Error('bad header'), URL_, undefined, 1).message).toContain(
      'bad header',
    );
  });
});
