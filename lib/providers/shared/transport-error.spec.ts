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

  it.each([
    'EPIPE',
    'ECONNABORTED',
    'EADDRNOTAVAIL',
    'UND_ERR_CLOSED',
    'UND_ERR_DESTROYED',
    'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
    'UND_ERR_HEADERS_OVERFLOW',
    'HPE_INVALID_CHUNK_SIZE',
    'ERR_TLS_CERT_ALTNAME_INVALID',
    'CERT_HAS_EXPIRED',
  ])('every other transport failure, %p, is a retryable ConnectionError too', (code) => {
    const error = toTransportError(withCode(code), URL_, undefined, 1000);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.isRetryable).toBe(true);
  });

  it.each(['EMFILE', 'ENFILE'])(
    '%p (out of file descriptors) is a retryable ConnectionError that says what to change',
    (code) => {
      const error = toTransportError(withCode(code), URL_, undefined, 1000);
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error.isRetryable).toBe(true);
      expect(error.message).toContain('ran out of file descriptors');
      expect(error.message).toContain('maxConnections');
    },
  );

  it("undici's parser error without a code (a server that does not speak HTTP) is a ConnectionError", () => {
    const parser = Object.assign(
      new Error('Response does not match the HTTP/1.1 protocol (Expected HTTP/)'),
      { name: 'HTTPParserError', code: undefined },
    );
    const error = toTransportError(parser, URL_, undefined, 1000);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toContain('did not answer valid HTTP');
    expect(error.cause).toBe(parser);
  });

  it.each(['UND_ERR_INVALID_ARG', 'ERR_INVALID_ARG_TYPE', 'UND_ERR_NOT_SUPPORTED'])(
    'a request undici refuses to build, %p, is not a transport failure: plain, not retried',
    (code) => {
      const error = toTransportError(withCode(code), URL_, undefined, 1000);
      expect(error.constructor).toBe(ConduitError);
      expect(error.isRetryable).toBe(false);
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
