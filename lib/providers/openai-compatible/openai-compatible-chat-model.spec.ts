import { lastValueFrom } from 'rxjs';
import { AuthenticationError, unknownModelMessage, type ChatRequest } from '../../core';
import { collectStream } from '../../streaming/collect-stream';
import { recordedText } from '../../../test/support/fixtures';
import { useReplayServer } from '../../../test/support/replay-server';
import { OpenAICompatibleChatModel } from './openai-compatible-chat-model';
import { OPENAI_COMPATIBLE_PRESETS, openAICompatiblePreset } from './openai-compatible-presets';

const ASK: ChatRequest = { messages: [{ role: 'user', content: 'Hi' }] };

describe('OpenAICompatibleChatModel', () => {
  const replay = useReplayServer();
  let emitWarning: jest.SpyInstance;

  beforeEach(() => {
    emitWarning = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
  });
  afterEach(() => emitWarning.mockRestore());

  it('talks to a local server from a preset, without an API key', async () => {
    replay.server.enqueue({ fixture: 'openai/chat-text.stream.txt', chunkSize: 50 });
    const model = openAICompatiblePreset({
      preset: 'ollama',
      model: 'llama3.2',
      baseUrl: replay.server.baseUrl,
      capabilities: { tools: true, vision: false, maxContextTokens: 131_072 },
    });
    const answer = await lastValueFrom(model.stream(ASK).pipe(collectStream()));
    expect(answer.text).toBe(recordedText('openai/chat-text.stream.txt'));
    expect(answer.finishReason).toBe('stop');
    const request = replay.server.requests[0];
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.headers['authorization']).toBeUndefined();
    expect(request?.body).toMatchObject({
      model: 'llama3.2',
      stream: true,
      stream_options: { include_usage: true },
    });
    // Compatible servers only know max_tokens; the OpenAI mapping picks it for non-OpenAI hosts.
    expect(model.info()).toEqual({
      provider: 'ollama',
      modelId: 'llama3.2',
      capabilities: expect.objectContaining({
        tools: true,
        vision: false,
        maxContextTokens: 131_072,
      }),
    });
    // The user described the model: no warning.
    expect(emitWarning).not.toHaveBeenCalled();
  });

  it('knows the default addresses of Ollama, vLLM, LM Studio and llama.cpp', () => {
    expect(OPENAI_COMPATIBLE_PRESETS).toEqual({
      ollama: { baseUrl: 'http://127.0.0.1:11434/v1' },
      vllm: { baseUrl: 'http://127.0.0.1:8000/v1' },
      'lm-studio': { baseUrl: 'http://127.0.0.1:1234/v1' },
      'llama-cpp': { baseUrl: 'http://127.0.0.1:8080/v1' },
    });
    const model = openAICompatiblePreset({
      preset: 'vllm',
      model: 'Qwen/Qwen2.5-7B-Instruct',
      apiKey: 'token-abc123',
    });
    expect(model.info().provider).toBe('vllm');
  });

  it('drops stream_options for servers that reject it, and sends the key when there is one', async () => {
    replay.server.enqueue({ fixture: 'openai/chat-text.stream.txt' });
    const model = new OpenAICompatibleChatModel({
      providerName: 'llama-cpp',
      baseUrl: replay.server.baseUrl,
      model: 'local',
      apiKey: 'local-secret-key',
      streamUsage: false,
      capabilities: {},
    });
    await lastValueFrom(model.stream({ ...ASK, maxTokens: 64 }));
    const body = replay.server.requests[0]?.body as Record<string, unknown>;
    expect(body['stream_options']).toBeUndefined();
    expect(body).toMatchObject({ stream: true, max_tokens: 64 });
    expect(replay.server.requests[0]?.headers['authorization']).toBe('Bearer local-secret-key');
  });

  it('warns once about an undescribed unknown model and uses conservative capabilities', () => {
    const first = new OpenAICompatibleChatModel({
      baseUrl: 'http://127.0.0.1:9/v1',
      model: 'mystery-7b',
    });
    new OpenAICompatibleChatModel({ baseUrl: 'http://127.0.0.1:9/v1', model: 'mystery-7b' });
    expect(emitWarning).toHaveBeenCalledTimes(1);
    expect(emitWarning).toHaveBeenCalledWith(
      unknownModelMessage('openai-compatible', 'mystery-7b'),
      {
        code: 'CONDUIT_UNKNOWN_MODEL',
      },
    );
    expect(first.info().capabilities).toMatchObject({
      streaming: true,
      tools: true,
      vision: false,
      reasoning: false,
    });
    expect(first.info().pricing).toBeUndefined();
  });

  it('passes errors through with the provider name', async () => {
    replay.server.enqueue({ fixture: 'openai/error-invalid-api-key.401.json' });
    const model = openAICompatiblePreset({
      preset: 'lm-studio',
      model: 'm',
      baseUrl: replay.server.baseUrl,
      capabilities: {},
    });
    await expect(model.chat(ASK)).rejects.toMatchObject({
      constructor: AuthenticationError,
      provider: 'lm-studio',
    });
  });
});
