import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { ChatService } from '../chat/chat.service';
import { GuardrailViolationError, type StreamEvent } from '../core';
import { collectStream } from '../streaming/collect-stream';
import { createConduitTestingModule } from '../testing/create-conduit-testing-module';
import { MockChatModel } from '../testing/mock-chat-model';
import { GUARDRAIL_METADATA_KEY } from './guardrail.constants';
import type { GuardrailDecision, GuardrailOptions, GuardrailRecord } from './guardrail.types';
import { InputGuardrail } from './input.guardrail';
import { OutputGuardrail } from './output.guardrail';

/** Blocks any text containing `word`. */
class WordInput extends InputGuardrail {
  constructor(private readonly word: string) {
    super({ logger: false });
  }
  check(text: string): GuardrailDecision {
    return text.includes(this.word)
      ? { block: true, reason: `contains a forbidden word`, category: 'word' }
      : { allow: true };
  }
}

/** Blocks answers containing SECRET, rewrites `cat` to `dog`; optionally asynchronous. */
class WordOutput extends OutputGuardrail {
  readonly seen: string[] = [];
  constructor(
    options: GuardrailOptions,
    private readonly async = false,
  ) {
    super({ logger: false, ...options });
  }
  check(text: string): GuardrailDecision | Promise<GuardrailDecision> {
    this.seen.push(text);
    const decision: GuardrailDecision = text.includes('SECRET')
      ? { block: true, reason: 'a secret', category: 'secret' }
      : text.includes('cat')
        ? { rewrite: text.replaceAll('cat', 'dog'), categories: ['animal'] }
        : { allow: true };
    return this.async ? Promise.resolve(decision) : decision;
  }
}

async function boot(mock: MockChatModel): Promise<ChatService> {
  const moduleRef = await createConduitTestingModule({ models: { default: mock } }).compile();
  return moduleRef.get(ChatService);
}

/** Every event until the stream ends, and its error. */
async function run(
  stream: ReturnType<ChatService['stream']>,
): Promise<{ events: StreamEvent[]; error: unknown }> {
  const events: StreamEvent[] = [];
  const error = await new Promise<unknown>((resolve) => {
    stream.subscribe({
      next: (e) => events.push(e),
      error: resolve,
      complete: () => resolve(undefined),
    });
  });
  return { events, error };
}

const textOf = (events: readonly StreamEvent[]): string =>
  events.map((e) => (e.type === 'text-delta' ? e.delta : '')).join('');

describe('Guardrail (input and output, chat and stream)', () => {
  it('blocks an input before anything is sent to the model', async () => {
    const mock = new MockChatModel({ responses: ['never'] });
    const chat = await boot(mock);
    const failure = await chat
      .chat('please DROP it', { interceptors: [new WordInput('DROP')] })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(GuardrailViolationError);
    expect(failure).toMatchObject({ guardrail: 'WordInput', category: 'word', stage: 'input' });
    expect(mock.calls).toBe(0);
  });

  it('rewrites the answer of a chat call and notes every decision in the context metadata', async () => {
    const mock = new MockChatModel({ responses: ['a cat sat'] });
    const chat = await boot(mock);
    const guard = new WordOutput({});
    const { response, context } = await chat.chatWithContext('hi', { interceptors: [guard] });
    expect(response.text).toBe('a dog sat');
    expect(response.message.content).toBe('a dog sat');
    const records = context.metadata.get(GUARDRAIL_METADATA_KEY) as GuardrailRecord[];
    expect(records).toEqual([
      {
        guardrail: 'WordOutput',
        stage: 'output',
        outcome: 'rewrite',
        category: 'animal',
        enforced: true,
      },
    ]);
    expect(guard.stats.total('rewrite')).toBe(1);
  });

  it('buffer mode: a blocked stream delivers no text at all, only start and the error', async () => {
    const mock = new MockChatModel({ responses: ['one two three SECRET four five'] });
    const chat = await boot(mock);
    const { events, error } = await run(
      chat.stream('hi', { interceptors: [new WordOutput({ mode: 'buffer' })] }),
    );
    expect(error).toBeInstanceOf(GuardrailViolationError);
    expect(events.map((e) => e.type)).toEqual(['start']);
  });

  it('buffer mode: an answer that passes keeps its deltas; a rewritten one arrives as one delta', async () => {
    const chat = await boot(new MockChatModel({ responses: ['one two', 'the cat'] }));
    const first = await lastValueFrom(
      chat.stream('a', { interceptors: [new WordOutput({})] }).pipe(toArray()),
    );
    expect(first.filter((e) => e.type === 'text-delta')).toHaveLength(2);
    const second = await lastValueFrom(
      chat.stream('b', { interceptors: [new WordOutput({})] }).pipe(toArray()),
    );
    expect(second.map((e) => e.type)).toEqual(['start', 'text-delta', 'usage', 'finish']);
    expect(textOf(second)).toBe('the dog');
  });

  it.each([false, true])(
    'chunked mode (async check: %s) releases passed chunks and stops at the first failing one, cancelling the model stream',
    async (async) => {
      const answer = 'First sentence is fine. Second one too. Here is the SECRET part. Never sent.';
      // Deltas one at a time (a timer between them), so the model is still streaming when it stops.
      const mock = new MockChatModel({ responses: [{ text: answer, delayMs: 1 }] });
      const chat = await boot(mock);
      const guard = new WordOutput({ mode: 'chunked', chunkSize: 10 }, async);
      const { events, error } = await run(chat.stream('hi', { interceptors: [guard] }));
      expect(error).toBeInstanceOf(GuardrailViolationError);
      expect(textOf(events)).toBe('First sentence is fine. Second one too. ');
      expect(textOf(events)).not.toContain('SECRET');
      expect(guard.seen).toEqual([
        'First sentence is fine. ',
        'Second one too. ',
        'Here is the SECRET part. ',
      ]);
      expect(mock.cancelledCalls).toBe(1);
    },
  );

  it('chunked mode checks the rest at the end and rewrites chunk by chunk', async () => {
    const chat = await boot(new MockChatModel({ responses: ['A cat. Another cat. End'] }));
    const guard = new WordOutput({ mode: 'chunked', chunkSize: 3 });
    const answer = await lastValueFrom(
      chat.stream('hi', { interceptors: [guard] }).pipe(collectStream()),
    );
    expect(answer.text).toBe('A dog. Another dog. End');
    expect(guard.seen).toEqual(['A cat. ', 'Another cat. ', 'End']);
  });

  it('after mode passes everything through and only notes the block', async () => {
    const chat = await boot(new MockChatModel({ responses: ['the SECRET is out'] }));
    const metadata = new Map<string, unknown>();
    const guard = new WordOutput({ mode: 'after' });
    const events = await lastValueFrom(
      chat.stream('hi', { interceptors: [guard], metadata }).pipe(toArray()),
    );
    expect(textOf(events)).toBe('the SECRET is out');
    expect(metadata.get(GUARDRAIL_METADATA_KEY)).toEqual([
      expect.objectContaining({ outcome: 'block', category: 'secret', enforced: false }),
    ]);
    expect(guard.stats.total('block')).toBe(1);
  });

  it('an asynchronous input check runs before the call and its rewrite is what the model receives', async () => {
    class Upper extends InputGuardrail {
      check(text: string): Promise<GuardrailDecision> {
        return Promise.resolve({ rewrite: text.toUpperCase() });
      }
    }
    const mock = new MockChatModel({ responses: ['ok'] });
    const chat = await boot(mock);
    await firstValueFrom(
      chat.stream('quiet please', { interceptors: [new Upper({ logger: false })] }).pipe(toArray()),
    );
    expect(mock.lastRequest?.messages).toEqual([{ role: 'user', content: 'QUIET PLEASE' }]);
  });
});
