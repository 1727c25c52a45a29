import { ConduitError, ConduitValidationError, type ChatResponse, type Message } from '../core';
import { ConversationMemoryService } from './conversation-memory.service';
import type { MemoryChat } from './memory-strategy.interface';
import {
  DEFAULT_SUMMARY_PROMPT,
  SUMMARY_NOTE_PREFIX,
  SummarizingMemoryStrategy,
} from './summarizing-memory.strategy';

const user = (n: number): Message => ({ role: 'user', content: `question ${n}` });
const assistant = (n: number): Message => ({ role: 'assistant', content: `answer ${n}` });

function answer(text: string): ChatResponse {
  return {
    id: 'r',
    model: 'm',
    text,
    content: [{ type: 'text', text }],
    toolCalls: [],
    finishReason: 'stop',
    rawFinishReason: 'stop',
    usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
    message: { role: 'assistant', content: text },
    warnings: [],
    providerMetadata: {},
  };
}

/** A chat function that records its calls and answers SUMMARY-1, SUMMARY-2... */
function recordingChat(): {
  chat: MemoryChat;
  calls: { messages: readonly Message[]; model?: string }[];
} {
  const calls: { messages: readonly Message[]; model?: string }[] = [];
  const chat: MemoryChat = (messages, options) => {
    calls.push({ messages, ...(options.model !== undefined && { model: options.model }) });
    return Promise.resolve(answer(` SUMMARY-${calls.length} `));
  };
  return { chat, calls };
}

const system: Message = { role: 'system', content: 'You are terse.' };

describe('SummarizingMemoryStrategy', () => {
  it('sends everything and asks for no summary until the history passes the threshold', async () => {
    const { chat, calls } = recordingChat();
    const memory = new ConversationMemoryService({
      strategy: new SummarizingMemoryStrategy({ maxMessages: 4, keepRecent: 2 }),
      chat,
    });
    await memory.append('c', [user(1), assistant(1), user(2), assistant(2)]);
    expect(calls).toHaveLength(0);
    expect(await memory.load('c')).toEqual([user(1), assistant(1), user(2), assistant(2)]);
  });

  it('replaces the older turns by a summary note, keeping the system message and the recent turns', async () => {
    const { chat, calls } = recordingChat();
    const memory = new ConversationMemoryService({
      strategy: new SummarizingMemoryStrategy({ maxMessages: 4, keepRecent: 2, model: 'fast' }),
      chat,
    });
    await memory.append('c', [system, user(1), assistant(1), user(2), assistant(2)]);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.model).toBe('fast');
    expect(calls[0]?.messages[0]).toEqual({ role: 'system', content: DEFAULT_SUMMARY_PROMPT });
    expect(calls[0]?.messages[1]?.content).toBe(
      'Conversation:\nuser: question 1\nassistant: answer 1',
    );
    expect(await memory.load('c')).toEqual([
      system,
      { role: 'system', content: `${SUMMARY_NOTE_PREFIX}SUMMARY-1` },
      user(2),
      assistant(2),
    ]);
    // The log itself is never rewritten: every entry is still there.
    expect((await memory.entries('c')).map((e) => e.message)).toHaveLength(5);
  });

  it('merges the previous summary into the next one and counts only messages since it', async () => {
    const { chat, calls } = recordingChat();
    const memory = new ConversationMemoryService({
      strategy: new SummarizingMemoryStrategy({ maxMessages: 3, keepRecent: 1, prompt: 'Sum up.' }),
      chat,
    });
    await memory.append('c', [user(1), assistant(1), user(2), assistant(2)]);
    expect(calls).toHaveLength(1);
    await memory.append('c', [user(3)]);
    expect(calls).toHaveLength(1); // 2 messages since the summary: under the threshold
    await memory.append('c', [assistant(3), user(4)]);
    expect(calls).toHaveLength(2);
    expect(calls[1]?.messages[0]).toEqual({ role: 'system', content: 'Sum up.' });
    expect(calls[1]?.messages[1]?.content).toBe(
      'Previous summary:\nSUMMARY-1\n\nConversation:\nassistant: answer 2\nuser: question 3\nassistant: answer 3',
    );
    expect(await memory.load('c')).toEqual([
      { role: 'system', content: `${SUMMARY_NOTE_PREFIX}SUMMARY-2` },
      user(4),
    ]);
  });

  it('never cuts between a tool call and its result', async () => {
    const { chat, calls } = recordingChat();
    const memory = new ConversationMemoryService({
      strategy: new SummarizingMemoryStrategy({ maxMessages: 3, keepRecent: 1 }),
      chat,
    });
    const call: Message = {
      role: 'assistant',
      content: '',
      toolCalls: [{ id: 'c1', name: 'weather', arguments: { city: 'Paris' }, rawArguments: '' }],
    };
    const result: Message = {
      role: 'tool',
      toolCallId: 'c1',
      toolName: 'weather',
      content: 'sunny',
    };
    await memory.append('c', [user(1), assistant(1), user(2), call, result]);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.messages[1]?.content).toBe(
      'Conversation:\nuser: question 1\nassistant: answer 1\nuser: question 2',
    );
    expect((await memory.load('c')).slice(1)).toEqual([call, result]);
  });

  it('summarizes when the token threshold is passed even under the message threshold', async () => {
    const { chat, calls } = recordingChat();
    const memory = new ConversationMemoryService({
      strategy: new SummarizingMemoryStrategy({
        maxTokens: 50,
        keepRecent: 1,
        tokenModel: 'gpt-4o',
      }),
      chat,
    });
    await memory.append('c', [{ role: 'user', content: 'many words '.repeat(40) }, assistant(1)]);
    expect(calls).toHaveLength(1);
  });

  it('says how to give it a model when none is available', async () => {
    const memory = new ConversationMemoryService({
      strategy: new SummarizingMemoryStrategy({ maxMessages: 1, keepRecent: 0 }),
    });
    await expect(memory.append('c', [user(1), assistant(1)])).rejects.toThrow(ConduitError);
    await expect(memory.append('d', [user(1), assistant(1)])).rejects.toThrow(
      /ConduitMemoryModule\.forRoot\(\)/,
    );
  });

  it('rejects invalid options', () => {
    expect(
      () => new SummarizingMemoryStrategy({ maxMessages: -1, keepRecent: 1.5, prompt: ' ' }),
    ).toThrow(ConduitValidationError);
  });
});
