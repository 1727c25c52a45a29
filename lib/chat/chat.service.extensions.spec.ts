import { Test } from '@nestjs/testing';
import { lastValueFrom, of, toArray } from 'rxjs';
import { ConduitModule } from '../conduit.module';
import type { Message, StreamEvent } from '../core';
import { MockChatModel } from '../testing';
import { ChatConversationPort } from './chat-conversation.port';
import { ChatObjectPort } from './chat-object.port';
import { ChatService } from './chat.service';

async function chatWith(
  model: MockChatModel,
  port: { provide: typeof ChatConversationPort | typeof ChatObjectPort; useValue: object },
): Promise<ChatService> {
  const app = await Test.createTestingModule({
    imports: [ConduitModule.forRoot({ models: { default: model } })],
  })
    .overrideProvider(port.provide)
    .useValue(port.useValue)
    .compile();
  return app.get(ChatService);
}

describe('ChatService extension points', () => {
  it('hands a conversationId call to the ChatConversationPort, which sends without the id', async () => {
    const model = new MockChatModel({ responses: ['answer'] });
    const seen: unknown[] = [];
    const port: ChatConversationPort = {
      chat: (conversationId, messages, send) => {
        seen.push(conversationId, messages);
        return send([{ role: 'user', content: 'history' }, ...(messages as Message[])]);
      },
      stream: () => of<StreamEvent>(),
    };
    const chat = await chatWith(model, { provide: ChatConversationPort, useValue: port });
    const input: Message[] = [{ role: 'user', content: 'now' }];
    const response = await chat.chat(input, { conversationId: 'c-1', temperature: 0 });
    expect(response.text).toBe('answer');
    expect(seen).toEqual(['c-1', input]);
    expect(model.requests[0]?.messages).toEqual([
      { role: 'user', content: 'history' },
      { role: 'user', content: 'now' },
    ]);
    expect(model.requests[0]?.temperature).toBe(0);
    expect(model.requests[0]).not.toHaveProperty('conversationId');
  });

  it('hands a conversationId stream to the ChatConversationPort, which streams the model', async () => {
    const model = new MockChatModel({ responses: ['streamed'] });
    const port: ChatConversationPort = {
      chat: () => Promise.reject(new Error('not this one')),
      stream: (_id, messages, send) =>
        send([{ role: 'user', content: typeof messages === 'string' ? messages : 'list' }]),
    };
    const chat = await chatWith(model, { provide: ChatConversationPort, useValue: port });
    const events = await lastValueFrom(chat.stream('hi', { conversationId: 's' }).pipe(toArray()));
    expect(events.at(-1)?.type).toBe('finish');
    expect(model.requests[0]?.messages).toEqual([{ role: 'user', content: 'hi' }]);
  });

  it('answers generateObject with what the ChatObjectPort returns, given the calling ChatService', async () => {
    const calls: unknown[][] = [];
    const port: ChatObjectPort = {
      generateObject: (...args) => {
        calls.push(args);
        return Promise.resolve({ city: 'Oslo' });
      },
    };
    const chat = await chatWith(new MockChatModel(), { provide: ChatObjectPort, useValue: port });
    const options = { schema: { type: 'object' }, maxRetries: 0 };
    await expect(chat.generateObject('Weather?', options)).resolves.toEqual({ city: 'Oslo' });
    expect(calls).toEqual([[chat, 'Weather?', options]]);
  });
});
