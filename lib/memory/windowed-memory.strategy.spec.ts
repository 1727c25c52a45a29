import { ConduitValidationError, type Message } from '../core';
import { countMessageTokens } from '../tokens/count-tokens';
import type { StoredConversation } from './conversation.types';
import { FullHistoryStrategy } from './full-history.strategy';
import { WindowedMemoryStrategy } from './windowed-memory.strategy';

function stored(messages: readonly Message[]): StoredConversation {
  return { entries: messages.map((message, at) => ({ message, at })) };
}

const system: Message = { role: 'system', content: 'You are terse.' };
const user = (n: number): Message => ({ role: 'user', content: `question ${n}` });
const assistant = (n: number): Message => ({ role: 'assistant', content: `answer ${n}` });
const toolTurn: Message[] = [
  {
    role: 'assistant',
    content: '',
    toolCalls: [
      { id: 'c1', name: 'weather', arguments: { city: 'Paris' }, rawArguments: '' },
      { id: 'c2', name: 'weather', arguments: { city: 'Rome' }, rawArguments: '' },
    ],
  },
  { role: 'tool', toolCallId: 'c1', content: 'sunny' },
  { role: 'tool', toolCallId: 'c2', content: 'rain' },
];

describe('FullHistoryStrategy', () => {
  it('sends every stored message in order', () => {
    const messages = [system, user(1), assistant(1)];
    expect(new FullHistoryStrategy().view(stored(messages))).toEqual(messages);
  });
});

describe('WindowedMemoryStrategy', () => {
  it('keeps the newest messages within maxMessages and always the system message first', () => {
    const history = [system, user(1), assistant(1), user(2), assistant(2), user(3)];
    const view = new WindowedMemoryStrategy({ maxMessages: 3 }).view(stored(history));
    expect(view).toEqual([system, user(2), assistant(2), user(3)]);
  });

  it('never separates a tool call from its results: the whole turn is kept or dropped', () => {
    const history = [system, user(1), ...toolTurn, assistant(2)];
    // 4 messages fit: the answer and the 3-message tool turn; the user turn before does not.
    expect(new WindowedMemoryStrategy({ maxMessages: 4 }).view(stored(history))).toEqual([
      system,
      ...toolTurn,
      assistant(2),
    ]);
    // 3 fit: the tool turn would be cut in two, so it goes whole and the window stops there.
    expect(new WindowedMemoryStrategy({ maxMessages: 3 }).view(stored(history))).toEqual([
      system,
      assistant(2),
    ]);
  });

  it('keeps a repeated result with its tool-call turn instead of sending it without its call', () => {
    const repeated: Message = { role: 'tool', toolCallId: 'c2', content: 'rain, again' };
    const history = [user(1), ...toolTurn, repeated, assistant(2)];
    // The turn is 4 messages now: with 3 allowed it goes whole; before, the repeated result was a
    // unit alone and was sent without the call it answers.
    expect(new WindowedMemoryStrategy({ maxMessages: 3 }).view(stored(history))).toEqual([
      assistant(2),
    ]);
    expect(new WindowedMemoryStrategy({ maxMessages: 5 }).view(stored(history))).toEqual([
      ...toolTurn,
      repeated,
      assistant(2),
    ]);
  });

  it('stops at the first turn that does not fit instead of skipping to an older one', () => {
    const long: Message = { role: 'user', content: 'word '.repeat(200) };
    const history = [user(1), long, assistant(1)];
    const budget = countMessageTokens(assistant(1), { model: 'gpt-4o' }) + 20;
    expect(
      new WindowedMemoryStrategy({ maxTokens: budget, tokenModel: 'gpt-4o' }).view(stored(history)),
    ).toEqual([assistant(1)]);
  });

  it('fits a token budget counted exactly for OpenAI models, system tokens included', () => {
    const history = [system, user(1), assistant(1), user(2)];
    const cost = (m: Message): number => countMessageTokens(m, { model: 'gpt-4o-mini' });
    const budget = cost(system) + cost(assistant(1)) + cost(user(2));
    const strategy = new WindowedMemoryStrategy({ maxTokens: budget, tokenModel: 'gpt-4o-mini' });
    expect(strategy.view(stored(history))).toEqual([system, assistant(1), user(2)]);
    const tighter = new WindowedMemoryStrategy({
      maxTokens: budget - 1,
      tokenModel: 'gpt-4o-mini',
    });
    expect(tighter.view(stored(history))).toEqual([system, user(2)]);
  });

  it('applies both limits when both are given', () => {
    const history = [user(1), assistant(1), user(2), assistant(2)];
    const view = new WindowedMemoryStrategy({ maxMessages: 1, maxTokens: 10_000 }).view(
      stored(history),
    );
    expect(view).toEqual([assistant(2)]);
  });

  it('rejects options without a limit or with a non-positive one', () => {
    expect(() => new WindowedMemoryStrategy({})).toThrow(ConduitValidationError);
    expect(() => new WindowedMemoryStrategy({ maxMessages: 0, maxTokens: 1.5 })).toThrow(
      /maxMessages: must be a positive integer[\s\S]*maxTokens: must be a positive integer/,
    );
  });
});
