import { Logger, type LoggerService } from '@nestjs/common';
import { concat, NEVER, of } from 'rxjs';
import {
  answer,
  chatContext,
  chatResponse,
  emit,
  fail,
  observe,
  ScriptedHandler,
  streamContext,
  streamEvents,
} from '../../../test/support/interceptor-harness';
import { AuthenticationError, TimeoutError, type ConduitCallContext } from '../../core';
import { ConduitMetadataKeys } from './conduit-metadata.keys';
import { LoggingInterceptor } from './logging.interceptor';
import type { LoggingInterceptorOptions } from './logging-options.types';
import { redactSecrets } from '../../core/redact-secrets';

const SECRET = 'sk-proj-abcdefghijklmnopqrstuvwxyz123456';

class CapturingLogger implements LoggerService {
  readonly lines: { level: string; message: unknown }[] = [];
  log(message: unknown): void {
    this.lines.push({ level: 'log', message });
  }
  error(message: unknown): void {
    this.lines.push({ level: 'error', message });
  }
  warn(message: unknown): void {
    this.lines.push({ level: 'warn', message });
  }
  debug(message: unknown): void {
    this.lines.push({ level: 'debug', message });
  }
}

function setup(options: LoggingInterceptorOptions = {}) {
  const logger = new CapturingLogger();
  let clock = 1000;
  const interceptor = new LoggingInterceptor({ logger, now: () => (clock += 250), ...options });
  return { logger, interceptor };
}

const withHeaders = (context: ConduitCallContext): ConduitCallContext => {
  if (context.kind === 'chat' || context.kind === 'stream') {
    context.request = { ...context.request, headers: { Authorization: `Bearer ${SECRET}` } };
  }
  return context;
};

describe('LoggingInterceptor', () => {
  it('writes one structured line per call: model, outcome, duration, tokens, finish reason, retries', () => {
    const { logger, interceptor } = setup();
    const context = chatContext();
    const handler = new ScriptedHandler(context, [answer(chatResponse())]);
    context.metadata.set(ConduitMetadataKeys.retryAttempts, 3);
    observe(interceptor.intercept(context, handler));
    expect(logger.lines).toEqual([
      {
        level: 'log',
        message: {
          event: 'conduit.call',
          kind: 'chat',
          alias: 'default',
          provider: 'openai',
          model: 'gpt-4o-mini',
          outcome: 'ok',
          durationMs: 250,
          inputTokens: 10,
          outputTokens: 5,
          totalTokens: 15,
          finishReason: 'stop',
          retries: 2,
        },
      },
    ]);
  });

  it('adds the cache hit and the cost noted by inner interceptors', () => {
    const { logger, interceptor } = setup();
    const context = chatContext();
    const handler = new ScriptedHandler(context, [answer(chatResponse())]);
    context.metadata.set(ConduitMetadataKeys.cacheHit, true);
    context.metadata.set(ConduitMetadataKeys.cost, { cost: { totalUsd: 0.0125 } });
    observe(interceptor.intercept(context, handler));
    expect(logger.lines[0]?.message).toMatchObject({ cached: true, costUsd: 0.0125 });
  });

  it('logs a failure at error level with the error name and a redacted message', () => {
    const { logger, interceptor } = setup();
    const context = chatContext();
    const error = new AuthenticationError(`Incorrect API key provided: ${SECRET}`, {
      provider: 'openai',
      status: 401,
    });
    observe(interceptor.intercept(context, new ScriptedHandler(context, [fail(error)])));
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toMatchObject({
      level: 'error',
      message: {
        outcome: 'error',
        error: { name: 'AuthenticationError', message: 'Incorrect API key provided: [REDACTED]' },
      },
    });
  });

  it('never writes headers or message contents unless logMessages is on', () => {
    const { logger, interceptor } = setup();
    const context = withHeaders(
      chatContext({
        request: { messages: [{ role: 'user', content: 'my card is 4111 1111 1111 1111' }] },
      }),
    );
    observe(
      interceptor.intercept(
        context,
        new ScriptedHandler(context, [answer(chatResponse('private answer'))]),
      ),
    );
    const text = JSON.stringify(logger.lines);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('4111');
    expect(text).not.toContain('private answer');
  });

  it('logs contents with logMessages, still masking credentials in them', () => {
    const { logger, interceptor } = setup({ logMessages: true });
    const content = `use api_key=${SECRET} please`;
    const context = withHeaders(
      chatContext({ request: { messages: [{ role: 'user', content }] } }),
    );
    observe(
      interceptor.intercept(context, new ScriptedHandler(context, [answer(chatResponse('done'))])),
    );
    expect(logger.lines[0]?.message).toMatchObject({
      messages: [{ role: 'user', content: 'use api_key=[REDACTED] please' }],
      output: 'done',
    });
    expect(JSON.stringify(logger.lines)).not.toContain(SECRET);
  });

  it('logs a stream once it finished, with its usage, finish reason and streamed text', () => {
    const { logger, interceptor } = setup({ logMessages: true, level: 'debug' });
    const context = streamContext();
    observe(
      interceptor.intercept(
        context,
        new ScriptedHandler(context, [emit(streamEvents(['Hel', 'lo']))]),
      ),
    );
    expect(logger.lines).toEqual([
      {
        level: 'debug',
        message: expect.objectContaining({
          kind: 'stream',
          outcome: 'ok',
          totalTokens: 15,
          finishReason: 'stop',
          output: 'Hello',
        }),
      },
    ]);
  });

  it('logs a stream the caller cancelled as cancelled', () => {
    const { logger, interceptor } = setup();
    const context = streamContext();
    const events = streamEvents().slice(0, 2);
    const out = observe(
      interceptor.intercept(
        context,
        new ScriptedHandler(context, [() => concat(of(...events), NEVER)]),
      ),
    );
    expect(logger.lines).toHaveLength(0);
    out.unsubscribe();
    expect(logger.lines[0]?.message).toMatchObject({ outcome: 'cancelled', kind: 'stream' });
  });

  it("logs a call torn down because its own signal fired (the call's timeout) as an error saying why", () => {
    const { logger, interceptor } = setup();
    const controller = new AbortController();
    const context = streamContext({ signal: controller.signal });
    const out = observe(
      interceptor.intercept(context, new ScriptedHandler(context, [() => NEVER])),
    );
    controller.abort(new TimeoutError(300));
    out.unsubscribe();
    expect(logger.lines[0]?.level).toBe('error');
    expect(logger.lines[0]?.message).toMatchObject({
      outcome: 'error',
      error: { name: 'TimeoutError' },
    });
  });

  it("writes one JSON string with format 'json'", () => {
    const { logger, interceptor } = setup({ format: 'json' });
    const context = chatContext();
    observe(interceptor.intercept(context, new ScriptedHandler(context, [answer(chatResponse())])));
    const message = logger.lines[0]?.message as string;
    expect(typeof message).toBe('string');
    expect(message).not.toContain('\n');
    expect(JSON.parse(message)).toMatchObject({ event: 'conduit.call', outcome: 'ok' });
  });

  it("uses Nest's Logger with the 'Conduit' context by default, so app loggers take over", () => {
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    try {
      const context = chatContext();
      observe(
        new LoggingInterceptor().intercept(
          context,
          new ScriptedHandler(context, [answer(chatResponse())]),
        ),
      );
      expect(log).toHaveBeenCalledTimes(1);
      expect(log.mock.contexts[0]).toMatchObject({ context: 'Conduit' });
    } finally {
      log.mockRestore();
    }
  });
});

describe('redactSecrets', () => {
  it.each([
    ['sk-ant-api03-AbCdEfGhIjKlMnOp', '[REDACTED]'],
    ['key xai-AbCdEfGhIjKl and gsk_AbCdEfGhIjKl', 'key [REDACTED] and [REDACTED]'],
    ['Authorization: Bearer eyJhbGciOi.abc.def', 'Authorization: [REDACTED]'],
    ['{"x-api-key":"abc123secret"}', '{"x-api-key":"[REDACTED]"}'],
    ['a plain sentence about skiing', 'a plain sentence about skiing'],
  ])('masks %s', (input, expected) => {
    expect(redactSecrets(input)).toBe(expected);
  });
});
