import type { Message } from './message.types';
import { messageUnits } from './message-units';

const S = (content: string): Message => ({ role: 'system', content });
const U = (content: string): Message => ({ role: 'user', content });
const A = (content: string): Message => ({ role: 'assistant', content });
const calls = (...ids: string[]): Message => ({
  role: 'assistant',
  content: '',
  toolCalls: ids.map((id) => ({ id, name: 'lookup', arguments: {}, rawArguments: '{}' })),
});
const result = (id: string): Message => ({ role: 'tool', toolCallId: id, content: `result ${id}` });

/** Each unit as a label list, e.g. [['call:a+b', 'a', 'b'], ['done']]. */
function labels(messages: readonly Message[]): string[][] {
  return messageUnits(messages).map((unit) =>
    unit.map((m) => {
      if (m.role === 'assistant' && m.toolCalls)
        return `call:${m.toolCalls.map((c) => c.id).join('+')}`;
      if (m.role === 'tool') return m.toolCallId;
      return m.content as string;
    }),
  );
}

describe('messageUnits', () => {
  it('puts an assistant tool-call message and the results right after it in one unit', () => {
    expect(labels([U('q'), calls('a', 'b'), result('a'), result('b'), A('done')])).toEqual([
      ['q'],
      ['call:a+b', 'a', 'b'],
      ['done'],
    ]);
  });

  it('keeps results in any order with their call turn', () => {
    expect(labels([calls('a', 'b'), result('b'), result('a')])).toEqual([['call:a+b', 'b', 'a']]);
  });

  // Where the two former copies differed: memory's messageUnits closed the unit once every call
  // was answered, so a second result became a unit alone; the interceptors' groupMessages kept it.
  it('keeps a second result for an already answered call in the unit', () => {
    expect(labels([calls('a'), result('a'), result('a'), U('next')])).toEqual([
      ['call:a', 'a', 'a'],
      ['next'],
    ]);
  });

  // Both former copies closed the unit at a stray result, cutting the later results off their call.
  it('keeps a stray result inside the run, so the results after it stay with their call', () => {
    expect(labels([calls('a', 'b'), result('a'), result('zzz'), result('b')])).toEqual([
      ['call:a+b', 'a', 'zzz', 'b'],
    ]);
  });

  it('makes a tool message with no tool-call message right before its run a unit alone', () => {
    expect(labels([result('x'), U('q'), result('y'), A('done'), result('zzz')])).toEqual([
      ['x'],
      ['q'],
      ['y'],
      ['done'],
      ['zzz'],
    ]);
  });

  it('ends the run at the first message that is not a tool message', () => {
    expect(labels([calls('a', 'b'), result('a'), U('interrupt'), result('b')])).toEqual([
      ['call:a+b', 'a'],
      ['interrupt'],
      ['b'],
    ]);
    expect(labels([calls('a'), S('rules'), result('a')])).toEqual([['call:a'], ['rules'], ['a']]);
  });

  it('starts a new unit at each tool-call message and keeps its results in it after a stray one', () => {
    expect(labels([calls('a', 'b'), result('a'), calls('c'), result('b'), result('c')])).toEqual([
      ['call:a+b', 'a'],
      ['call:c', 'b', 'c'],
    ]);
  });

  it('opens no run for an assistant message with an empty toolCalls array', () => {
    const empty: Message = { role: 'assistant', content: 'hi', toolCalls: [] };
    expect(messageUnits([empty, result('a')])).toEqual([[empty], [result('a')]]);
  });

  it('returns no units for no messages and keeps every message exactly once, in order', () => {
    expect(messageUnits([])).toEqual([]);
    const messages = [
      S('s'),
      U('q'),
      calls('a'),
      result('a'),
      result('zzz'),
      A('done'),
      result('x'),
    ];
    expect(messageUnits(messages).flat()).toEqual(messages);
  });
});
