import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { Test } from '@nestjs/testing';
import { lastValueFrom, toArray } from 'rxjs';
import { AuthenticationError, ChatService, ConduitModule, collectStream } from 'nestjs-conduit';
import { readTsBlocks } from '../docs/markdown-code-blocks';
import { AcmeChatModel } from '../fixtures/custom-provider/acme-chat-model';

const KEY = 'acme-key-0123456789abcdef';
const EXAMPLE = path.join(__dirname, '../fixtures/custom-provider/acme-chat-model.ts');

/** A fake Acme API: JSON or SSE on POST /generate, 401 (echoing the key) for a wrong key. */
function acmeServer(): Promise<{ server: Server; baseUrl: string; bodies: unknown[] }> {
  const bodies: unknown[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      const body = JSON.parse(raw) as { stream: boolean };
      bodies.push(body);
      if (req.headers.authorization !== `Bearer ${KEY}`) {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: `bad key ${String(req.headers.authorization)}` }));
        return;
      }
      const usage = { input: 5, output: 2 };
      if (!body.stream) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({ id: 'a1', model: 'acme-1', text: 'Hi there', stop: 'end', usage }),
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const event of [
        { type: 'start', id: 'a2', model: 'acme-1' },
        { type: 'text', text: 'Hi ' },
        { type: 'text', text: 'there' },
        { type: 'end', stop: 'max_tokens', usage },
      ]) {
        res.write(`data: ${JSON.stringify(event)}\n\n`);
      }
      res.end();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, baseUrl: `http://127.0.0.1:${port}`, bodies });
    }),
  );
}

describe('Writing your own provider (docs/providers.md)', () => {
  let fake: Awaited<ReturnType<typeof acmeServer>>;
  beforeEach(async () => (fake = await acmeServer()));
  afterEach(() => new Promise((resolve) => fake.server.close(resolve)));

  async function chatServiceWith(apiKey: string): Promise<ChatService> {
    const model = new AcmeChatModel({ baseUrl: fake.baseUrl, apiKey, model: 'acme-1' });
    const module = await Test.createTestingModule({
      imports: [ConduitModule.forRoot({ models: { default: model } })],
    }).compile();
    return module.get(ChatService);
  }

  it('the guide shows exactly the tested example', () => {
    const block = readTsBlocks(path.join(__dirname, '../../docs/providers.md')).find(
      (b) => b.file === 'src/acme-chat-model.ts',
    );
    expect(block?.code).toBe(readFileSync(EXAMPLE, 'utf8'));
  });

  it('answers through ChatService: chat() and a streamed answer', async () => {
    const chat = await chatServiceWith(KEY);
    const answer = await chat.chat('Hello');
    expect(answer).toMatchObject({
      text: 'Hi there',
      finishReason: 'stop',
      usage: { inputTokens: 5, outputTokens: 2, totalTokens: 7 },
    });
    const events = await lastValueFrom(chat.stream('Hello').pipe(toArray()));
    expect(events.map((e) => e.type)).toEqual([
      'start',
      'text-delta',
      'text-delta',
      'usage',
      'finish',
    ]);
    const streamed = await lastValueFrom(chat.stream('Hello').pipe(collectStream()));
    expect(streamed).toMatchObject({ text: 'Hi there', finishReason: 'length' });
    expect(fake.bodies[0]).toEqual({
      model: 'acme-1',
      messages: [{ role: 'user', text: 'Hello' }],
      stream: false,
    });
  });

  it('maps a 401 to AuthenticationError with the key redacted', async () => {
    const chat = await chatServiceWith(`${KEY}-wrong`);
    const error: unknown = await chat.chat('Hello').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(JSON.stringify(error)).not.toContain(KEY);
    expect(String((error as Error).message)).not.toContain(KEY);
  });
});
