import { lastValueFrom, Observable, of, tap, toArray } from 'rxjs';
import {
  type CallHandler,
  type CallOutput,
  type ConduitCallContext,
  type ConduitInterceptor,
  type StreamEvent,
} from '../core';
import { MockChatModel, MockEmbeddingModel } from '../testing';
import { chatServiceWith as serviceWith } from '../../test/support/chat-service-harness';

function tracer(name: string, log: string[]): ConduitInterceptor {
  return {
    intercept(context: ConduitCallContext, next: CallHandler): Observable<CallOutput> {
      log.push(`${name}>${context.kind}:${context.alias}`);
      return next.handle().pipe(tap({ complete: () => log.push(`<${name}`) }));
    },
  };
}

describe('ChatService', () => {
  afterEach(() => jest.useRealTimers());

  describe('interceptors', () => {
    it('run global, then per model, then per call, around chat and stream, with the call context', async () => {
      const log: string[] = [];
      const contexts: ConduitCallContext[] = [];
      const capture: ConduitInterceptor = {
        intercept: (context, next) => (contexts.push(context), next.handle()),
      };
      const { chat } = await serviceWith({
        models: {
          default: new MockChatModel({ responses: ['a', 'b'], modelId: 'mock-1' }),
          other: new MockChatModel(),
        },
        interceptors: [tracer('global', log)],
        modelInterceptors: { default: [tracer('model', log)], other: [tracer('other', log)] },
      });
      await chat.chat('Hi', { interceptors: [tracer('call', log), capture] });
      await lastValueFrom(chat.stream('Hi', { interceptors: [tracer('call', log)] }));
      expect(log).toEqual([
        'global>chat:default',
        'model>chat:default',
        'call>chat:default',
        '<call',
        '<model',
        '<global',
        'global>stream:default',
        'model>stream:default',
        'call>stream:default',
        '<call',
        '<model',
        '<global',
      ]);
      const context = contexts[0];
      expect(context).toMatchObject({
        kind: 'chat',
        alias: 'default',
        modelInfo: { provider: 'mock', modelId: 'mock-1' },
      });
      expect(context.signal).toBeInstanceOf(AbortSignal);
      expect(context.metadata).toBeInstanceOf(Map);
    });

    it("shares the caller's metadata Map with the interceptors", async () => {
      const { chat } = await serviceWith({
        models: { default: new MockChatModel({ responses: ['a', 'b'] }) },
        interceptors: [
          {
            intercept: (context, next) => {
              context.metadata.set('seen', context.kind);
              return next.handle();
            },
          },
        ],
      });
      const metadata = new Map<string, unknown>();
      await chat.chat('Hi', { metadata });
      expect(metadata.get('seen')).toBe('chat');
      const streamed = new Map<string, unknown>();
      await lastValueFrom(chat.stream('Hi', { metadata: streamed }));
      expect(streamed.get('seen')).toBe('stream');
    });

    it('a per-call interceptor can change the request the model receives', async () => {
      const model = new MockChatModel({ responses: ['ok'] });
      const { chat } = await serviceWith({ models: { default: model } });
      const lowerTemperature: ConduitInterceptor = {
        intercept(context, next) {
          if (context.kind === 'chat') context.request = { ...context.request, temperature: 0 };
          return next.handle();
        },
      };
      await chat.chat('Hi', { temperature: 1, interceptors: [lowerTemperature] });
      expect(model.requests[0].temperature).toBe(0);
    });

    it('embed runs the global and the embedding model interceptors, not the chat ones', async () => {
      const log: string[] = [];
      const { chat } = await serviceWith({
        models: { default: new MockChatModel() },
        embeddingModels: { default: new MockEmbeddingModel() },
        interceptors: [tracer('global', log)],
        modelInterceptors: { default: [tracer('chat-model', log)] },
        embeddingModelInterceptors: { default: [tracer('embedding-model', log)] },
      });
      await chat.embed('hello');
      expect(log).toEqual([
        'global>embed:default',
        'embedding-model>embed:default',
        '<embedding-model',
        '<global',
      ]);
    });

    it('an interceptor can answer a stream itself', async () => {
      const model = new MockChatModel();
      const { chat } = await serviceWith({ models: { default: model } });
      const canned: ConduitInterceptor = {
        intercept: () => of<StreamEvent>({ type: 'text-delta', delta: 'canned' }),
      };
      const events = await lastValueFrom(
        chat.stream('Hi', { interceptors: [canned] }).pipe(toArray()),
      );
      expect(events).toEqual([{ type: 'text-delta', delta: 'canned' }]);
      expect(model.requests).toHaveLength(0);
    });
  });
});
