import { lastValueFrom, toArray } from 'rxjs';
import {
  AuthenticationError,
  ConnectionError,
  ContentFilterError,
  QuotaExceededError,
  RateLimitError,
  ServerError,
  TimeoutError,
  type ChatRequest,
  type StreamEvent,
} from '../core';
import { collectStream } from '../streaming/collect-stream';
import { MockChatModel } from './mock-chat-model';
import { MockResponses } from './mock-responses';

const hi: ChatRequest = { messages: [{ role: 'user', content: 'Hi there' }] };

describe('MockChatModel', () => {
  afterEach(() => jest.useRealTimers());

  it('answers from the script in order and records every request', async () => {
    const model = new MockChatModel({ responses: ['first', MockResponses.text('second')] });
    expect((await model.chat(hi)).text).toBe('first');
    const second = await model.chat({ messages: [{ role: 'user', content: 'again' }] });
    expect(second.text).toBe('second');
    expect(model.calls).toBe(2);
    expect(model.requests.map((r) => r.messages[0]?.content)).toEqual(['Hi there', 'again']);
    expect(model.lastRequest?.messages[0]?.content).toBe('again');
  });

  it('throws a clear error naming the call once the script is exhausted', async () => {
    const model = new MockChatModel({ responses: ['only one'] });
    await model.chat(hi);
    await expect(model.chat(hi)).rejects.toThrow(
      'MockChatModel: no response scripted for call #2; the script has 1 response(s). Add responses or pass respond(request, callIndex).',
    );
    await expect(lastValueFrom(model.stream(hi))).rejects.toThrow(
      'no response scripted for call #3',
    );
    expect(model.calls).toBe(3);
  });

  it('computes answers with respond(request, callIndex)', async () => {
    const model = new MockChatModel({
      respond: (request, callIndex) => `#${callIndex}: ${request.messages.length} message(s)`,
    });
    expect((await model.chat(hi)).text).toBe('#0: 1 message(s)');
    expect((await lastValueFrom(model.stream(hi).pipe(collectStream()))).text).toBe(
      '#1: 1 message(s)',
    );
  });

  it('builds a full ChatResponse: ids, finish reason, usage estimate and the message', async () => {
    const model = new MockChatModel({
      responses: [
        MockResponses.toolCalls([
          { name: 'weather', arguments: { city: 'Paris' } },
          { id: 'mine', name: 'time' },
        ]),
      ],
      modelId: 'gpt-mock',
    });
    const answer = await model.chat(hi);
    expect(answer).toEqual({
      id: 'mock-response-1',
      model: 'gpt-mock',
      text: '',
      content: [],
      toolCalls: [
        {
          id: 'call_mock_1_0',
          name: 'weather',
          arguments: { city: 'Paris' },
          rawArguments: '{"city":"Paris"}',
        },
        { id: 'mine', name: 'time', arguments: {}, rawArguments: '{}' },
      ],
      finishReason: 'tool_calls',
      rawFinishReason: 'tool_calls',
      // About 4 characters a token: "Hi there" -> 2; 'weather{"city":"Paris"}time{}' -> 8.
      usage: { inputTokens: 2, outputTokens: 8, totalTokens: 10 },
      message: { role: 'assistant', content: '', toolCalls: answer.toolCalls },
      warnings: [],
      providerMetadata: {},
    });
  });

  it('estimates input tokens from text parts too', async () => {
    const model = new MockChatModel({ responses: ['ok'] });
    const answer = await model.chat({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: '12345678' },
            { type: 'image', url: 'https://x/y.png' },
          ],
        },
      ],
    });
    expect(answer.usage.inputTokens).toBe(2);
  });

  it('uses the scripted usage and finish reason when given', async () => {
    const usage = { inputTokens: 10, outputTokens: 20, totalTokens: 30, cacheReadTokens: 5 };
    const model = new MockChatModel({
      responses: [{ text: 'cut', finishReason: 'length', usage, id: 'r-9' }],
    });
    expect(await model.chat(hi)).toMatchObject({ id: 'r-9', finishReason: 'length', usage });
  });

  it('streams start, deltas, tool-call events, usage and finish like a provider', async () => {
    const model = new MockChatModel({
      responses: [
        { text: 'Let me look.', toolCalls: [{ id: 'c1', name: 'search', arguments: { q: 'x' } }] },
      ],
    });
    const events = await lastValueFrom(model.stream(hi).pipe(toArray()));
    expect(events).toEqual<StreamEvent[]>([
      { type: 'start', id: 'mock-response-1', model: 'mock-model', warnings: [] },
      { type: 'text-delta', delta: 'Let ' },
      { type: 'text-delta', delta: 'me ' },
      { type: 'text-delta', delta: 'look.' },
      { type: 'tool-call-start', index: 0, id: 'c1', name: 'search' },
      { type: 'tool-call-delta', index: 0, id: 'c1', argumentsDelta: '{"q":"x"}' },
      {
        type: 'tool-call',
        index: 0,
        toolCall: { id: 'c1', name: 'search', arguments: { q: 'x' }, rawArguments: '{"q":"x"}' },
      },
      { type: 'usage', usage: { inputTokens: 2, outputTokens: 7, totalTokens: 9 } },
      {
        type: 'finish',
        finishReason: 'tool_calls',
        rawFinishReason: 'tool_calls',
        usage: { inputTokens: 2, outputTokens: 7, totalTokens: 9 },
        providerMetadata: {},
      },
    ]);
  });

  it('a collected stream equals the chat() answer for the same script', async () => {
    const script = {
      text: 'Hello there, friend.',
      toolCalls: [{ name: 'greet', arguments: { who: 'you' } }],
    };
    const chatted = await new MockChatModel({ responses: [script] }).chat(hi);
    const streamed = await lastValueFrom(
      new MockChatModel({ responses: [script] }).stream(hi).pipe(collectStream()),
    );
    expect(streamed).toEqual(chatted);
  });

  it('streams the scripted chunks', async () => {
    const model = new MockChatModel({ responses: [{ text: 'abc', chunks: ['a', 'b', 'c'] }] });
    const events = await lastValueFrom(model.stream(hi).pipe(toArray()));
    expect(events.filter((e) => e.type === 'text-delta')).toEqual([
      { type: 'text-delta', delta: 'a' },
      { type: 'text-delta', delta: 'b' },
      { type: 'text-delta', delta: 'c' },
    ]);
  });

  it('waits delayMs before each chunk, driven by fake timers', async () => {
    jest.useFakeTimers();
    const model = new MockChatModel({ responses: [{ text: 'one two three', delayMs: 1000 }] });
    const seen: string[] = [];
    let done = false;
    model.stream(hi).subscribe({
      next: (e) => seen.push(e.type === 'text-delta' ? e.delta : e.type),
      complete: () => (done = true),
    });
    expect(seen).toEqual(['start']);
    await jest.advanceTimersByTimeAsync(999);
    expect(seen).toEqual(['start']);
    await jest.advanceTimersByTimeAsync(1);
    expect(seen).toEqual(['start', 'one ']);
    await jest.advanceTimersByTimeAsync(2000);
    expect(seen).toEqual(['start', 'one ', 'two ', 'three', 'usage', 'finish']);
    expect(done).toBe(true);
  });

  it('delays a chat() answer by delayMs', async () => {
    jest.useFakeTimers();
    const model = new MockChatModel({ responses: [{ text: 'late', delayMs: 500 }] });
    let text: string | undefined;
    void model.chat(hi).then((r) => (text = r.text));
    await jest.advanceTimersByTimeAsync(499);
    expect(text).toBeUndefined();
    await jest.advanceTimersByTimeAsync(1);
    expect(text).toBe('late');
  });

  it('fails with the scripted typed errors', async () => {
    const model = new MockChatModel({
      responses: [
        MockResponses.rateLimited(2000),
        MockResponses.serverError(503),
        MockResponses.quotaExceeded(),
        MockResponses.authenticationFailed(),
        MockResponses.contentFiltered(),
        MockResponses.connectionFailed(),
        MockResponses.error(new Error('custom')),
      ],
    });
    const rateLimited = await model.chat(hi).catch((e: unknown) => e);
    expect(rateLimited).toBeInstanceOf(RateLimitError);
    expect(rateLimited).toMatchObject({ retryAfterMs: 2000, status: 429, isRetryable: true });
    await expect(model.chat(hi)).rejects.toMatchObject({
      constructor: ServerError,
      status: 503,
      isRetryable: true,
    });
    await expect(model.chat(hi)).rejects.toMatchObject({
      constructor: QuotaExceededError,
      isRetryable: false,
    });
    await expect(model.chat(hi)).rejects.toBeInstanceOf(AuthenticationError);
    await expect(model.chat(hi)).rejects.toBeInstanceOf(ContentFilterError);
    await expect(lastValueFrom(model.stream(hi))).rejects.toBeInstanceOf(ConnectionError);
    await expect(model.chat(hi)).rejects.toThrow('custom');
    expect(MockResponses.rateLimited().error).toMatchObject({ retryAfterMs: undefined });
  });

  it('fails a stream before any event, or after errorAfterChunks deltas', async () => {
    const model = new MockChatModel({
      responses: [
        MockResponses.serverError(),
        { text: 'a b c', error: new Error('cut'), errorAfterChunks: 2 },
      ],
    });
    const first: string[] = [];
    const firstFailure = await new Promise<unknown>((resolve) =>
      model.stream(hi).subscribe({ next: (e) => first.push(e.type), error: resolve }),
    );
    expect(firstFailure).toBeInstanceOf(ServerError);
    expect(first).toEqual([]);
    const second: string[] = [];
    const secondFailure = await new Promise<unknown>((resolve) =>
      model.stream(hi).subscribe({ next: (e) => second.push(e.type), error: resolve }),
    );
    expect((secondFailure as Error).message).toBe('cut');
    expect(second).toEqual(['start', 'text-delta', 'text-delta']);
  });

  it('is cold, records on subscribe, and counts streams unsubscribed before they finished', async () => {
    jest.useFakeTimers();
    const model = new MockChatModel({ responses: [{ text: 'a b c', delayMs: 10 }, 'done'] });
    const stream = model.stream(hi);
    expect(model.calls).toBe(0);
    const subscription = stream.subscribe();
    expect(model.calls).toBe(1);
    await jest.advanceTimersByTimeAsync(10);
    subscription.unsubscribe();
    expect(model.cancelledCalls).toBe(1);
    await lastValueFrom(model.stream(hi));
    expect(model.cancelledCalls).toBe(1);
  });

  it("honours the request's signal: its ConduitError reason, else AbortedError", async () => {
    jest.useFakeTimers();
    const model = new MockChatModel({
      responses: [
        { text: 'slow', delayMs: 1000 },
        { text: 'slow', delayMs: 1000 },
      ],
    });
    const controller = new AbortController();
    const pending = model.chat({ ...hi, signal: controller.signal });
    const failed = expect(pending).rejects.toBeInstanceOf(TimeoutError);
    controller.abort(new TimeoutError(100));
    await failed;
    expect(model.cancelledCalls).toBe(1);
    await expect(
      lastValueFrom(model.stream({ ...hi, signal: AbortSignal.abort() })),
    ).rejects.toMatchObject({
      name: 'AbortedError',
    });
  });

  it('reports its identity and capabilities', () => {
    expect(new MockChatModel().info()).toMatchObject({
      provider: 'mock',
      modelId: 'mock-model',
      capabilities: { tools: true },
    });
    const custom = new MockChatModel({
      provider: 'fake',
      modelId: 'm-1',
      capabilities: { tools: false },
    });
    expect(custom.info()).toMatchObject({
      provider: 'fake',
      modelId: 'm-1',
      capabilities: { tools: false, streaming: true },
    });
  });
});
