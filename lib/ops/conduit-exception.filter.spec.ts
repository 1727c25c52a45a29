import { Controller, Get, Param, type INestApplication } from '@nestjs/common';
import { APP_FILTER, HttpAdapterHost } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type { App } from 'supertest/types';
import {
  AbortedError,
  AuthenticationError,
  ConduitError,
  ConduitValidationError,
  ConnectionError,
  ContextLengthExceededError,
  InvalidResponseError,
  QuotaExceededError,
  RateLimitError,
  ServerError,
  TimeoutError,
} from '../core';
import { BudgetExceededError } from '../core/errors/budget-exceeded.error';
import { RateLimitExceededError } from '../core/errors/rate-limit-exceeded.error';
import { ConduitExceptionFilter } from './conduit-exception.filter';

const SECRET_BODY = {
  error: { message: 'org org-SECRET over quota; prompt was "internal system prompt"' },
};
const provider = { provider: 'openai', body: SECRET_BODY, requestId: 'req_1' };

const ERRORS: Record<string, () => Error> = {
  validation: () =>
    new ConduitValidationError([{ path: 'messages[0].content', message: 'must be a string' }]),
  'rate-limit': () =>
    new RateLimitError('OpenAI error 429: org org-SECRET', {
      ...provider,
      status: 429,
      // 1.2 s: rounding up gives 2, rounding to nearest would give 1.
      retryAfterMs: 1200,
    }),
  'rate-limit-unknown': () => new RateLimitError('OpenAI error 429', { ...provider, status: 429 }),
  'local-limit': () =>
    new RateLimitExceededError({
      alias: 'default',
      limit: 'requests',
      retryAfterMs: 20_000,
      reason: 'error-mode',
    }),
  overloaded: () =>
    new ServerError('Anthropic error 529: Overloaded', {
      ...provider,
      status: 529,
      retryAfterMs: 3000,
    }),
  'server-error': () =>
    new ServerError('OpenAI error 500: org org-SECRET', { ...provider, status: 500 }),
  quota: () =>
    new QuotaExceededError('OpenAI error 429 (insufficient_quota): org-SECRET', {
      ...provider,
      status: 429,
    }),
  auth: () =>
    new AuthenticationError('OpenAI error 401: bad key sk-...abcd', { ...provider, status: 401 }),
  connection: () => new ConnectionError('The connection to http://10.0.0.7:8080 failed'),
  malformed: () => new InvalidResponseError('openai: a stream event is not JSON: <html>', provider),
  timeout: () => new TimeoutError(30_000),
  context: () =>
    new ContextLengthExceededError('too long: internal system prompt', {
      ...provider,
      status: 400,
    }),
  budget: () => new BudgetExceededError({ key: 'user-SECRET', spentUsd: 5, budgetUsd: 5 }),
  aborted: () => new AbortedError('The application is shutting down.'),
  other: () => new ConduitError('Some internal detail'),
  'not-conduit': () => new Error('plain error'),
};

@Controller('fail')
class FailingController {
  @Get(':kind')
  fail(@Param('kind') kind: string): never {
    throw ERRORS[kind]();
  }
}

describe.each([
  ['registered with APP_FILTER (DI)', 'di'],
  ['constructed without HttpAdapterHost (Express fallback)', 'plain'],
] as const)('ConduitExceptionFilter %s', (_label, mode) => {
  let app: INestApplication;
  const http = (): App => app.getHttpServer() as App;

  beforeAll(async () => {
    const module = await Test.createTestingModule({
      controllers: [FailingController],
      providers: mode === 'di' ? [{ provide: APP_FILTER, useClass: ConduitExceptionFilter }] : [],
    }).compile();
    app = module.createNestApplication({ logger: false });
    if (mode === 'plain') app.useGlobalFilters(new ConduitExceptionFilter());
    else expect(app.get(HttpAdapterHost)).toBeDefined();
    await app.init();
  });

  afterAll(async () => {
    await app.close();
  });

  it.each([
    ['validation', 422, 'invalid_input'],
    ['context', 422, 'context_length_exceeded'],
    ['rate-limit', 429, 'rate_limited'],
    ['local-limit', 429, 'rate_limited'],
    ['budget', 429, 'budget_exceeded'],
    ['overloaded', 503, 'upstream_unavailable'],
    ['quota', 503, 'upstream_unavailable'],
    ['aborted', 503, 'aborted'],
    ['server-error', 502, 'upstream_error'],
    ['auth', 502, 'upstream_error'],
    ['connection', 502, 'upstream_error'],
    ['malformed', 502, 'upstream_error'],
    ['timeout', 504, 'upstream_timeout'],
    ['other', 500, 'internal_error'],
  ])('%s -> %i %s, with no provider text in the body', async (kind, status, code) => {
    const response = await request(http()).get(`/fail/${kind}`);
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ statusCode: status, code });
    const raw = JSON.stringify(response.body);
    for (const leak of [
      'SECRET',
      'internal system prompt',
      'sk-',
      '10.0.0.7',
      'Overloaded',
      '<html>',
    ]) {
      expect(raw).not.toContain(leak);
    }
  });

  it('429 carries Retry-After in whole seconds, rounded up', async () => {
    const response = await request(http()).get('/fail/rate-limit');
    expect(response.headers['retry-after']).toBe('2');
    const local = await request(http()).get('/fail/local-limit');
    expect(local.headers['retry-after']).toBe('20');
  });

  it('503 from an overloaded provider carries its Retry-After; an unknown wait sends none', async () => {
    const response = await request(http()).get('/fail/overloaded');
    expect(response.headers['retry-after']).toBe('3');
    const unknown = await request(http()).get('/fail/rate-limit-unknown');
    expect(unknown.status).toBe(429);
    expect(unknown.headers['retry-after']).toBeUndefined();
  });

  it('422 lists the validation issues (they describe the client input)', async () => {
    const response = await request(http()).get('/fail/validation');
    expect(response.body.issues).toEqual([
      { path: 'messages[0].content', message: 'must be a string' },
    ]);
  });

  it('other errors are left to Nest (500 Internal server error)', async () => {
    const response = await request(http()).get('/fail/not-conduit');
    expect(response.status).toBe(500);
    expect(response.body.code).toBeUndefined();
  });
});
