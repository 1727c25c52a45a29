import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BytePairEncodingCore } from 'gpt-tokenizer/BytePairEncodingCore';
import { countTokens as cl100kCount } from 'gpt-tokenizer/encoding/cl100k_base';
import { countTokens as o200kCount } from 'gpt-tokenizer/encoding/o200k_base';
import {
  CL100K_TOKEN_SPLIT_REGEX,
  O200K_TOKEN_SPLIT_REGEX,
} from 'gpt-tokenizer/encodingParams/constants';
import type { Message, ToolDefinition } from '../core';
import { countInBoundedPieces, MAX_BPE_PIECE_LENGTH } from './count-in-bounded-pieces';
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

const NO_SPECIALS = { disallowedSpecial: new Set<string>() };
/** The encoders' own counts, the whole text in one BPE call: the reference for exact figures. */
const RAW = {
  'gpt-4o': { count: (s: string) => o200kCount(s, NO_SPECIALS), split: O200K_TOKEN_SPLIT_REGEX },
  'gpt-4': { count: (s: string) => cl100kCount(s, NO_SPECIALS), split: CL100K_TOKEN_SPLIT_REGEX },
} as const;
const MODELS = ['gpt-4o', 'gpt-4'] as const;

/** A deterministic pseudo-random generator (mulberry32), so failures replay. */
function randomFrom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A "word" of `length` pseudo-random lowercase letters (a hash, an identifier): one pre-token. */
function oneWord(length: number, seed = 1): string {
  const random = randomFrom(seed);
  let word = '';
  while (word.length < length) word += String.fromCharCode(0x61 + Math.floor(random() * 26));
  return word;
}

/** Hiragana and kanji without punctuation: one o200k pre-token, non-ASCII bytes. */
function cjkRun(length: number): string {
  const random = randomFrom(2);
  let run = '';
  while (run.length < length)
    run += '東京タワーに行きましょう日本語文章'.charAt(Math.floor(random() * 18));
  return run;
}

describe('countTextTokens on long runs without spaces', () => {
  afterEach(() => jest.restoreAllMocks());

  it('hands the BPE no pre-token longer than MAX_BPE_PIECE_LENGTH, however long the run', () => {
    // gpt-tokenizer's merge is quadratic in the length of one pre-token: bounding what reaches it
    // is what keeps a 100 kB run linear. The spy sees every pre-token the BPE merges.
    const bpe = jest.spyOn(
      BytePairEncodingCore.prototype as unknown as { bytePairEncode(piece: string): number[] },
      'bytePairEncode',
    );
    const runs = ['='.repeat(5000), oneWord(5000), ' '.repeat(5000), cjkRun(5000)];
    for (const model of MODELS) {
      for (const run of runs)
        expect(countTextTokens(`Before: ${run} after.`, { model })).toBeGreaterThan(0);
    }
    const longest = Math.max(...bpe.mock.calls.map(([piece]) => piece.length));
    expect(bpe).toHaveBeenCalled();
    expect(longest).toBeLessThanOrEqual(MAX_BPE_PIECE_LENGTH);
  });

  it('counts the text around a long run exactly, whitespace right before the run included', () => {
    // A run of 2048 `=` counts exactly in 512-character slices (`=` tokens are 64 long), so any
    // difference from the encoder's own count would come from the cuts around the run.
    for (const model of MODELS) {
      for (const before of ['', '  \t', '\n \t', ' \u3000', '\n\n']) {
        const text = `Hello world${before}${'='.repeat(2048)} and after it, the end.\n`;
        expect([model, before, countTextTokens(text, { model })]).toEqual([
          model,
          before,
          RAW[model].count(text),
        ]);
      }
    }
  });

  it('gives the encoder its own count for long ordinary text (recorded fixtures, CJK prose)', () => {
    const fixtures = ['openai', 'anthropic']
      .flatMap((dir) =>
        readdirSync(join(FIXTURES, dir)).map((file) =>
          readFileSync(join(FIXTURES, dir, file), 'utf8'),
        ),
      )
      .join('\n');
    const prose = '東京タワーに行きましょう。日本語の文章です、句読点もあります。'.repeat(40);
    for (const model of MODELS) {
      // CJK prose and `- - - ...` are long runs of one kind made of short pre-tokens: they take
      // the pre-token scan and must still come out as one encoder call would count them.
      for (const text of [fixtures, prose, `${'- '.repeat(400)}\n${'ab'.repeat(100)}`]) {
        expect(text.length).toBeGreaterThan(MAX_BPE_PIECE_LENGTH);
        expect(countTextTokens(text, { model })).toBe(RAW[model].count(text));
      }
    }
  });

  it('counts like encoding every pre-token alone, long ones in slices (random texts, small bound)', () => {
    // The reference: each pre-token of the full text counted on its own is exact (a pre-token
    // splits the same way alone), long ones in slices of `max`. The implementation batches the
    // pre-tokens between long ones into single calls; a bound of 6 makes long ones frequent.
    const fragments = [
      ' ',
      '  ',
      '\t',
      '\n',
      '\r\n',
      ' \n ',
      '\u3000',
      'word',
      'Word',
      'WORD',
      "'s",
      "n't",
      '1',
      '2345',
      '=',
      '==',
      '/',
      '//',
      '—',
      '東京',
      'é',
      'x',
      '!',
      '<|endoftext|>',
    ];
    const max = 6;
    const random = randomFrom(42);
    for (let round = 0; round < 300; round++) {
      let text = '';
      const length = 1 + Math.floor(random() * 60);
      for (let i = 0; i < length; i++) text += fragments[Math.floor(random() * fragments.length)];
      for (const model of MODELS) {
        const { count, split } = RAW[model];
        let expected = 0;
        for (const [piece] of text.matchAll(split)) {
          for (let at = 0; at < piece.length; at += max)
            expected += count(piece.slice(at, at + max));
        }
        expect(countInBoundedPieces(text, count, split, max)).toBe(expected);
        expect(countInBoundedPieces(text, count, split)).toBe(count(text));
      }
    }
  });

  it('stays within 1% of the exact count for runs of several slices', () => {
    const runs = [
      '='.repeat(4000),
      '-'.repeat(4000),
      oneWord(4000),
      oneWord(4000, 7).toUpperCase(),
      cjkRun(2000),
      ' '.repeat(4000),
      '\n'.repeat(4000),
    ];
    for (const model of MODELS) {
      for (const run of runs) {
        const exact = RAW[model].count(run);
        const counted = countTextTokens(run, { model });
        expect(Math.abs(counted - exact) / exact).toBeLessThanOrEqual(0.01);
      }
    }
  });
});
