import {
  context as otelContext,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type ContextManager,
} from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { lastValueFrom, of, take } from 'rxjs';
import { ReplayServer } from '../../test/support/replay-server';
import {
  chatModelFor,
  embeddingModelFor,
  rejectionOf,
  runStream,
  startConduit,
  type FaultConduit,
} from '../../test/faults/fault-harness';
import type { ToolCallContext, ToolResult } from '../core/call-context.types';
import { AuthenticationError } from '../core';
import { CostTrackingInterceptor } from '../interceptors/built-in/cost-tracking.interceptor';
import { RetryInterceptor } from '../interceptors/built-in/retry.interceptor';
import { OpenTelemetryInterceptor } from './open-telemetry.interceptor';

/** A synchronous stack context manager: enough for `context.with` in these tests. */
class StackContextManager implements ContextManager {
  private stack: Context[] = [];
  active(): Context {
    return this.stack.at(-1) ?? ROOT_CONTEXT;
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    ctx: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    this.stack.push(ctx);
    try {
      return fn.call(thisArg, ...args);
    } finally {
      this.stack.pop();
    }
  }
  bind<T>(_ctx: Context, target: T): T {
    return target;
  }
  enable(): this {
    return this;
  }
  disable(): this {
    this.stack = [];
    return this;
  }
}

describe('OpenTelemetryInterceptor', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  let server: ReplayServer;
  let conduit: FaultConduit;

  beforeAll(() => {
    trace.setGlobalTracerProvider(provider);
    otelContext.setGlobalContextManager(new StackContextManager());
  });

  afterAll(async () => {
    await provider.shutdown();
    trace.disable();
    otelContext.disable();
  });

  beforeEach(async () => {
    exporter.reset();
    server = await ReplayServer.start();
    const interceptors = [
      new OpenTelemetryInterceptor(),
      new RetryInterceptor({ initialDelayMs: 1, random: () => 0 }),
      new CostTrackingInterceptor(),
    ];
    conduit = await startConduit(chatModelFor('openai', server.baseUrl), {
      embed: embeddingModelFor(server.baseUrl),
      interceptors,
    });
  });

  afterEach(async () => {
    await conduit.close();
    await server.close();
  });

  it('a chat call: one CLIENT span with the GenAI attributes, retries and cost', async () => {
    server.enqueue(
      { status: 503, body: '{"error":{"message":"busy","type":"server_error"}}' },
      { fixture: 'openai/chat-text.json' },
    );
    const answer = await conduit.chat.chat('Hi', { temperature: 0.2, maxTokens: 64, topP: 0.9 });
    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(1);
    const [span] = spans;
    expect(span.name).toBe('chat gpt-4o');
    expect(span.kind).toBe(SpanKind.CLIENT);
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(span.attributes).toMatchObject({
      'gen_ai.system': 'openai',
      'gen_ai.provider.name': 'openai',
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': 'gpt-4o',
      'gen_ai.request.temperature': 0.2,
      'gen_ai.request.top_p': 0.9,
      'gen_ai.request.max_tokens': 64,
      'gen_ai.response.id': answer.id,
      'gen_ai.response.model': answer.model,
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': answer.usage.inputTokens,
      'gen_ai.usage.output_tokens': answer.usage.outputTokens,
      'conduit.retry.attempts': 2,
      'conduit.stream': false,
    });
    expect(span.attributes['conduit.cost.usd']).toBeGreaterThan(0);
  });

  it('records conduit.cost.usd when the cost interceptor sits right inside it, for chat and stream', async () => {
    const direct = await startConduit(chatModelFor('openai', server.baseUrl), {
      interceptors: [new OpenTelemetryInterceptor(), new CostTrackingInterceptor()],
    });
    try {
      server.enqueue(
        { fixture: 'openai/chat-text.json' },
        { fixture: 'openai/chat-text.stream.txt', chunkSize: 64 },
      );
      await direct.chat.chat('Hi');
      await lastValueFrom(direct.chat.stream('Hi'));
      const spans = exporter.getFinishedSpans();
      expect(spans).toHaveLength(2);
      for (const span of spans) expect(span.attributes['conduit.cost.usd']).toBeGreaterThan(0);
    } finally {
      await direct.close();
    }
  });

  it('cached and reasoning tokens get their own attributes', async () => {
    server.enqueue({ fixture: 'openai/chat-cached-tokens.json' });
    const answer = await conduit.chat.chat('Hi');
    const [span] = exporter.getFinishedSpans();
    expect(span.attributes['gen_ai.usage.cache_read.input_tokens']).toBe(
      answer.usage.cacheReadTokens,
    );
    expect(answer.usage.cacheReadTokens).toBe(3840);
  });

  it('a stream: the span closes after the last event, with id, finish reason and usage', async () => {
    server.enqueue({ fixture: 'openai/chat-text.stream.txt' });
    const outcome = await runStream(conduit.chat.stream('Hi'));
    const finish = outcome.events.find((e) => e.type === 'finish');
    const [span] = exporter.getFinishedSpans();
    expect(span.attributes).toMatchObject({
      'conduit.stream': true,
      'gen_ai.response.finish_reasons': [finish!.type === 'finish' ? finish!.finishReason : ''],
      'gen_ai.usage.output_tokens': finish!.type === 'finish' ? finish!.usage.outputTokens : -1,
    });
    expect(span.attributes['gen_ai.response.id']).toEqual(expect.any(String));
  });

  it('a stream unsubscribed early: the span ends, marked cancelled', async () => {
    server.enqueue({ fixture: 'openai/chat-text.stream.txt', chunkSize: 64 });
    await lastValueFrom(conduit.chat.stream('Hi').pipe(take(1)));
    // Ended: the one span of the call is among the finished ones, not left open.
    expect(exporter.getFinishedSpans()).toHaveLength(1);
    const [span] = exporter.getFinishedSpans();
    expect(span.attributes['conduit.cancelled']).toBe(true);
  });

  it('a failure: status ERROR, error.type and the exception event', async () => {
    server.enqueue({ fixture: 'openai/error-invalid-api-key.401.json' });
    expect(await rejectionOf(conduit.chat.chat('Hi'))).toBeInstanceOf(AuthenticationError);
    const [span] = exporter.getFinishedSpans();
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.attributes['error.type']).toBe('AuthenticationError');
    expect(span.events.map((e) => e.name)).toContain('exception');
  });

  it('embeddings: operation embeddings with the input tokens', async () => {
    server.enqueue({ fixture: 'openai/embeddings.json' });
    const answer = await conduit.chat.embed(['a', 'b']);
    const [span] = exporter.getFinishedSpans();
    expect(span.name).toBe('embeddings text-embedding-3-small');
    expect(span.attributes).toMatchObject({
      'gen_ai.operation.name': 'embeddings',
      'gen_ai.usage.input_tokens': answer.usage.inputTokens,
    });
  });

  it('a tool call: an execute_tool span, child of the span active when it runs', async () => {
    const tracer = provider.getTracer('test');
    const parent = tracer.startSpan('agent run');
    const toolContext: ToolCallContext = {
      kind: 'tool',
      alias: 'get_weather',
      metadata: new Map(),
      signal: new AbortController().signal,
      toolCall: { id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } },
    } as unknown as ToolCallContext;
    const result: ToolResult = {
      toolCallId: 'call_1',
      toolName: 'get_weather',
      content: 'sunny',
      isError: false,
    };
    const interceptor = new OpenTelemetryInterceptor();
    await otelContext.with(trace.setSpan(otelContext.active(), parent), () =>
      lastValueFrom(interceptor.intercept(toolContext, { handle: () => of(result) })),
    );
    parent.end();
    const tool = exporter.getFinishedSpans().find((s) => s.name === 'execute_tool get_weather');
    expect(tool!.kind).toBe(SpanKind.INTERNAL);
    expect(tool!.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
    expect(tool!.attributes).toMatchObject({
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'get_weather',
      'gen_ai.tool.call.id': 'call_1',
      'conduit.tool.is_error': false,
    });
  });

  it('uses the tracerProvider option instead of the global one', async () => {
    const own = new InMemorySpanExporter();
    const ownProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(own)] });
    server.enqueue({ fixture: 'openai/chat-text.json' });
    await conduit.chat.chat('Hi', {
      interceptors: [
        new OpenTelemetryInterceptor({ tracerProvider: ownProvider, tracerName: 'mine' }),
      ],
    });
    expect(own.getFinishedSpans()).toHaveLength(1);
    expect(own.getFinishedSpans()[0].instrumentationScope.name).toBe('mine');
    await ownProvider.shutdown();
  });
});
