import { catchError, lastValueFrom, map, Observable, of, throwError, toArray } from 'rxjs';
import type {
  CallHandler,
  CallOutput,
  ChatCallContext,
  ChatRequest,
  ChatResponse,
  ConduitCallContext,
  ConduitInterceptor,
  StreamCallContext,
  StreamEvent,
} from '../core';
import { ServerError } from '../core';
import { runInterceptorChain } from './interceptor-chain';

function response(text: string): ChatResponse {
  return {
    id: 'r',
    model: 'm',
    text,
    content: [{ type: 'text', text }],
    toolCalls: [],
    finishReason: 'stop',
    rawFinishReason: 'stop',
    usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
    message: { role: 'assistant', content: text },
    warnings: [],
    providerMetadata: {},
  };
}

function chatContext(content = 'hello'): ChatCallContext {
  return {
    kind: 'chat',
    alias: 'default',
    metadata: new Map(),
    signal: new AbortController().signal,
    request: { messages: [{ role: 'user', content }] },
  };
}

/** The text of a message whose content is a string (the only kind these tests send). */
function textOf(message: ChatRequest['messages'][number] | undefined): string {
  return typeof message?.content === 'string' ? message.content : '';
}

/** A model call that records the requests it receives and answers with the last user text upper-cased. */
function fakeModel() {
  const requests: ChatRequest[] = [];
  const call = (context: ChatCallContext): Observable<ChatResponse> =>
    new Observable<ChatResponse>((subscriber) => {
      requests.push(context.request);
      const last = context.request.messages[context.request.messages.length - 1];
      subscriber.next(response(textOf(last).toUpperCase()));
      subscriber.complete();
    });
  return { requests, call };
}

function interceptor(
  fn: (context: ConduitCallContext, next: CallHandler) => Observable<CallOutput>,
): ConduitInterceptor {
  return { intercept: fn };
}

describe('runInterceptorChain', () => {
  it('runs the interceptors first-outermost, then the model, and unwinds in reverse', async () => {
    const log: string[] = [];
    const tracing = (name: string) =>
      interceptor((_context, next) => {
        log.push(`${name}:before`);
        return next.handle().pipe(map((out) => (log.push(`${name}:after`), out)));
      });
    const model = fakeModel();
    await lastValueFrom(
      runInterceptorChain(
        [tracing('global'), tracing('model'), tracing('call')],
        chatContext(),
        (ctx) => {
          log.push('model');
          return model.call(ctx);
        },
      ),
    );
    expect(log).toEqual([
      'global:before',
      'model:before',
      'call:before',
      'model',
      'call:after',
      'model:after',
      'global:after',
    ]);
  });

  it('runs nothing until subscribed', () => {
    const model = fakeModel();
    const seen = jest.fn();
    runInterceptorChain(
      [interceptor((_context, next) => (seen(), next.handle()))],
      chatContext(),
      model.call,
    );
    expect(seen).not.toHaveBeenCalled();
    expect(model.requests).toHaveLength(0);
  });

  it('power 1: an interceptor changes the request before the call', async () => {
    const model = fakeModel();
    const addSystem = interceptor((context, next) => {
      const chat = context as ChatCallContext;
      chat.request = {
        ...chat.request,
        messages: [{ role: 'system', content: 'Be brief.' }, ...chat.request.messages],
      };
      return next.handle();
    });
    await lastValueFrom(runInterceptorChain([addSystem], chatContext(), model.call));
    expect(model.requests[0]?.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'hello' },
    ]);
  });

  it('power 2: an interceptor changes the response after the call', async () => {
    const model = fakeModel();
    const exclaim = interceptor((_context, next) =>
      next
        .handle()
        .pipe(map((out) => ({ ...(out as ChatResponse), text: `${(out as ChatResponse).text}!` }))),
    );
    const out = await lastValueFrom(runInterceptorChain([exclaim], chatContext(), model.call));
    expect(out.text).toBe('HELLO!');
  });

  it('power 3: an interceptor answers without calling the model', async () => {
    const model = fakeModel();
    const cache = interceptor(() => of(response('cached')));
    const inner = jest.fn((_c: ConduitCallContext, next: CallHandler) => next.handle());
    const out = await lastValueFrom(
      runInterceptorChain([cache, interceptor(inner)], chatContext(), model.call),
    );
    expect(out.text).toBe('cached');
    expect(model.requests).toHaveLength(0);
    expect(inner).not.toHaveBeenCalled();
  });

  it('power 4: an interceptor replaces an error', async () => {
    const failing = (): Observable<ChatResponse> =>
      throwError(() => new ServerError('boom', { provider: 'mock', status: 500 }));
    const fallback = interceptor((_context, next) =>
      next
        .handle()
        .pipe(
          catchError((error: unknown) => of(response(`fallback after ${(error as Error).name}`))),
        ),
    );
    const out = await lastValueFrom(runInterceptorChain([fallback], chatContext(), failing));
    expect(out.text).toBe('fallback after ServerError');
  });

  it('power 5: calling next.handle() again re-runs the inner chain with the current request', async () => {
    let attempts = 0;
    const requests: string[] = [];
    const flaky = (context: ChatCallContext): Observable<ChatResponse> => {
      requests.push(textOf(context.request.messages[0]));
      attempts += 1;
      return attempts === 1
        ? throwError(() => new ServerError('try again', { provider: 'mock', status: 503 }))
        : of(response('ok'));
    };
    const innerRuns = jest.fn();
    const inner = interceptor((_context, next) => (innerRuns(), next.handle()));
    const retry = interceptor((context, next) =>
      next.handle().pipe(
        catchError(() => {
          const chat = context as ChatCallContext;
          chat.request = { ...chat.request, messages: [{ role: 'user', content: 'second try' }] };
          return next.handle();
        }),
      ),
    );
    const out = await lastValueFrom(
      runInterceptorChain([retry, inner], chatContext('first try'), flaky),
    );
    expect(out.text).toBe('ok');
    expect(requests).toEqual(['first try', 'second try']);
    expect(innerRuns).toHaveBeenCalledTimes(2);
  });

  it('carries every stream event and shares metadata along the chain', async () => {
    const events: StreamEvent[] = [
      { type: 'start', id: 's', model: 'm', warnings: [] },
      { type: 'text-delta', delta: 'Hi' },
      {
        type: 'finish',
        finishReason: 'stop',
        rawFinishReason: 'stop',
        usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
        providerMetadata: {},
      },
    ];
    const context: StreamCallContext = { ...chatContext(), kind: 'stream' };
    const outer = interceptor((ctx, next) => {
      ctx.metadata.set('outer', 1);
      return next.handle();
    });
    const inner = interceptor((ctx, next) => {
      ctx.metadata.set('sawOuter', ctx.metadata.get('outer'));
      return next.handle();
    });
    const out = await lastValueFrom(
      runInterceptorChain([outer, inner], context, () => of(...events)).pipe(toArray()),
    );
    expect(out).toEqual(events);
    expect(context.metadata.get('sawOuter')).toBe(1);
  });

  it('unsubscribing reaches the model call', () => {
    const teardown = jest.fn();
    const model = () => new Observable<StreamEvent>(() => teardown);
    const passThrough = interceptor((_context, next) => next.handle());
    const context: StreamCallContext = { ...chatContext(), kind: 'stream' };
    const subscription = runInterceptorChain([passThrough], context, model).subscribe();
    expect(teardown).not.toHaveBeenCalled();
    subscription.unsubscribe();
    expect(teardown).toHaveBeenCalledTimes(1);
  });
});
