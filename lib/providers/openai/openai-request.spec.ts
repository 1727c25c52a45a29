import { ConduitValidationError, type ChatRequest } from '../../core';
import { buildOpenAIChatBody, usesMaxCompletionTokens } from './openai-request';

const messages = [{ role: 'user' as const, content: 'Hi' }];
const openai = {
  model: 'gpt-4o',
  baseUrl: 'https://api.openai.com/v1',
  providerName: 'openai',
  stream: false,
};

describe('buildOpenAIChatBody', () => {
  it('maps every call setting', () => {
    const request: ChatRequest = {
      messages,
      temperature: 0.2,
      topP: 0.9,
      maxTokens: 100,
      stop: ['END'],
      seed: 7,
      tools: [{ name: 't', parameters: { type: 'object' } }],
      toolChoice: 'required',
      responseFormat: { type: 'json' },
    };
    expect(buildOpenAIChatBody(request, openai)).toEqual({
      body: {
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'Hi' }],
        temperature: 0.2,
        top_p: 0.9,
        max_completion_tokens: 100,
        stop: ['END'],
        seed: 7,
        tools: [{ type: 'function', function: { name: 't', parameters: { type: 'object' } } }],
        tool_choice: 'required',
        response_format: { type: 'json_object' },
      },
      warnings: [],
    });
  });

  it('uses max_tokens for OpenAI-compatible servers', () => {
    const { body } = buildOpenAIChatBody(
      { messages, maxTokens: 9, stop: 'x' },
      { ...openai, baseUrl: 'http://127.0.0.1:11434/v1' },
    );
    expect(body).toMatchObject({ max_tokens: 9, stop: 'x' });
    expect(body).not.toHaveProperty('max_completion_tokens');
    expect(usesMaxCompletionTokens('https://api.openai.com/v1')).toBe(true);
    expect(usesMaxCompletionTokens('https://api.groq.com/openai/v1')).toBe(false);
  });

  it('asks for usage in streams', () => {
    expect(buildOpenAIChatBody({ messages }, { ...openai, stream: true }).body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('merges providerOptions.openai last, then the custom provider entry', () => {
    const request: ChatRequest = {
      messages,
      temperature: 1,
      providerOptions: {
        openai: { user: 'u-1', temperature: 0 },
        ollama: { keep_alive: '5m', user: 'u-2' },
        groq: { x: 1 },
      },
    };
    expect(buildOpenAIChatBody(request, openai).body).toMatchObject({
      user: 'u-1',
      temperature: 0,
    });
    expect(buildOpenAIChatBody(request, openai).body).not.toHaveProperty('keep_alive');
    const ollama = buildOpenAIChatBody(request, { ...openai, providerName: 'ollama' }).body;
    expect(ollama).toMatchObject({ user: 'u-2', keep_alive: '5m', temperature: 0 });
    expect(ollama).not.toHaveProperty('x');
  });

  it('rejects n > 1 with a ConduitValidationError naming the option', () => {
    const attempt =
      (n: unknown, providerName = 'openai') =>
      () =>
        buildOpenAIChatBody(
          { messages, providerOptions: { [providerName]: { n } } },
          { ...openai, providerName },
        );
    expect(attempt(3)).toThrow(ConduitValidationError);
    expect(attempt(3)).toThrow('providerOptions.openai.n: must be 1 (got 3)');
    expect(attempt(2, 'vllm')).toThrow('providerOptions.vllm.n');
    const fromOpenAIEntry = () =>
      buildOpenAIChatBody(
        { messages, providerOptions: { openai: { n: 2 } } },
        { ...openai, providerName: 'vllm' },
      );
    expect(fromOpenAIEntry).toThrow('providerOptions.openai.n');
    expect(attempt(1)).not.toThrow();
    expect(attempt(null)).not.toThrow();
  });

  it('warns when a tool choice is given without tools', () => {
    expect(buildOpenAIChatBody({ messages, toolChoice: 'auto' }, openai).warnings).toEqual([
      { setting: 'toolChoice', message: 'ignored because no tools were given' },
    ]);
  });
});
