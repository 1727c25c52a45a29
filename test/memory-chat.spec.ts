import { Global, Module } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { lastValueFrom, Subject, takeUntil, tap, toArray } from 'rxjs';
import {
  ChatService,
  ConduitMemoryModule,
  ConduitModule,
  ConduitValidationError,
  ConversationMemory,
  SummarizingMemoryStrategy,
  WindowedMemoryStrategy,
  type ConduitCallContext,
  type ConduitInterceptor,
  type ConduitMemoryOptions,
  type Message,
} from 'nestjs-conduit';
import { MockChatModel, MockResponses } from 'nestjs-conduit/testing';

async function appWith(
  model: MockChatModel,
  memory: ConduitMemoryOptions | undefined,
  interceptors: ConduitInterceptor[] = [],
): Promise<TestingModule> {
  return Test.createTestingModule({
    imports: [
      ConduitModule.forRoot({ models: { default: model }, interceptors }),
      ...(memory === undefined ? [] : [ConduitMemoryModule.forRoot(memory)]),
    ],
  }).compile();
}

/** Lets the promise callbacks queued by an unsubscribe-time save run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('ChatService with conversation memory', () => {
  it('sends the history before the new messages and saves the input and the answer', async () => {
    const model = new MockChatModel({ responses: ['Hello Ada!', 'You are Ada.'] });
    const app = await appWith(model, {});
    const chat = app.get(ChatService);
    await chat.chat(
      [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'I am Ada.' },
      ],
      { conversationId: 'c1' },
    );
    const second = await chat.chat('Who am I?', { conversationId: 'c1' });
    expect(second.text).toBe('You are Ada.');
    expect(model.requests[1]?.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'I am Ada.' },
      { role: 'assistant', content: 'Hello Ada!' },
      { role: 'user', content: 'Who am I?' },
    ]);
    expect(model.requests[1]).not.toHaveProperty('conversationId');
    expect(await app.get(ConversationMemory).load('c1')).toHaveLength(5);
  });

  it('saves nothing when the call fails, so the turn can be retried', async () => {
    const model = new MockChatModel({ responses: [MockResponses.serverError()] });
    const app = await appWith(model, {});
    await expect(app.get(ChatService).chat('Hi', { conversationId: 'c' })).rejects.toThrow();
    expect(await app.get(ConversationMemory).load('c')).toEqual([]);
  });

  it('applies the strategy to what the model is sent', async () => {
    const model = new MockChatModel({ respond: (_r, i) => `a${i}` });
    const app = await appWith(model, { strategy: new WindowedMemoryStrategy({ maxMessages: 2 }) });
    const chat = app.get(ChatService);
    for (const q of ['q0', 'q1', 'q2']) await chat.chat(q, { conversationId: 'w' });
    expect(model.requests[2]?.messages).toEqual([
      { role: 'user', content: 'q1' },
      { role: 'assistant', content: 'a1' },
      { role: 'user', content: 'q2' },
    ]);
  });

  it('sends the summary call through the interceptor chain with the configured model', async () => {
    const seen: Message[][] = [];
    const spy: ConduitInterceptor = {
      intercept: (context: ConduitCallContext, next) => {
        if (context.kind === 'chat') seen.push([...context.request.messages]);
        return next.handle();
      },
    };
    const model = new MockChatModel({
      respond: (request) =>
        request.messages[0]?.role === 'system'
          ? 'THE SUMMARY'
          : `answer ${request.messages.length}`,
    });
    const app = await appWith(
      model,
      { strategy: new SummarizingMemoryStrategy({ maxMessages: 3, keepRecent: 2 }) },
      [spy],
    );
    const chat = app.get(ChatService);
    await chat.chat('one', { conversationId: 's' });
    await chat.chat('two', { conversationId: 's' });
    expect(seen).toHaveLength(3); // two answers and one summary, all through the interceptor
    expect(seen[2]?.[1]?.content).toContain('user: one');
    expect(await app.get(ConversationMemory).load('s')).toEqual([
      { role: 'system', content: 'Summary of the earlier conversation:\nTHE SUMMARY' },
      { role: 'user', content: 'two' },
      { role: 'assistant', content: 'answer 3' },
    ]);
  });

  it('fails with a validation error naming the module when no memory is configured', async () => {
    const app = await appWith(new MockChatModel({ responses: ['x'] }), undefined);
    const error = await app
      .get(ChatService)
      .chat('Hi', { conversationId: 'c' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConduitValidationError);
    expect((error as Error).message).toContain('ConduitMemoryModule.forRoot()');
    await expect(
      lastValueFrom(app.get(ChatService).stream('Hi', { conversationId: 'c' })),
    ).rejects.toThrow(ConduitValidationError);
  });

  it('uses a ConversationMemory that a global module of the app provides, without ConduitMemoryModule', async () => {
    const saved: Message[][] = [];
    const memory = {
      load: () => Promise.resolve([{ role: 'user', content: 'earlier' }]),
      append: (_id: string, messages: readonly Message[]) => {
        saved.push([...messages]);
        return Promise.resolve();
      },
    } as unknown as ConversationMemory;
    @Global()
    @Module({
      providers: [{ provide: ConversationMemory, useValue: memory }],
      exports: [ConversationMemory],
    })
    class OwnMemoryModule {}
    const model = new MockChatModel({ responses: ['hi'] });
    const app = await Test.createTestingModule({
      imports: [OwnMemoryModule, ConduitModule.forRoot({ models: { default: model } })],
    }).compile();
    await app.get(ChatService).chat('now', { conversationId: 'own' });
    expect(model.requests[0]?.messages).toEqual([
      { role: 'user', content: 'earlier' },
      { role: 'user', content: 'now' },
    ]);
    expect(saved).toEqual([
      [
        { role: 'user', content: 'now' },
        { role: 'assistant', content: 'hi' },
      ],
    ]);
  });

  describe('stream', () => {
    it('saves the whole answer before the stream completes', async () => {
      const model = new MockChatModel({
        responses: [
          {
            text: 'Checking.',
            toolCalls: [{ id: 'call_1', name: 'weather', arguments: { city: 'Paris' } }],
          },
        ],
      });
      const app = await appWith(model, {});
      const memory = app.get(ConversationMemory);
      // Read back inside the `complete` callback: the save must already be done by then.
      let savedAtComplete: Promise<Message[]> | undefined;
      await lastValueFrom(
        app
          .get(ChatService)
          .stream('Weather in Paris?', { conversationId: 'st' })
          .pipe(
            tap({
              complete: () => {
                savedAtComplete = memory.load('st');
              },
            }),
            toArray(),
          ),
      );
      expect(await savedAtComplete).toEqual([
        { role: 'user', content: 'Weather in Paris?' },
        {
          role: 'assistant',
          content: 'Checking.',
          toolCalls: [
            {
              id: 'call_1',
              name: 'weather',
              arguments: { city: 'Paris' },
              rawArguments: '{"city":"Paris"}',
            },
          ],
        },
      ]);
      expect((await memory.entries('st'))[1]).not.toHaveProperty('interrupted');
    });

    it('saves the text received so far, marked aborted, when the consumer unsubscribes', async () => {
      const model = new MockChatModel({
        responses: [{ text: 'one two three', chunks: ['one ', 'two ', 'three'], delayMs: 5 }],
      });
      const app = await appWith(model, {});
      const stop = new Subject<void>();
      const events: string[] = [];
      await lastValueFrom(
        app
          .get(ChatService)
          .stream('Count', { conversationId: 'ab' })
          .pipe(
            tap((event) => {
              if (event.type === 'text-delta') {
                events.push(event.delta);
                if (events.length === 2) stop.next();
              }
            }),
            takeUntil(stop),
            toArray(),
          ),
      );
      await settle();
      const entries = await app.get(ConversationMemory).entries('ab');
      expect(entries.map((e) => e.message)).toEqual([
        { role: 'user', content: 'Count' },
        { role: 'assistant', content: 'one two ' },
      ]);
      expect(entries[1]?.interrupted).toEqual({ reason: 'aborted', error: 'AbortedError' });
      expect(entries[0]).not.toHaveProperty('interrupted');
    });

    it('saves what was received, marked failed, then re-emits a mid-stream failure', async () => {
      const model = new MockChatModel({
        responses: [
          { ...MockResponses.serverError(), chunks: ['par', 'tial'], errorAfterChunks: 1 },
        ],
      });
      const app = await appWith(model, {});
      await expect(
        lastValueFrom(app.get(ChatService).stream('Hi', { conversationId: 'f' })),
      ).rejects.toThrow();
      const entries = await app.get(ConversationMemory).entries('f');
      expect(entries.map((e) => e.message.content)).toEqual(['Hi', 'par']);
      expect(entries[1]?.interrupted?.reason).toBe('failed');
    });
  });
});
