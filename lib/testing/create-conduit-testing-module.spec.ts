import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { lastValueFrom, NEVER, type Observable } from 'rxjs';
import { ChatService } from '../chat/chat.service';
import { ConduitModule } from '../conduit.module';
import {
  TimeoutError,
  type CallHandler,
  type CallOutput,
  type ChatModel,
  type ConduitCallContext,
} from '../core';
import { InjectChatModel } from '../models/inject-model.decorator';
import { ModelRegistry } from '../models/model-registry';
import { getChatModelToken } from '../models/model-tokens';
import { textDeltas } from '../streaming/text-deltas';
import { createConduitTestingModule } from './create-conduit-testing-module';
import { MockChatModel } from './mock-chat-model';
import { MockEmbeddingModel } from './mock-embedding-model';

/** A user service, as an app would write it. */
@Injectable()
class GreeterService {
  constructor(
    private readonly chat: ChatService,
    @InjectChatModel() readonly model: ChatModel,
  ) {}

  async greet(name: string): Promise<string> {
    return (await this.chat.chat(`Greet ${name}`)).text;
  }
}

describe('createConduitTestingModule', () => {
  it('wires ConduitModule globally on the given mocks for the providers under test', async () => {
    const mock = new MockChatModel({ responses: ['Hello, Ada!'] });
    const moduleRef = await createConduitTestingModule({
      models: { default: mock },
      providers: [GreeterService],
    }).compile();
    const greeter = moduleRef.get(GreeterService);
    expect(await greeter.greet('Ada')).toBe('Hello, Ada!');
    expect(greeter.model).toBe(mock);
    expect(mock.requests[0]?.messages).toEqual([{ role: 'user', content: 'Greet Ada' }]);
    await moduleRef.close();
  });

  it('defaults to an empty MockChatModel script and a MockEmbeddingModel', async () => {
    const moduleRef = await createConduitTestingModule().compile();
    const chat = moduleRef.get(ChatService);
    await expect(chat.chat('Hi')).rejects.toThrow(
      'MockChatModel: no response scripted for call #1',
    );
    expect(moduleRef.get(ModelRegistry).getEmbeddingModel()).toBeInstanceOf(MockEmbeddingModel);
    expect((await chat.embed('x')).embeddings).toHaveLength(1);
    await moduleRef.close();
  });

  it('returns a builder: overrideProvider(getChatModelToken(alias)) still works', async () => {
    const replacement = new MockChatModel({ responses: ['over', 'ridden'] });
    const moduleRef = await createConduitTestingModule({ providers: [GreeterService] })
      .overrideProvider(getChatModelToken('default'))
      .useValue(replacement)
      .compile();
    expect(await moduleRef.get(GreeterService).greet('Bo')).toBe('over');
    const chat = moduleRef.get(ChatService);
    expect(await lastValueFrom(chat.stream('Hi').pipe(textDeltas()))).toBe('ridden');
    expect(replacement.calls).toBe(2);
    await moduleRef.close();
  });

  it('passes interceptors and the timeout to the module', async () => {
    const seen: string[] = [];
    const interceptor = {
      intercept(context: ConduitCallContext, next: CallHandler): Observable<CallOutput> {
        seen.push(context.kind);
        return next.handle();
      },
    };
    const moduleRef = await createConduitTestingModule({
      models: { default: new MockChatModel({ responses: ['ok'] }) },
      interceptors: [interceptor],
      timeoutMs: 1000,
    }).compile();
    await moduleRef.get(ChatService).chat('Hi');
    expect(seen).toEqual(['chat']);
    // The module's timeout, not the 10-minute default, cancels a call that never answers.
    jest.useFakeTimers();
    try {
      const hanging = { intercept: (): Observable<CallOutput> => NEVER };
      const pending = moduleRef
        .get(ChatService)
        .chat('Hi', { interceptors: [hanging] })
        .catch((e: unknown) => e);
      await jest.advanceTimersByTimeAsync(1000);
      const error = await pending;
      expect(error).toBeInstanceOf(TimeoutError);
      expect((error as TimeoutError).timeoutMs).toBe(1000);
    } finally {
      jest.useRealTimers();
    }
    await moduleRef.close();
  });

  it('the overrideProvider path also works on an app module with real model configuration', async () => {
    const mock = new MockChatModel({ responses: ['mocked'] });
    const moduleRef = await Test.createTestingModule({
      imports: [
        ConduitModule.forRoot({
          models: {
            default: { provider: 'openai', model: 'gpt-4o-mini', apiKey: 'sk-never-used' },
          },
          isGlobal: true,
        }),
      ],
      providers: [GreeterService],
    })
      .overrideProvider(getChatModelToken('default'))
      .useValue(mock)
      .compile();
    expect(await moduleRef.get(GreeterService).greet('Cy')).toBe('mocked');
    await moduleRef.close();
  });
});
