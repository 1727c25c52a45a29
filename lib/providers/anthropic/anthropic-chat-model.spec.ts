import { lastValueFrom } from 'rxjs';
import { readFixtureJson } from '../../../test/support/fixtures';
import {
  ANTHROPIC_ASK as request,
  useAnthropicReplay,
} from '../../../test/support/anthropic-harness';
import { collectStream } from '../../streaming/collect-stream';
import { AnthropicChatModel } from './anthropic-chat-model';

const NO_CACHE = { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 };

const replay = useAnthropicReplay();

describe('AnthropicChatModel.chat() on the recorded answers', () => {
  it('maps a text answer (messages-text.json)', async () => {
    const model = replay.model({ fixture: 'anthropic/messages-text.json' });
    expect(await model.chat(request)).toEqual({
      id: 'msg_01EXuhhFC9buDpjCcznFPSDs',
      model: 'claude-sonnet-4-20250514',
      text: '4200 + 42 = 4242',
      content: [{ type: 'text', text: '4200 + 42 = 4242' }],
      toolCalls: [],
      finishReason: 'stop',
      rawFinishReason: 'end_turn',
      usage: {
        inputTokens: 17,
        outputTokens: 15,
        totalTokens: 32,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
      },
      message: { role: 'assistant', content: '4200 + 42 = 4242' },
      warnings: [],
      providerMetadata: { anthropic: { cacheCreation: NO_CACHE, serviceTier: 'standard' } },
    });
  });

  it('maps parallel tool calls with their parsed input (messages-tool-use-parallel.json)', async () => {
    const model = replay.model({ fixture: 'anthropic/messages-tool-use-parallel.json' });
    const response = await model.chat(request);
    expect(response.toolCalls).toEqual([
      {
        id: 'toolu_01BUvqBj8Yb34pNAbCJJY1oc',
        name: 'secret_retrieval_tool',
        arguments: { password: 'mellon' },
        rawArguments: '{"password":"mellon"}',
      },
      {
        id: 'toolu_01VPuQJ1LonDBYXrr8pqPkqQ',
        name: 'secret_retrieval_tool',
        arguments: { password: 'radiance' },
        rawArguments: '{"password":"radiance"}',
      },
    ]);
    expect(response).toMatchObject({
      text: "I'll retrieve the secrets for both passwords you provided.",
      finishReason: 'tool_calls',
      rawFinishReason: 'tool_use',
      usage: { inputTokens: 416, outputTokens: 109, totalTokens: 525 },
    });
    expect(response.message.toolCalls).toEqual(response.toolCalls);
  });

  it('maps a thinking block with its signature before the text (messages-thinking.json)', async () => {
    const fixture = readFixtureJson<{ content: { thinking?: string; signature?: string }[] }>(
      'anthropic/messages-thinking.json',
    );
    const model = replay.model({ fixture: 'anthropic/messages-thinking.json' });
    const response = await model.chat(request);
    const content = [
      {
        type: 'reasoning',
        text: fixture.content[0]?.thinking,
        signature: fixture.content[0]?.signature,
      },
      { type: 'text', text: 'The primes were: 79, 179, and 379.' },
    ];
    expect(response.content).toEqual(content);
    expect(response.content[0]).toMatchObject({
      text: expect.stringMatching(/^I need to think about primes below 400/),
    });
    expect(response.text).toBe('The primes were: 79, 179, and 379.');
    expect(response.message).toEqual({ role: 'assistant', content });
  });

  it('counts cache reads and writes into the prompt tokens (messages-cache-read.json)', async () => {
    const model = replay.model({ fixture: 'anthropic/messages-cache-read.json' });
    const response = await model.chat(request);
    expect(response.usage).toEqual({
      inputTokens: 5198,
      outputTokens: 350,
      totalTokens: 5548,
      cacheReadTokens: 4597,
      cacheWriteTokens: 598,
    });
    expect(response.providerMetadata).toEqual({
      anthropic: {
        cacheCreation: { ephemeral_5m_input_tokens: 598, ephemeral_1h_input_tokens: 0 },
        serviceTier: 'standard',
      },
    });
  });

  it('reports which stop sequence matched (messages-stop-sequence.json)', async () => {
    const model = replay.model({ fixture: 'anthropic/messages-stop-sequence.json' });
    const response = await model.chat({ ...request, stop: ['4242'] });
    expect(replay.server.requests[0]?.body).toMatchObject({ stop_sequences: ['4242'] });
    expect(response).toMatchObject({
      text: '4200 + 42 = ',
      finishReason: 'stop',
      rawFinishReason: 'stop_sequence',
      providerMetadata: { anthropic: { stopSequence: '4242' } },
    });
  });

  it('agrees with the streamed answer of the same prompt (messages-text / messages-tool-use-parallel)', async () => {
    for (const name of ['messages-text', 'messages-tool-use-parallel']) {
      const model = replay.model([
        { fixture: `anthropic/${name}.json` },
        { fixture: `anthropic/${name}.stream.txt` },
      ]);
      const plain = await model.chat(request);
      const streamed = await lastValueFrom(model.stream(request).pipe(collectStream()));
      // Two recordings of the same prompt: equal apart from the ids the API generated.
      const shape = (r: typeof plain) => ({
        ...r,
        id: '',
        toolCalls: r.toolCalls.map((c) => ({ name: c.name, arguments: c.arguments })),
        message: { ...r.message, toolCalls: undefined },
      });
      expect(shape(streamed)).toEqual(shape(plain));
    }
  });
});

describe('AnthropicChatModel requests', () => {
  it('posts to <baseUrl>/messages with the key, version, betas and custom headers', async () => {
    const model = replay.model(
      { fixture: 'anthropic/messages-text.json' },
      {
        betas: ['prompt-caching-2024-07-31', 'output-128k-2025-02-19'],
        headers: { 'x-team': 'a', 'x-over': 'model' },
      },
    );
    await model.chat({ ...request, headers: { 'x-over': 'call' } });
    const sent = replay.server.requests[0];
    expect(sent?.method).toBe('POST');
    expect(sent?.path).toBe('/v1/messages');
    expect(sent?.headers).toMatchObject({
      'x-api-key': 'sk-ant-test-key',
      'anthropic-version': '2023-06-01',
      'anthropic-beta': 'prompt-caching-2024-07-31,output-128k-2025-02-19',
      'content-type': 'application/json',
      'x-team': 'a',
      'x-over': 'call',
    });
    expect(sent?.headers).not.toHaveProperty('authorization');
    expect(sent?.body).toEqual({
      model: 'claude-sonnet-4-20250514',
      max_tokens: 16_000,
      messages: [{ role: 'user', content: 'Hello' }],
    });
  });

  it('sends its own anthropic-version, no beta header without betas and no key when none is set', async () => {
    replay.server.enqueue({ fixture: 'anthropic/messages-text.json' });
    const model = new AnthropicChatModel({
      model: 'claude-sonnet-4-5',
      baseUrl: `${replay.server.baseUrl}/`,
      anthropicVersion: '2099-01-01',
      defaultMaxTokens: 99,
    });
    await model.chat(request);
    expect(replay.server.requests[0]?.path).toBe('/v1/messages');
    expect(replay.server.requests[0]?.headers['anthropic-version']).toBe('2099-01-01');
    expect(replay.server.requests[0]?.headers).not.toHaveProperty('x-api-key');
    expect(replay.server.requests[0]?.headers).not.toHaveProperty('anthropic-beta');
    expect(replay.server.requests[0]?.body).toMatchObject({ max_tokens: 99 });
  });

  it('sends stream: true and accepts text/event-stream when streaming', async () => {
    const model = replay.model({ fixture: 'anthropic/messages-text.stream.txt' });
    await lastValueFrom(model.stream(request));
    expect(replay.server.requests[0]?.body).toMatchObject({ stream: true });
    expect(replay.server.requests[0]?.headers['accept']).toBe('text/event-stream');
  });

  it('rejects a base URL that is not a URL at construction', () => {
    expect(
      () => new AnthropicChatModel({ model: 'claude-sonnet-4-5', baseUrl: 'not a url' }),
    ).toThrow();
  });

  it('describes itself from the model catalogue', () => {
    const model = replay.model([], { model: 'claude-sonnet-4-5-20250929' });
    expect(model.specificationVersion).toBe('v1');
    expect(model.info()).toMatchObject({
      provider: 'anthropic',
      modelId: 'claude-sonnet-4-5-20250929',
      capabilities: { tools: true, reasoning: true, vision: true },
      pricing: { inputPerMillion: 3, outputPerMillion: 15 },
    });
    const custom = replay.model([], { model: 'my-claude-proxy', capabilities: { vision: true } });
    expect(custom.info().capabilities.vision).toBe(true);
  });
});
