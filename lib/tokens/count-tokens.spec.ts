import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Message, ToolDefinition } from '../core';
import {
  countMessageTokens,
  countTextTokens,
  countTokens,
  isExactTokenCount,
} from './count-tokens';

const FIXTURES = join(__dirname, '../../../shared/fixtures');

interface WireToolCall {
  id: string;
  function: { name: string; arguments: string };
}
interface WireMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string | null;
  tool_calls?: WireToolCall[];
  tool_call_id?: string;
}
interface WireRequest {
  model: string;
  messages: WireMessage[];
  tools: { function: { name: string; description: string; parameters: Record<string, unknown> } }[];
}

/** The recorded OpenAI request, turned into Conduit messages the way a user would write them. */
function recordedRequest(): { model: string; messages: Message[]; tools: ToolDefinition[] } {
  const wire = JSON.parse(
    readFileSync(join(FIXTURES, 'openai/chat-tool-result-followup.request.json'), 'utf8'),
  ) as WireRequest;
  const messages = wire.messages.map((m): Message => {
    if (m.role === 'tool') {
      return { role: 'tool', content: m.content ?? '', toolCallId: m.tool_call_id ?? '' };
    }
    if (m.role === 'assistant') {
      return {
        role: 'assistant',
        content: m.content ?? '',
        toolCalls: (m.tool_calls ?? []).map((c) => ({
          id: c.id,
          name: c.function.name,
          arguments: JSON.parse(c.function.arguments) as Record<string, unknown>,
          rawArguments: c.function.arguments,
        })),
      };
    }
    return { role: m.role, content: m.content ?? '' };
  });
  const tools = wire.tools.map((t) => ({
    name: t.function.name,
    description: t.function.description,
    parameters: t.function.parameters,
  }));
  return { model: wire.model, messages, tools };
}

describe('countTokens', () => {
  it('matches the prompt_tokens OpenAI reported for a recorded gpt-4o tool conversation', () => {
    const { model, messages, tools } = recordedRequest();
    // openai/chat-tool-result-followup.stream.txt reports "prompt_tokens":149 for this request.
    expect(countTokens(messages, tools, { model })).toBe(149);
  });

  it('matches the OpenAI cookbook figures for named messages: 124 on gpt-4o, 129 on gpt-4', () => {
    // The cookbook's example (system messages with names; `user` and `system` are one token each).
    const messages: Message[] = [
      {
        role: 'system',
        content:
          'You are a helpful, pattern-following assistant that translates corporate jargon into plain English.',
      },
      {
        role: 'user',
        name: 'example_user',
        content: 'New synergies will help drive top-line growth.',
      },
      {
        role: 'user',
        name: 'example_assistant',
        content: 'Things working well together will increase revenue.',
      },
      {
        role: 'user',
        name: 'example_user',
        content:
          "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage.",
      },
      {
        role: 'user',
        name: 'example_assistant',
        content: "Let's talk later when we're less busy about how to do better.",
      },
      {
        role: 'user',
        content:
          "This late pivot means we don't have time to boil the ocean for the client deliverable.",
      },
    ];
    expect(countTokens(messages, undefined, { model: 'gpt-4o' })).toBe(124);
    expect(countTokens(messages, undefined, { model: 'gpt-4-0613' })).toBe(129);
  });

  it('matches the OpenAI cookbook figures for tools: 101 on gpt-4o, 105 on gpt-4', () => {
    const tools: ToolDefinition[] = [
      {
        name: 'get_current_weather',
        description: 'Get the current weather in a given location',
        parameters: {
          type: 'object',
          properties: {
            location: { type: 'string', description: 'The city and state, e.g. San Francisco, CA' },
            unit: {
              type: 'string',
              description: 'The unit of temperature to return',
              enum: ['celsius', 'fahrenheit'],
            },
          },
          required: ['location'],
        },
      },
    ];
    const messages: Message[] = [
      {
        role: 'system',
        content: 'You are a helpful assistant that can answer to questions about the weather.',
      },
      { role: 'user', content: "What's the weather like in San Francisco?" },
    ];
    expect(countTokens(messages, tools, { model: 'gpt-4o' })).toBe(101);
    expect(countTokens(messages, tools, { model: 'gpt-4' })).toBe(105);
  });

  it('counts a one-message prompt the way the API does (3 frame + role + text + 3 priming)', () => {
    expect(
      countTokens([{ role: 'user', content: 'Hello!' }], undefined, { model: 'gpt-4o-mini' }),
    ).toBe(9);
  });

  it('uses cl100k_base for gpt-4 and o200k_base for gpt-4o (different counts for the same text)', () => {
    const text = 'Ünïcödé façade — 東京タワーに行きましょう';
    expect(countTextTokens(text, { model: 'gpt-4' })).not.toBe(
      countTextTokens(text, { model: 'gpt-4o' }),
    );
  });

  it('counts special-token strings in user text as plain text instead of throwing', () => {
    expect(countTextTokens('<|endoftext|>', { model: 'gpt-4o' })).toBeGreaterThan(1);
  });

  it('estimates other models as the o200k count plus 10%, rounded up', () => {
    const messages: Message[] = [
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'Explain token buckets in one paragraph, please.' },
    ];
    const exact = countTokens(messages, undefined, { model: 'gpt-4o' });
    expect(countTokens(messages, undefined, { model: 'claude-sonnet-4-5' })).toBe(
      Math.ceil(exact * 1.1),
    );
    expect(countTokens(messages)).toBe(Math.ceil(exact * 1.1));
    expect(isExactTokenCount('gpt-4o-2024-08-06')).toBe(true);
    expect(isExactTokenCount('gpt-3.5-turbo')).toBe(true);
    expect(isExactTokenCount('claude-sonnet-4-5')).toBe(false);
    expect(isExactTokenCount('openai/gpt-oss-120b')).toBe(false);
    expect(isExactTokenCount()).toBe(false);
  });

  it('counts images by detail and names with their extra token', () => {
    const text = { type: 'text', text: 'What is this?' } as const;
    const low: Message = {
      role: 'user',
      content: [text, { type: 'image', url: 'https://x/a.png', detail: 'low' }],
    };
    const high: Message = {
      role: 'user',
      content: [text, { type: 'image', url: 'https://x/a.png' }],
    };
    const model = 'gpt-4o';
    const textOnly = countMessageTokens({ role: 'user', content: 'What is this?' }, { model });
    expect(countMessageTokens(low, { model })).toBe(textOnly + 85);
    expect(countMessageTokens(high, { model })).toBe(textOnly + 765);
    const named = countMessageTokens(
      { role: 'user', content: 'What is this?', name: 'bob' },
      { model },
    );
    expect(named).toBe(textOnly + 1 + countTextTokens('bob', { model }));
  });

  it('adds tool definitions by the cookbook formula, enums included', () => {
    const messages: Message[] = [{ role: 'user', content: 'Weather?' }];
    const tool: ToolDefinition = {
      name: 'get_weather',
      description: 'Get the weather.',
      parameters: {
        type: 'object',
        properties: {
          city: { type: 'string', description: 'The city.' },
          unit: { type: 'string', enum: ['c', 'f'] },
        },
      },
    };
    const model = 'gpt-4o';
    const count = (s: string): number => countTextTokens(s, { model });
    const expected =
      7 +
      count('get_weather:Get the weather') +
      3 +
      (3 + count('city:string:The city')) +
      (3 - 3 + (3 + count('c')) + (3 + count('f')) + count('unit:string:')) +
      12;
    expect(countTokens(messages, [tool], { model }) - countTokens(messages, [], { model })).toBe(
      expected,
    );
  });

  it('drops reasoning parts for OpenAI (not sent back) but counts them for other providers', () => {
    const message: Message = {
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'Let me think about this carefully.' },
        { type: 'text', text: 'Yes.' },
      ],
    };
    const plain: Message = { role: 'assistant', content: 'Yes.' };
    expect(countMessageTokens(message, { model: 'gpt-4o' })).toBe(
      countMessageTokens(plain, { model: 'gpt-4o' }),
    );
    expect(countMessageTokens(message, { model: 'claude-sonnet-4-5' })).toBeGreaterThan(
      countMessageTokens(plain, { model: 'claude-sonnet-4-5' }),
    );
  });

  it('counts a single tool call addressed to its function', () => {
    const model = 'gpt-4o';
    const call: Message = {
      role: 'assistant',
      content: '',
      toolCalls: [{ id: 'c1', name: 'lookup', arguments: { q: 'x' }, rawArguments: '{"q":"x"}' }],
    };
    const bare = countMessageTokens({ role: 'assistant', content: '' }, { model });
    const count = (s: string): number => countTextTokens(s, { model });
    expect(countMessageTokens(call, { model })).toBe(
      bare + count(' to=functions.lookup') + count('{"q":"x"}') + 3,
    );
  });
});
