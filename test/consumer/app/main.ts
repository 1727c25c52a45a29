/**
 * A minimal Nest 11 app that uses nestjs-conduit the way a user would, from the packed tarball.
 * test/consumer/consumer-test.sh copies this file into a fresh project outside the repo, installs the
 * tarball there, compiles it with the published typings and runs it; any failure exits non-zero.
 * (Inside the repo the root tsconfig type-checks it against lib/ through the `paths` mapping.)
 */
import 'reflect-metadata';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Body, Controller, Injectable, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { ChatService, ConduitModule, Tool, ToolExecutor } from 'nestjs-conduit';
import { ConduitMcpModule } from 'nestjs-conduit/mcp';
import { MockChatModel } from 'nestjs-conduit/testing';

const API_KEY = 'sk-consumer-test';
const ANSWER = 'Hello from the packed tarball.';

/** What the local stand-in for the OpenAI API saw. */
interface SeenRequest {
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly authorization: string | undefined;
  readonly body: { model?: unknown; messages?: unknown };
}

/** A Chat Completions answer, as OpenAI sends it. */
const completion = {
  id: 'chatcmpl-consumer-1',
  object: 'chat.completion',
  created: 1_735_000_000,
  model: 'gpt-4o-mini-2024-07-18',
  choices: [
    {
      index: 0,
      message: { role: 'assistant', content: ANSWER, refusal: null },
      logprobs: null,
      finish_reason: 'stop',
    },
  ],
  usage: { prompt_tokens: 9, completion_tokens: 6, total_tokens: 15 },
};

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`consumer check failed: ${what}`);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function main(): Promise<void> {
  const seen: SeenRequest[] = [];
  const fakeOpenAI = createServer((req: IncomingMessage, res: ServerResponse) => {
    void readBody(req).then((text) => {
      seen.push({
        method: req.method,
        url: req.url,
        authorization: req.headers.authorization,
        body: JSON.parse(text) as SeenRequest['body'],
      });
      res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req_consumer' });
      res.end(JSON.stringify(completion));
    });
  });
  fakeOpenAI.listen(0, '127.0.0.1');
  await once(fakeOpenAI, 'listening');
  const { port } = fakeOpenAI.address() as AddressInfo;

  @Controller('chat')
  class ChatController {
    constructor(private readonly chatService: ChatService) {}

    @Post()
    async chat(@Body() body: { message: string }): Promise<{ text: string; finishReason: string }> {
      const response = await this.chatService.chat(body.message);
      return { text: response.text, finishReason: response.finishReason };
    }
  }

  @Injectable()
  class EchoTools {
    @Tool({
      name: 'echo',
      description: 'Echoes a text',
      parameters: {
        type: 'object',
        properties: { text: { type: 'string' } },
        required: ['text'],
        additionalProperties: false,
      },
    })
    echo(args: { text: string }): { echoed: string } {
      return { echoed: args.text };
    }
  }

  @Module({
    imports: [
      ConduitMcpModule.forRoot({ path: '/mcp', name: 'consumer', version: '1.0.0' }),
      ConduitModule.forRoot({
        models: {
          default: {
            provider: 'openai',
            model: 'gpt-4o-mini',
            apiKey: API_KEY,
            baseUrl: `http://127.0.0.1:${port}/v1`,
          },
        },
      }),
    ],
    controllers: [ChatController],
    providers: [EchoTools],
  })
  class AppModule {}

  const app = await NestFactory.create(AppModule, { logger: ['error', 'warn'] });
  try {
    await app.listen(0, '127.0.0.1');
    const url = await app.getUrl();
    const res = await fetch(`${url}/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'Say hello' }),
    });
    check(res.status === 201, `POST /chat answered ${res.status}: ${await res.clone().text()}`);
    const answer = (await res.json()) as { text?: unknown; finishReason?: unknown };
    check(answer.text === ANSWER, `answer text is ${JSON.stringify(answer.text)}`);
    check(answer.finishReason === 'stop', `finishReason is ${JSON.stringify(answer.finishReason)}`);

    check(seen.length === 1, `the OpenAI stand-in saw ${seen.length} requests`);
    const request = seen[0];
    if (request === undefined) throw new Error('consumer check failed: no request seen');
    check(request.method === 'POST', `method ${request.method}`);
    check(request.url === '/v1/chat/completions', `path ${request.url}`);
    check(request.authorization === `Bearer ${API_KEY}`, 'Authorization header');
    check(request.body.model === 'gpt-4o-mini', `model ${JSON.stringify(request.body.model)}`);
    check(
      JSON.stringify(request.body.messages) ===
        JSON.stringify([{ role: 'user', content: 'Say hello' }]),
      `messages ${JSON.stringify(request.body.messages)}`,
    );

    await checkMcp(`${url}/mcp`);
  } finally {
    await app.close();
    fakeOpenAI.close();
  }

  // The testing entry point loads and works on its own.
  const mock = new MockChatModel({ responses: [{ text: 'mocked' }] });
  const mocked = await mock.chat({ messages: [{ role: 'user', content: 'hi' }] });
  check(mocked.text === 'mocked', `MockChatModel answered ${JSON.stringify(mocked.text)}`);

  console.log(
    `consumer app OK: ChatService.chat answered "${ANSWER}" through the packed tarball; MCP served and consumed`,
  );
}

/** nestjs-conduit/mcp: the app's tools through the official SDK client, and back as remote tools. */
async function checkMcp(endpoint: string): Promise<void> {
  const client = new Client(
    { name: 'consumer', version: '1' },
    { versionNegotiation: { mode: 'auto' } },
  );
  await client.connect(new StreamableHTTPClientTransport(new URL(endpoint)));
  try {
    const { tools } = await client.listTools();
    check(
      tools.some((tool) => tool.name === 'echo'),
      `MCP tools/list gave ${JSON.stringify(tools)}`,
    );
    const result = await client.callTool({ name: 'echo', arguments: { text: 'hi' } });
    check(
      JSON.stringify(result.structuredContent) === JSON.stringify({ echoed: 'hi' }),
      `MCP tools/call gave ${JSON.stringify(result)}`,
    );
  } finally {
    await client.close();
  }

  @Module({
    imports: [
      ConduitModule.forRoot({ models: { default: new MockChatModel() } }),
      ConduitMcpModule.forRoot({ clients: { consumer: { url: endpoint } } }),
    ],
  })
  class McpClientModule {}

  const consumer = await NestFactory.createApplicationContext(McpClientModule, {
    logger: ['error', 'warn'],
  });
  try {
    const echoed = await consumer.get(ToolExecutor).execute({
      id: 'call_1',
      name: 'consumer__echo',
      arguments: { text: 'remote' },
      rawArguments: '{"text":"remote"}',
    });
    check(echoed.content === '{"echoed":"remote"}', `remote tool gave ${JSON.stringify(echoed)}`);
  } finally {
    await consumer.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
