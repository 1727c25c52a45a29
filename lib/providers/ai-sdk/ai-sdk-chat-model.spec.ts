import type {
  LanguageModelV2,
  LanguageModelV2CallOptions,
  LanguageModelV2StreamPart,
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3GenerateResult,
  LanguageModelV3StreamPart,
} from '@ai-sdk/provider';
import { APICallError } from '@ai-sdk/provider';
import { firstValueFrom, lastValueFrom, take, toArray } from 'rxjs';
import {
  ConduitValidationError,
  InvalidResponseError,
  RateLimitError,
  TimeoutError,
  type ChatRequest,
} from '../../core';
import { collectStream } from '../../streaming/collect-stream';
import { fromAiSdk } from './from-ai-sdk';

const usageV3 = {
  inputTokens: { total: 20, noCache: 4, cacheRead: 16, cacheWrite: undefined },
  outputTokens: { total: 9, text: 6, reasoning: 3 },
};

/** A spec-conformant V3 model whose answers the test scripts; it records every call. */
function v3Model(script: {
  generate?: () => Promise<LanguageModelV3GenerateResult>;
  parts?: readonly LanguageModelV3StreamPart[];
  stream?: (options: LanguageModelV3CallOptions) => ReadableStream<LanguageModelV3StreamPart>;
}): LanguageModelV3 & { calls: LanguageModelV3CallOptions[] } {
  const calls: LanguageModelV3CallOptions[] = [];
  return {
    specificationVersion: 'v3',
    provider: 'acme.chat',
    modelId: 'acme-1',
    supportedUrls: {},
    calls,
    async doGenerate(options) {
      calls.push(options);
      if (script.generate === undefined) throw new Error('no generate scripted');
      return script.generate();
    },
    async doStream(options) {
      calls.push(options);
      return { stream: script.stream?.(options) ?? streamOf(script.parts ?? []) };
    },
  };
}

function streamOf<T>(parts: readonly T[]): ReadableStream<T> {
  return new ReadableStream<T>({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });
}

const request: ChatRequest = {
  messages: [{ role: 'user', content: 'Weather in Paris?' }],
  maxTokens: 100,
  temperature: 0.2,
  topP: 0.9,
  seed: 7,
  stop: 'END',
  tools: [
    {
      name: 'weather',
      description: 'Weather by city',
      parameters: { type: 'object', properties: { city: { type: 'string' } } },
      strict: true,
    },
  ],
  toolChoice: { type: 'tool', name: 'weather' },
  responseFormat: { type: 'json_schema', name: 'w', schema: { type: 'object' } },
  providerOptions: { acme: { user: 'u-1' } },
  headers: { 'x-trace': 't1' },
};

describe('AiSdkChatModel (spec V3)', () => {
  it('sends the request as the spec call options', async () => {
    const model = v3Model({
      generate: async () => ({
        content: [],
        finishReason: { unified: 'stop', raw: 'stop' },
        usage: usageV3,
        warnings: [],
      }),
    });
    const signal = new AbortController().signal;
    await fromAiSdk(model).chat({ ...request, signal });
    expect(model.calls[0]).toEqual({
      prompt: [{ role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] }],
      maxOutputTokens: 100,
      temperature: 0.2,
      topP: 0.9,
      seed: 7,
      stopSequences: ['END'],
      tools: [
        {
          type: 'function',
          name: 'weather',
          description: 'Weather by city',
          inputSchema: { type: 'object', properties: { city: { type: 'string' } } },
          strict: true,
        },
      ],
      toolChoice: { type: 'tool', toolName: 'weather' },
      responseFormat: { type: 'json', schema: { type: 'object' }, name: 'w' },
      providerOptions: { acme: { user: 'u-1' } },
      headers: { 'x-trace': 't1' },
      abortSignal: signal,
    });
  });

  it('maps the generate result: text, reasoning, tool calls, usage, finish reason, metadata', async () => {
    const model = v3Model({
      generate: async () => ({
        content: [
          {
            type: 'reasoning',
            text: 'Need the tool.',
            providerMetadata: { anthropic: { signature: 's1' } },
          },
          { type: 'text', text: 'Checking.' },
          { type: 'tool-call', toolCallId: 'c1', toolName: 'weather', input: '{"city":"Paris"}' },
          { type: 'tool-call', toolCallId: 'c2', toolName: 'weather', input: '{"city":' },
        ],
        finishReason: { unified: 'tool-calls', raw: 'tool_use' },
        usage: usageV3,
        providerMetadata: { acme: { region: 'eu' } },
        response: { id: 'resp-7', modelId: 'acme-1-2025' },
        warnings: [{ type: 'unsupported', feature: 'seed' }],
      }),
    });
    const response = await fromAiSdk(model).chat(request);
    expect(response).toMatchObject({
      id: 'resp-7',
      model: 'acme-1-2025',
      text: 'Checking.',
      content: [
        { type: 'reasoning', text: 'Need the tool.', signature: 's1' },
        { type: 'text', text: 'Checking.' },
      ],
      toolCalls: [
        {
          id: 'c1',
          name: 'weather',
          arguments: { city: 'Paris' },
          rawArguments: '{"city":"Paris"}',
        },
        { id: 'c2', name: 'weather', arguments: {}, rawArguments: '{"city":' },
      ],
      finishReason: 'tool_calls',
      rawFinishReason: 'tool_use',
      usage: {
        inputTokens: 20,
        outputTokens: 9,
        totalTokens: 29,
        cacheReadTokens: 16,
        reasoningTokens: 3,
      },
      providerMetadata: { acme: { region: 'eu' } },
    });
    expect(response.warnings.map((w) => w.setting)).toEqual(['seed', 'toolCalls']);
    expect(response.message.toolCalls).toHaveLength(2);
  });

  it('streams text and a tool call that collect into the whole answer', async () => {
    const parts: LanguageModelV3StreamPart[] = [
      { type: 'stream-start', warnings: [] },
      { type: 'response-metadata', id: 'resp-7', modelId: 'acme-1' },
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'Check' },
      { type: 'text-delta', id: 't', delta: 'ing.' },
      { type: 'text-end', id: 't' },
      { type: 'tool-input-start', id: 'c1', toolName: 'weather' },
      { type: 'tool-input-delta', id: 'c1', delta: '{"city":"Paris"}' },
      { type: 'tool-input-end', id: 'c1' },
      { type: 'tool-call', toolCallId: 'c1', toolName: 'weather', input: '{"city":"Paris"}' },
      {
        type: 'finish',
        usage: usageV3,
        finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
      },
    ];
    const model = v3Model({ parts });
    const collected = await lastValueFrom(fromAiSdk(model).stream(request).pipe(collectStream()));
    expect(collected).toMatchObject({
      id: 'resp-7',
      text: 'Checking.',
      toolCalls: [{ id: 'c1', name: 'weather', arguments: { city: 'Paris' } }],
      finishReason: 'tool_calls',
      usage: { inputTokens: 20, outputTokens: 9, cacheReadTokens: 16 },
    });
  });

  it('fails the stream with the mapped error of an error part', async () => {
    const error = new APICallError({
      message: 'Too many requests',
      url: 'https://acme.test/v1',
      requestBodyValues: {},
      statusCode: 429,
      responseHeaders: { 'retry-after-ms': '250' },
    });
    const model = v3Model({
      parts: [
        { type: 'text-delta', id: 't', delta: 'a' },
        { type: 'error', error },
      ],
    });
    const failure = lastValueFrom(fromAiSdk(model).stream(request));
    await expect(failure).rejects.toBeInstanceOf(RateLimitError);
    await expect(failure).rejects.toMatchObject({ retryAfterMs: 250, provider: 'acme' });
  });

  it('fails a stream that ends without a finish part', async () => {
    const model = v3Model({ parts: [{ type: 'text-delta', id: 't', delta: 'a' }] });
    await expect(lastValueFrom(fromAiSdk(model).stream(request))).rejects.toBeInstanceOf(
      InvalidResponseError,
    );
  });

  it('unsubscribing aborts the call signal and cancels the model stream', async () => {
    let cancelled = false;
    let signal: AbortSignal | undefined;
    const model = v3Model({
      stream: (options) => {
        signal = options.abortSignal;
        return new ReadableStream<LanguageModelV3StreamPart>({
          start(controller) {
            controller.enqueue({ type: 'text-delta', id: 't', delta: 'first' });
          },
          cancel() {
            cancelled = true;
          },
        });
      },
    });
    const events = await firstValueFrom(fromAiSdk(model).stream(request).pipe(take(2), toArray()));
    expect(events.map((event) => event.type)).toEqual(['start', 'text-delta']);
    expect(signal?.aborted).toBe(true);
    expect(cancelled).toBe(true);
  });

  it("fails with the caller's abort reason when request.signal fires mid-stream", async () => {
    const controller = new AbortController();
    const model = v3Model({
      stream: (options) =>
        new ReadableStream<LanguageModelV3StreamPart>({
          start(stream) {
            stream.enqueue({ type: 'text-delta', id: 't', delta: 'first' });
            options.abortSignal?.addEventListener('abort', () =>
              stream.error(new Error('aborted')),
            );
          },
        }),
    });
    const reason = new TimeoutError(1000);
    const events: string[] = [];
    const failure = new Promise<unknown>((resolve) => {
      fromAiSdk(model)
        .stream({ ...request, signal: controller.signal })
        .subscribe({
          next: (event) => {
            events.push(event.type);
            if (event.type === 'text-delta') controller.abort(reason);
          },
          error: resolve,
        });
    });
    expect(await failure).toBe(reason);
    expect(events).toEqual(['start', 'text-delta']);
  });

  it('rejects what is not a V2 or V3 model with a readable validation error', () => {
    const v1 = {
      specificationVersion: 'v1',
      provider: 'x',
      modelId: 'y',
      doGenerate() {},
      doStream() {},
    };
    expect(() => fromAiSdk(v1 as never)).toThrow(ConduitValidationError);
    expect(() => fromAiSdk(v1 as never)).toThrow(
      /expected 'v2' \(@ai-sdk\/provider 2\.x\) or 'v3'/,
    );
    expect(() => fromAiSdk('gpt-4o' as never)).toThrow(/expected an AI SDK model object/);
  });

  it('names the provider after the AI SDK id and takes declared capabilities', () => {
    const model = fromAiSdk(v3Model({}), { capabilities: { pdf: true, vision: true } });
    expect(model.info()).toMatchObject({
      provider: 'acme',
      modelId: 'acme-1',
      capabilities: { pdf: true, vision: true, streaming: true },
    });
    expect(fromAiSdk(v3Model({}), { provider: 'bedrock' }).info().provider).toBe('bedrock');
  });
});

describe('AiSdkChatModel (spec V2)', () => {
  function v2Model(parts: readonly LanguageModelV2StreamPart[]): LanguageModelV2 & {
    calls: LanguageModelV2CallOptions[];
  } {
    const calls: LanguageModelV2CallOptions[] = [];
    return {
      specificationVersion: 'v2',
      provider: 'legacy.chat',
      modelId: 'legacy-1',
      supportedUrls: {},
      calls,
      async doGenerate(options) {
        calls.push(options);
        return {
          content: [{ type: 'text', text: 'Hi.' }],
          finishReason: 'stop',
          usage: { inputTokens: 5, outputTokens: 2, totalTokens: 7, cachedInputTokens: 1 },
          warnings: [{ type: 'unsupported-setting', setting: 'seed' }],
        };
      },
      async doStream(options) {
        calls.push(options);
        return { stream: streamOf(parts) };
      },
    };
  }

  it('maps a V2 answer (flat usage, string finish reason) and sends tools without strict', async () => {
    const model = v2Model([]);
    const response = await fromAiSdk(model).chat(request);
    expect(response).toMatchObject({
      text: 'Hi.',
      finishReason: 'stop',
      rawFinishReason: 'stop',
      usage: { inputTokens: 5, outputTokens: 2, totalTokens: 7, cacheReadTokens: 1 },
      warnings: [{ setting: 'seed', message: 'seed is not supported by this model' }],
    });
    expect(model.calls[0]?.tools).toEqual([
      {
        type: 'function',
        name: 'weather',
        description: 'Weather by city',
        inputSchema: { type: 'object', properties: { city: { type: 'string' } } },
      },
    ]);
  });

  it('streams a V2 model', async () => {
    const model = v2Model([
      { type: 'stream-start', warnings: [] },
      { type: 'text-delta', id: '0', delta: 'Hi' },
      {
        type: 'finish',
        usage: { inputTokens: 5, outputTokens: 2, totalTokens: 7 },
        finishReason: 'length',
      },
    ]);
    const collected = await lastValueFrom(fromAiSdk(model).stream(request).pipe(collectStream()));
    expect(collected).toMatchObject({ model: 'legacy-1', text: 'Hi', finishReason: 'length' });
  });
});
