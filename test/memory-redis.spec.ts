import { Test, type TestingModule } from '@nestjs/testing';
import Redis from 'ioredis';
import {
  ChatService,
  ConduitMemoryModule,
  ConduitModule,
  ConversationMemory,
  RedisConversationStore,
} from 'nestjs-conduit';
import { MockChatModel } from 'nestjs-conduit/testing';
import type { Message } from 'nestjs-conduit';
import { startRedisServer, type RedisServer } from './support/redis-server';

let server: RedisServer;

function textOf(message: Message | undefined): string {
  return typeof message?.content === 'string' ? message.content : '';
}
const clients: Redis[] = [];
const apps: TestingModule[] = [];

/** One app instance: its own model, its own Redis connection, the shared Redis server. */
async function instance(name: string): Promise<{ chat: ChatService; model: MockChatModel }> {
  const client = new Redis(server.url, { maxRetriesPerRequest: 1 });
  clients.push(client);
  const model = new MockChatModel({
    respond: (request) =>
      `${name} answers ${textOf(request.messages[request.messages.length - 1])}`,
  });
  const app = await Test.createTestingModule({
    imports: [
      ConduitModule.forRoot({ models: { default: model } }),
      ConduitMemoryModule.forRoot({
        store: new RedisConversationStore({ client, keyPrefix: 'shared:', ttlMs: 60_000 }),
      }),
    ],
  }).compile();
  apps.push(app);
  return { chat: app.get(ChatService), model };
}

beforeAll(async () => {
  server = await startRedisServer();
});

afterAll(async () => {
  await Promise.all(apps.map((app) => app.close()));
  await Promise.all(clients.map((client) => client.quit()));
  await server.stop();
});

describe('conversation memory in Redis shared by two app instances', () => {
  it('continues on one instance a conversation started on the other', async () => {
    const one = await instance('one');
    const two = await instance('two');
    await one.chat.chat('I am Ada.', { conversationId: 'handover' });
    await two.chat.chat('Who am I?', { conversationId: 'handover' });
    expect(two.model.lastRequest?.messages).toEqual([
      { role: 'user', content: 'I am Ada.' },
      { role: 'assistant', content: 'one answers I am Ada.' },
      { role: 'user', content: 'Who am I?' },
    ]);
  });

  it('keeps every turn, each question next to its answer, when both write at once', async () => {
    const one = await instance('one');
    const two = await instance('two');
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 === 0 ? one : two).chat.chat(`q${i}`, { conversationId: 'busy' }),
      ),
    );
    const entries = await apps[apps.length - 1].get(ConversationMemory).entries('busy');
    expect(entries).toHaveLength(40);
    const questions = new Set<string>();
    for (let i = 0; i < entries.length; i += 2) {
      const question = textOf(entries[i]?.message);
      questions.add(question);
      expect(textOf(entries[i + 1]?.message)).toMatch(new RegExp(` answers ${question}$`));
    }
    expect(questions.size).toBe(20);
  });
});
