import { Controller, Headers, Logger, Module, Sse, type MessageEvent } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { concat, from, lastValueFrom, throwError, toArray, type Observable } from 'rxjs';
import { runState } from '../../test/support/run-states';
import { InMemoryRunEventLog } from '../agent/run-events/in-memory-run-event-log';
import { ChatService } from '../chat/chat.service';
import { ConduitModule } from '../conduit.module';
import { AuthenticationError, ConduitValidationError, type StreamEvent } from '../core';
import { MockChatModel, MockResponses } from '../testing';
import { toSse } from './to-sse';

const start: StreamEvent = { type: 'start', id: 'r1', model: 'gpt-4o-mini', warnings: [] };
const delta: StreamEvent = { type: 'text-delta', delta: 'Hi' };
const finish: StreamEvent = {
  type: 'finish',
  finishReason: 'stop',
  rawFinishReason: 'stop',
  usage: { inputTokens: 3, outputTokens: 1, totalTokens: 4 },
  providerMetadata: {},
};

function frames(
  source: Parameters<ReturnType<typeof toSse>>[0],
  options?: Parameters<typeof toSse>[0],
): Promise<MessageEvent[]> {
  return lastValueFrom(source.pipe(toSse(options), toArray()));
}

describe('toSse', () => {
  it('names each frame after the event type and sends the event itself as data', async () => {
    expect(await frames(from([start, delta, finish]))).toEqual([
      { type: 'start', data: start },
      { type: 'text-delta', data: delta },
      { type: 'finish', data: finish },
    ]);
  });

  it('sends the id of an { id, event } value as the frame id, and the event as its type and data', async () => {
    const logged = { id: '1733570000000-3', event: { type: 'iteration-start', iteration: 2 } };
    expect(await frames(from([logged]))).toEqual([
      { id: '1733570000000-3', type: 'iteration-start', data: logged.event },
    ]);
  });

  it('gives a stream event with an id field of its own (start) no frame id', async () => {
    const [frame] = await frames(from([start]));
    expect(frame).toEqual({ type: 'start', data: start });
    expect(frame).not.toHaveProperty('id');
  });

  it("ends a failed stream with an error frame holding name, a client message, code and isRetryable (never the provider's text), then completes", async () => {
    const failure = new AuthenticationError(
      'OpenAI error 401 (invalid_api_key): Incorrect API key provided.',
      {
        provider: 'openai',
        status: 401,
        body: { secret: 'sk-should-not-leak' },
      },
    );
    const result = await frames(
      concat(
        from([start, delta]),
        throwError(() => failure),
      ),
    );
    expect(result).toHaveLength(3);
    expect(result[2]).toEqual({
      type: 'error',
      data: {
        type: 'error',
        error: {
          name: 'AuthenticationError',
          message: 'The model provider failed to answer.',
          code: 'upstream_error',
          isRetryable: false,
        },
      },
    });
    expect(JSON.stringify(result[2])).not.toContain('sk-should-not-leak');
    expect(JSON.stringify(result[2])).not.toContain('Incorrect API key');
    expect(JSON.stringify(result[2])).not.toContain('at ');
  });

  it('gives invalid input its issues in the error frame and logs them at warn on the server', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const invalid = new ConduitValidationError([
        { path: 'messages[0].content', message: 'must be a string' },
      ]);
      const result = await frames(throwError(() => invalid));
      expect(result).toEqual([
        {
          type: 'error',
          data: {
            type: 'error',
            error: {
              name: 'ConduitValidationError',
              message: 'The request is invalid.',
              code: 'invalid_input',
              isRetryable: false,
              issues: [{ path: 'messages[0].content', message: 'must be a string' }],
            },
          },
        },
      ]);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]?.[0]).toContain('messages[0].content: must be a string');
    } finally {
      warn.mockRestore();
    }
  });

  it('hides the text of errors that are not ConduitErrors', async () => {
    const result = await frames(
      throwError(() => new Error('ECONNREFUSED postgres://admin:hunter2@db')),
    );
    expect(result).toEqual([
      {
        type: 'error',
        data: {
          type: 'error',
          error: {
            name: 'Error',
            message: 'Internal server error.',
            code: 'internal_error',
            isRetryable: false,
          },
        },
      },
    ]);
  });

  it('lets the app describe errors itself', async () => {
    const result = await frames(
      throwError(() => new Error('quota')),
      {
        describeError: (error) => ({
          name: 'AppError',
          message: (error as Error).message,
          isRetryable: true,
        }),
      },
    );
    expect(result[0]?.data).toEqual({
      type: 'error',
      error: { name: 'AppError', message: 'quota', isRetryable: true },
    });
  });
});

describe('toSse on a real @Sse() route', () => {
  it('writes id: lines for logged events, so a route can resume after the Last-Event-ID a client sends', async () => {
    const log = new InMemoryRunEventLog();
    for (let iteration = 1; iteration <= 4; iteration++) {
      await log.append('run-1', { type: 'iteration-start', iteration });
    }
    await log.statusChanged(runState('run-1', 'completed'));

    @Controller()
    class EventsController {
      @Sse('events')
      events(@Headers('last-event-id') lastEventId?: string): Observable<MessageEvent> {
        return log
          .read('run-1', lastEventId === undefined ? {} : { after: lastEventId })
          .pipe(toSse());
      }
    }
    @Module({ controllers: [EventsController] })
    class AppModule {}

    const app = await NestFactory.create(AppModule, { logger: false });
    try {
      await app.listen(0, '127.0.0.1');
      const read = async (headers: Record<string, string>) =>
        (await (await fetch(`${await app.getUrl()}/events`, { headers })).text())
          .split('\n\n')
          .filter((frame) => frame.trim() !== '')
          .map((frame) => {
            const lines = frame.split('\n');
            const field = (name: string) =>
              lines
                .find((line) => line.startsWith(`${name}:`))
                ?.slice(name.length + 1)
                .trim();
            return `${field('id') ?? '-'} ${field('event') ?? '-'}`;
          });
      expect(await read({})).toEqual([
        '1 iteration-start',
        '2 iteration-start',
        '3 iteration-start',
        '4 iteration-start',
        '5 run-status',
      ]);
      expect(await read({ 'Last-Event-ID': '2' })).toEqual([
        '3 iteration-start',
        '4 iteration-start',
        '5 run-status',
      ]);
    } finally {
      await app.close();
    }
  });

  it('puts the event names on the wire and ends a failed stream with an error frame', async () => {
    const model = new MockChatModel({
      responses: [
        { ...MockResponses.serverError(503), text: 'Hello brave world', errorAfterChunks: 2 },
      ],
    });

    @Controller()
    class StreamController {
      constructor(private readonly chat: ChatService) {}
      @Sse('stream')
      stream(): Observable<MessageEvent> {
        return this.chat.stream('Hi').pipe(toSse());
      }
    }
    @Module({
      imports: [ConduitModule.forRoot({ models: { default: model } })],
      controllers: [StreamController],
    })
    class AppModule {}

    const app = await NestFactory.create(AppModule, { logger: false });
    try {
      await app.listen(0, '127.0.0.1');
      const res = await fetch(`${await app.getUrl()}/stream`);
      expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const frames = (await res.text())
        .split('\n\n')
        .filter((frame) => frame.trim() !== '')
        .map((frame) => {
          const field = (name: string) =>
            frame
              .split('\n')
              .find((line) => line.startsWith(`${name}:`))
              ?.slice(name.length + 1)
              .trim();
          return { event: field('event'), data: JSON.parse(field('data') ?? 'null') as unknown };
        });
      expect(frames.map((f) => f.event)).toEqual(['start', 'text-delta', 'text-delta', 'error']);
      expect(frames[3].data).toEqual({
        type: 'error',
        error: {
          name: 'ServerError',
          message: 'The model provider failed to answer.',
          code: 'upstream_error',
          isRetryable: true,
        },
      });
    } finally {
      await app.close();
    }
  });
});
