import {
  answer,
  chatContext,
  chatResponse,
  observe,
  ScriptedHandler,
  streamContext,
  TEST_MODEL_INFO,
} from '../../../test/support/interceptor-harness';
import {
  ConduitValidationError,
  type ChatRequest,
  type ConduitCallContext,
  type Message,
} from '../../core';
import { countTokens } from '../../tokens';
import { ConduitMetadataKeys } from './conduit-metadata.keys';
import { KeepSystemFirstInterceptor } from './keep-system-first.interceptor';
import { SlidingWindowInterceptor } from './sliding-window.interceptor';
import { TokenLimitInterceptor } from './token-limit.interceptor';

const S = (content: string): Message => ({ role: 'system', content });
const U = (content: string): Message => ({ role: 'user', content });
const A = (content: string): Message => ({ role: 'assistant', content });
const calls = (...ids: string[]): Message => ({
  role: 'assistant',
  content: '',
  toolCalls: ids.map((id) => ({ id, name: 'lookup', arguments: {}, rawArguments: '{}' })),
});
const result = (id: string): Message => ({ role: 'tool', toolCallId: id, content: `result ${id}` });

/** Runs the interceptor and returns the messages the model received. */
function sent(
  interceptor: { intercept: KeepSystemFirstInterceptor['intercept'] },
  messages: Message[],
  request: Partial<ChatRequest> = {},
  context: ConduitCallContext = chatContext({ request: { messages, ...request } }),
): readonly Message[] {
  const handler = new ScriptedHandler(context, [answer(chatResponse())]);
  observe(interceptor.intercept(context, handler));
  return (handler.calls[0]?.request as ChatRequest).messages;
}

const contentOf = (messages: readonly Message[]): string[] =>
  messages.map((m) => {
    if (m.role === 'assistant' && m.toolCalls)
      return `call:${m.toolCalls.map((c) => c.id).join('+')}`;
    return typeof m.content === 'string' ? m.content : JSON.stringify(m.content);
  });

describe('KeepSystemFirstInterceptor', () => {
  it('moves every system message to the front, keeping both orders', () => {
    const out = sent(new KeepSystemFirstInterceptor(), [
      U('u1'),
      S('s1'),
      A('a1'),
      S('s2'),
      U('u2'),
    ]);
    expect(contentOf(out)).toEqual(['s1', 's2', 'u1', 'a1', 'u2']);
  });

  it('works on streams too', () => {
    const messages = [U('u1'), S('s1')];
    const out = sent(
      new KeepSystemFirstInterceptor(),
      messages,
      {},
      streamContext({ request: { messages } }),
    );
    expect(contentOf(out)).toEqual(['s1', 'u1']);
  });
});

describe('SlidingWindowInterceptor', () => {
  it('keeps the last N non-system messages with every system message first', () => {
    const context = chatContext({ request: { messages: [U('u1'), S('s'), U('u2'), U('u3')] } });
    const out = sent(new SlidingWindowInterceptor({ maxMessages: 2 }), [], {}, context);
    expect(contentOf(out)).toEqual(['s', 'u2', 'u3']);
    expect(context.metadata.get(ConduitMetadataKeys.trimmedMessages)).toBe(1);
  });

  it('treats system messages like the others with keepSystem: false', () => {
    const out = sent(new SlidingWindowInterceptor({ maxMessages: 2, keepSystem: false }), [
      U('u1'),
      S('s'),
      U('u2'),
      U('u3'),
    ]);
    expect(contentOf(out)).toEqual(['u2', 'u3']);
  });

  it('never separates a tool call from its results', () => {
    const messages = [U('u1'), calls('a', 'b'), result('a'), result('b'), U('u2')];
    expect(contentOf(sent(new SlidingWindowInterceptor({ maxMessages: 3 }), messages))).toEqual([
      'u2',
    ]);
    expect(contentOf(sent(new SlidingWindowInterceptor({ maxMessages: 4 }), messages))).toEqual([
      'call:a+b',
      'result a',
      'result b',
      'u2',
    ]);
  });

  it('keeps a repeated or stray result with the tool-call turn it follows', () => {
    // Cut between the results, the newest window would send 'result b' without its call.
    const messages = [U('u1'), calls('a', 'b'), result('a'), result('zzz'), result('b'), U('u2')];
    expect(contentOf(sent(new SlidingWindowInterceptor({ maxMessages: 2 }), messages))).toEqual([
      'u2',
    ]);
    const repeated = [U('u1'), calls('a'), result('a'), result('a'), U('u2')];
    expect(contentOf(sent(new SlidingWindowInterceptor({ maxMessages: 4 }), repeated))).toEqual([
      'call:a',
      'result a',
      'result a',
      'u2',
    ]);
  });

  it('always keeps the newest turn, even when it is larger than the window', () => {
    const messages = [U('u1'), calls('a', 'b'), result('a'), result('b')];
    expect(contentOf(sent(new SlidingWindowInterceptor({ maxMessages: 1 }), messages))).toEqual([
      'call:a+b',
      'result a',
      'result b',
    ]);
  });

  it('rejects a missing or non-positive maxMessages', () => {
    expect(() => new SlidingWindowInterceptor()).toThrow(ConduitValidationError);
    expect(() => new SlidingWindowInterceptor({ maxMessages: 0 })).toThrow(
      'maxMessages: must be a positive integer, got 0',
    );
  });
});

describe('TokenLimitInterceptor', () => {
  /** One token a character, no framing: budgets read directly in characters. */
  const byLength = (m: Message): number => (typeof m.content === 'string' ? m.content.length : 0);
  const noTools = { tools: [] };

  it('keeps the NEWEST messages that fit and drops the oldest', () => {
    const interceptor = new TokenLimitInterceptor({ maxTokens: 8 + 3, countMessage: byLength });
    // 3 tokens of reply priming are always paid: 8 left for messages.
    const out = sent(interceptor, [S('S'), U('aaaa'), U('bbbb'), U('cccc')], noTools);
    expect(contentOf(out)).toEqual(['S', 'cccc']);
  });

  it('stops at the first message that does not fit (the kept stretch stays contiguous)', () => {
    const interceptor = new TokenLimitInterceptor({ maxTokens: 3 + 6, countMessage: byLength });
    const out = sent(interceptor, [U('a'), U('bbbbbbbb'), U('cc'), U('dd')], noTools);
    expect(contentOf(out)).toEqual(['cc', 'dd']);
  });

  it('never separates a tool call from its results', () => {
    const interceptor = new TokenLimitInterceptor({
      maxTokens: 3 + 12,
      countMessage: (m) => (m.role === 'tool' ? 5 : m.role === 'assistant' ? 4 : 2),
    });
    // Groups from the newest: u2 (2), [call, result, result] (14): 16 > 12, so the call goes whole.
    const out = sent(
      interceptor,
      [U('u1'), calls('a', 'b'), result('a'), result('b'), U('u2')],
      noTools,
    );
    expect(contentOf(out)).toEqual(['u2']);
  });

  it('counts with the model tokenizer by default and keeps the prompt within the budget', () => {
    const messages = Array.from({ length: 30 }, (_, i) =>
      U(`Message number ${i} talks about token budgets at length.`),
    );
    const budget = 120;
    const context = chatContext({ request: { messages } });
    const out = sent(new TokenLimitInterceptor({ maxTokens: budget }), [], {}, context);
    expect(out.length).toBeGreaterThan(0);
    expect(out.length).toBeLessThan(30);
    expect(countTokens(out, undefined, { model: 'gpt-4o-mini' })).toBeLessThanOrEqual(budget);
    expect(contentOf(out).at(-1)).toBe(contentOf(messages).at(-1));
    expect(context.metadata.get(ConduitMetadataKeys.trimmedMessages)).toBe(30 - out.length);
  });

  it("defaults the budget to the model's context window minus the answer's reserve", () => {
    const messages = [U('x'.repeat(400)), U('short')];
    const info = {
      ...TEST_MODEL_INFO,
      capabilities: { ...TEST_MODEL_INFO.capabilities, maxContextTokens: 150 },
    };
    const context = chatContext({ modelInfo: info, request: { messages, maxTokens: 100 } });
    // 150 - 100 = 50 tokens: the 400-character message (~50+ tokens) no longer fits.
    expect(contentOf(sent(new TokenLimitInterceptor(), [], {}, context))).toEqual(['short']);
  });

  it('leaves the conversation alone when no budget is known', () => {
    const info = { ...TEST_MODEL_INFO, capabilities: { ...TEST_MODEL_INFO.capabilities } };
    delete (info.capabilities as { maxContextTokens?: number }).maxContextTokens;
    const messages = [U('a'), U('b')];
    const context = chatContext({ modelInfo: info, request: { messages } });
    expect(sent(new TokenLimitInterceptor(), [], {}, context)).toBe(messages);
  });
});
