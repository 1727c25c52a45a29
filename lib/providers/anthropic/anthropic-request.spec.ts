import { ConduitValidationError, type ChatRequest } from '../../core';
import type { AnthropicProviderOptions } from './anthropic-options.types';
import { buildAnthropicMessagesBody, type AnthropicRequestTarget } from './anthropic-request';

const target: AnthropicRequestTarget = { model: 'claude-sonnet-4-5', stream: false };
const hello: ChatRequest = { messages: [{ role: 'user', content: 'Hello' }] };

describe('buildAnthropicMessagesBody', () => {
  it('builds a minimal body with the per-family max_tokens default', () => {
    expect(buildAnthropicMessagesBody(hello, target)).toEqual({
      body: {
        model: 'claude-sonnet-4-5',
        max_tokens: 16_000,
        messages: [{ role: 'user', content: 'Hello' }],
      },
      warnings: [],
    });
  });

  it('takes maxTokens from the call, then from the model settings', () => {
    expect(buildAnthropicMessagesBody({ ...hello, maxTokens: 50 }, target).body['max_tokens']).toBe(
      50,
    );
    expect(
      buildAnthropicMessagesBody(hello, { ...target, defaultMaxTokens: 777 }).body['max_tokens'],
    ).toBe(777);
    expect(
      buildAnthropicMessagesBody({ ...hello, maxTokens: 50 }, { ...target, defaultMaxTokens: 777 })
        .body['max_tokens'],
    ).toBe(50);
    expect(
      buildAnthropicMessagesBody(hello, { ...target, model: 'claude-3-5-haiku-latest' }).body[
        'max_tokens'
      ],
    ).toBe(8192);
  });

  it('maps sampling settings and stop sequences, and sets stream only when streaming', () => {
    const { body, warnings } = buildAnthropicMessagesBody(
      { ...hello, temperature: 0.3, topP: 0.9, stop: '4242' },
      { ...target, stream: true },
    );
    expect(body).toMatchObject({
      temperature: 0.3,
      top_p: 0.9,
      stop_sequences: ['4242'],
      stream: true,
    });
    expect(warnings).toEqual([]);
    expect(
      buildAnthropicMessagesBody({ ...hello, stop: ['a', 'b'] }, target).body['stop_sequences'],
    ).toEqual(['a', 'b']);
    expect(buildAnthropicMessagesBody(hello, target).body).not.toHaveProperty('stream');
  });

  it('sends a temperature above 1 as 1 and reports the seed instead of failing', () => {
    const { body, warnings } = buildAnthropicMessagesBody(
      { ...hello, temperature: 1.5, seed: 42 },
      target,
    );
    expect(body['temperature']).toBe(1);
    expect(body).not.toHaveProperty('seed');
    expect(warnings).toEqual([
      { setting: 'temperature', message: expect.stringContaining('sent as 1') },
      { setting: 'seed', message: expect.stringContaining('does not support seeds') },
    ]);
  });

  it('adds the thinking budget to max_tokens and drops settings thinking forbids, with warnings', () => {
    const { body, warnings } = buildAnthropicMessagesBody(
      {
        ...hello,
        maxTokens: 1000,
        temperature: 0.2,
        topP: 0.5,
        providerOptions: { anthropic: { thinking: { type: 'enabled', budgetTokens: 2048 } } },
      },
      target,
    );
    expect(body['thinking']).toEqual({ type: 'enabled', budget_tokens: 2048 });
    expect(body['max_tokens']).toBe(3048);
    expect(body).not.toHaveProperty('temperature');
    expect(body).not.toHaveProperty('top_p');
    expect(warnings.map((w) => w.setting)).toEqual(['temperature', 'topP']);
  });

  it('accepts the typed AnthropicProviderOptions where providerOptions.anthropic goes', () => {
    const anthropic = {
      thinking: { type: 'enabled', budgetTokens: 1024 },
      cacheControl: { messages: [-1] },
      top_k: 4,
    } satisfies AnthropicProviderOptions;
    const { body } = buildAnthropicMessagesBody(
      { ...hello, providerOptions: { anthropic } },
      target,
    );
    expect(body).toMatchObject({
      thinking: { type: 'enabled', budget_tokens: 1024 },
      top_k: 4,
      messages: [
        {
          role: 'user',
          content: [{ type: 'text', text: 'Hello', cache_control: { type: 'ephemeral' } }],
        },
      ],
    });
    expect(body).not.toHaveProperty('cacheControl');
  });

  it('keeps a topP of 0.95 or more with thinking, and uses the model thinking setting', () => {
    const { body, warnings } = buildAnthropicMessagesBody(
      { ...hello, topP: 0.97 },
      { ...target, thinking: { type: 'enabled', budgetTokens: 1024 } },
    );
    expect(body['top_p']).toBe(0.97);
    expect(body['max_tokens']).toBe(16_000 + 1024);
    expect(warnings).toEqual([]);
  });

  it('turns thinking off for one call without dropping sampling settings', () => {
    const { body, warnings } = buildAnthropicMessagesBody(
      {
        ...hello,
        temperature: 0.5,
        providerOptions: { anthropic: { thinking: { type: 'disabled' } } },
      },
      { ...target, thinking: { type: 'enabled', budgetTokens: 1024 } },
    );
    expect(body).toMatchObject({
      thinking: { type: 'disabled' },
      temperature: 0.5,
      max_tokens: 16_000,
    });
    expect(warnings).toEqual([]);
  });

  it('maps a json_schema responseFormat to output_config.format and warns about plain json', () => {
    const schema = { type: 'object', properties: { n: { type: 'number' } }, required: ['n'] };
    const structured = buildAnthropicMessagesBody(
      { ...hello, responseFormat: { type: 'json_schema', name: 'answer', schema } },
      target,
    );
    expect(structured.body['output_config']).toEqual({ format: { type: 'json_schema', schema } });
    expect(structured.warnings).toEqual([]);

    const json = buildAnthropicMessagesBody({ ...hello, responseFormat: { type: 'json' } }, target);
    expect(json.body).not.toHaveProperty('output_config');
    expect(json.warnings).toEqual([
      { setting: 'responseFormat', message: expect.stringContaining('no plain JSON mode') },
    ]);

    expect(
      buildAnthropicMessagesBody({ ...hello, responseFormat: { type: 'text' } }, target).body,
    ).not.toHaveProperty('output_config');
  });

  it('sends tools and tool choice, and warns about a tool choice without tools', () => {
    const tool = { name: 'get_time', parameters: { type: 'object' } };
    const withTools = buildAnthropicMessagesBody(
      { ...hello, tools: [tool], toolChoice: 'required' },
      target,
    );
    expect(withTools.body['tools']).toEqual([
      { name: 'get_time', input_schema: { type: 'object' } },
    ]);
    expect(withTools.body['tool_choice']).toEqual({ type: 'any' });
    const without = buildAnthropicMessagesBody({ ...hello, toolChoice: 'auto' }, target);
    expect(without.body).not.toHaveProperty('tool_choice');
    expect(without.warnings).toEqual([
      { setting: 'toolChoice', message: 'ignored because no tools were given' },
    ]);
  });

  it('places request-level cache breakpoints on the system prompt, the last tool and the chosen messages', () => {
    const { body, warnings } = buildAnthropicMessagesBody(
      {
        messages: [
          { role: 'system', content: 'Rules' },
          { role: 'user', content: 'Q1' },
          { role: 'assistant', content: 'A1' },
          { role: 'user', content: 'Q2' },
        ],
        tools: [
          { name: 'a', parameters: {} },
          { name: 'b', parameters: {} },
        ],
        providerOptions: {
          anthropic: { cacheControl: { system: true, tools: true, messages: [-1] } },
        },
      },
      target,
    );
    expect(body['system']).toEqual([
      { type: 'text', text: 'Rules', cache_control: { type: 'ephemeral' } },
    ]);
    expect(body['tools']).toEqual([
      { name: 'a', input_schema: {} },
      { name: 'b', input_schema: {}, cache_control: { type: 'ephemeral' } },
    ]);
    expect(body['messages']).toEqual([
      { role: 'user', content: 'Q1' },
      { role: 'assistant', content: 'A1' },
      {
        role: 'user',
        content: [{ type: 'text', text: 'Q2', cache_control: { type: 'ephemeral' } }],
      },
    ]);
    expect(warnings).toEqual([]);
  });

  it('reports a system breakpoint without a system prompt instead of dropping it silently', () => {
    const { body, warnings } = buildAnthropicMessagesBody(
      { ...hello, providerOptions: { anthropic: { cacheControl: { system: true } } } },
      target,
    );
    expect(body).not.toHaveProperty('system');
    expect(warnings).toEqual([
      {
        setting: 'providerOptions.anthropic.cacheControl.system',
        message: expect.stringContaining('no system prompt'),
      },
    ]);
  });

  it('merges the raw providerOptions.anthropic keys last, so they win', () => {
    const { body } = buildAnthropicMessagesBody(
      {
        ...hello,
        maxTokens: 100,
        providerOptions: {
          anthropic: { max_tokens: 64, top_k: 3, metadata: { user_id: 'u-1' } },
          openai: { user: 'ignored' },
        },
      },
      target,
    );
    expect(body).toMatchObject({ max_tokens: 64, top_k: 3, metadata: { user_id: 'u-1' } });
    expect(body).not.toHaveProperty('user');
  });

  it('joins a raw output_config (effort) with the format of responseFormat', () => {
    const schema = { type: 'object' };
    const { body } = buildAnthropicMessagesBody(
      {
        ...hello,
        responseFormat: { type: 'json_schema', name: 'x', schema },
        providerOptions: { anthropic: { output_config: { effort: 'low' } } },
      },
      target,
    );
    expect(body['output_config']).toEqual({
      format: { type: 'json_schema', schema },
      effort: 'low',
    });
    const effortOnly = buildAnthropicMessagesBody(
      { ...hello, providerOptions: { anthropic: { output_config: { effort: 'high' } } } },
      target,
    );
    expect(effortOnly.body['output_config']).toEqual({ effort: 'high' });
  });

  it('fails with a ConduitValidationError for a breakpoint pointing at no message', () => {
    expect(() =>
      buildAnthropicMessagesBody(
        { ...hello, providerOptions: { anthropic: { cacheControl: { messages: [3] } } } },
        target,
      ),
    ).toThrow(ConduitValidationError);
  });
});
