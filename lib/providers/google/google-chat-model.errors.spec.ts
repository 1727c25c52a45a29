import { inspect } from 'node:util';
import {
  AuthenticationError,
  ContextLengthExceededError,
  InvalidRequestError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  type ConduitError,
} from '../../core';
import {
  GOOGLE_ASK,
  GOOGLE_TEST_KEY,
  googleScript,
  useGoogleReplay,
} from '../../../test/support/google-harness';

const replay = useGoogleReplay();

async function failure(
  name: string,
  headers: Record<string, string> = {},
): Promise<ConduitError & Record<string, unknown>> {
  const script = googleScript(name);
  const error = await replay
    .model({ ...script, headers: { ...script.headers, ...headers } })
    .chat(GOOGLE_ASK)
    .catch((e: unknown) => e);
  return error as ConduitError & Record<string, unknown>;
}

describe('GoogleChatModel errors (hand-written error bodies)', () => {
  it.each([
    ['error-invalid-argument.400.json', InvalidRequestError, 'INVALID_ARGUMENT', false],
    ['error-context-length.400.json', ContextLengthExceededError, 'INVALID_ARGUMENT', false],
    ['error-api-key-invalid.400.json', AuthenticationError, 'INVALID_ARGUMENT', false],
    ['error-permission-denied.403.json', PermissionDeniedError, 'PERMISSION_DENIED', false],
    ['error-not-found.404.json', NotFoundError, 'NOT_FOUND', false],
    ['error-resource-exhausted.429.json', RateLimitError, 'RESOURCE_EXHAUSTED', true],
    ['error-internal.500.json', ServerError, 'INTERNAL', true],
    ['error-unavailable.503.json', ServerError, 'UNAVAILABLE', true],
  ] as const)('%s -> %p', async (name, type, code, retryable) => {
    const error = await failure(name);
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({ provider: 'google', code, isRetryable: retryable });
    expect(error.message).toMatch(/^Google error \d{3} \(/);
  });

  it('reads the wait of a 429 from RetryInfo.retryDelay ("22s")', async () => {
    const error = await failure('error-resource-exhausted.429.json');
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as unknown as RateLimitError).retryAfterMs).toBe(22_000);
  });

  it('prefers a retry-after header over the body', async () => {
    const error = await failure('error-resource-exhausted.429.json', { 'retry-after': '3' });
    expect((error as unknown as RateLimitError).retryAfterMs).toBe(3_000);
  });

  it('names the API_KEY_INVALID reason and never shows the key, even when a proxy echoes it', async () => {
    const echoed = {
      error: {
        code: 400,
        message: `API key not valid: ${GOOGLE_TEST_KEY} (GET /v1beta/models?key=${GOOGLE_TEST_KEY})`,
        status: 'INVALID_ARGUMENT',
        details: [
          { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' },
        ],
      },
    };
    const error = await replay
      .model({ status: 400, body: JSON.stringify(echoed) })
      .chat(GOOGLE_ASK)
      .catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toContain('(API_KEY_INVALID)');
    for (const printed of [error.message, JSON.stringify(error), inspect(error, { depth: 9 })]) {
      expect(printed).not.toContain(GOOGLE_TEST_KEY);
    }
  });

  it('maps a plain-text proxy page to a typed error with an excerpt', async () => {
    const error = await replay
      .model({
        status: 502,
        headers: { 'content-type': 'text/html' },
        body: '<html>Bad gateway</html>',
      })
      .chat(GOOGLE_ASK)
      .catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(ServerError);
    expect(error.message).toBe('Google error 502: <html>Bad gateway</html>');
  });

  it('fails the stream with the same typed error when the HTTP status is an error', async () => {
    const script = googleScript('error-resource-exhausted.429.json');
    const error: unknown = await replay.collect(script).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(22_000);
  });
});
