import type { ServerResponse } from 'node:http';
import { Test } from '@nestjs/testing';
import { ConduitModule } from '../../lib/conduit.module';
import { TimeoutError } from '../../lib/core';
import type { ChatModel } from '../../lib/core/chat-model.interface';
import { getChatModelToken } from '../../lib/models/model-tokens';
import { readFixture } from '../support/fixtures';
import {
  closePoolsAfterEach,
  startCountingHttpServer,
  until,
  type ConnectionCounter,
} from './counting-server';
import {
  chatModelFor,
  FAULT_API_KEY,
  FAULT_WIRES,
  okFixture,
  rejectionOf,
  runStream,
} from './fault-harness';

/** Short, to keep the suite fast; the assertions are about the error and the socket, never time. */
const DEADLINE_MS = 200;

/**
 * Sends the answer one byte every 5 ms, over and over, and never ends it: undici's timeouts,
 * which measure silence between bytes, never fire.
 */
function trickle(res: ServerResponse, body: string, contentType: string): void {
  const bytes = Buffer.from(body, 'utf8');
  let next = 0;
  res.writeHead(200, { 'content-type': contentType });
  const timer = setInterval(() => {
    res.write(bytes.subarray(next % bytes.length, (next % bytes.length) + 1));
    next++;
  }, 5);
  res.on('close', () => clearInterval(timer));
}

const HI = { messages: [{ role: 'user' as const, content: 'Hi' }] };

closePoolsAfterEach();

describe.each(FAULT_WIRES)('the model deadline (timeoutMs) on the %s wire', (wire) => {
  let server: ConnectionCounter;

  beforeEach(async () => {
    server = await startCountingHttpServer((body, res) => {
      const stream = (body as { stream?: unknown } | undefined)?.stream === true;
      trickle(
        res,
        readFixture(okFixture(wire, stream)),
        stream ? 'text/event-stream' : 'application/json',
      );
    });
  });

  afterEach(() => server.close());

  it('a stream trickled byte by byte fails with TimeoutError at the deadline and its socket is closed', async () => {
    const model = chatModelFor(wire, server.baseUrl, { timeoutMs: DEADLINE_MS });
    const outcome = await runStream(model.stream(HI));
    expect(outcome.error).toBeInstanceOf(TimeoutError);
    expect((outcome.error as TimeoutError).timeoutMs).toBe(DEADLINE_MS);
    expect((outcome.error as TimeoutError).isRetryable).toBe(true);
    expect(await until(() => server.open === 0)).toBe(true);
  });

  it('a JSON answer trickled byte by byte fails with TimeoutError at the deadline and its socket is closed', async () => {
    const model = chatModelFor(wire, server.baseUrl, { timeoutMs: DEADLINE_MS });
    const error = await rejectionOf(model.chat(HI));
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).timeoutMs).toBe(DEADLINE_MS);
    expect(await until(() => server.open === 0)).toBe(true);
  });
});

describe('the model deadline of a model configured in the module and injected', () => {
  let server: ConnectionCounter;

  beforeEach(async () => {
    server = await startCountingHttpServer((_body, res) =>
      trickle(res, readFixture(okFixture('openai', true)), 'text/event-stream'),
    );
  });

  afterEach(() => server.close());

  it('`timeoutMs` in the model config bounds a stream of the model called directly', async () => {
    const module = await Test.createTestingModule({
      imports: [
        ConduitModule.forRoot({
          models: {
            default: {
              provider: 'openai',
              model: 'gpt-4o',
              apiKey: FAULT_API_KEY,
              baseUrl: server.baseUrl,
              timeoutMs: DEADLINE_MS,
            },
          },
        }),
      ],
    }).compile();
    // What `@InjectChatModel()` hands a service: the model itself, without ChatService around it.
    const model = module.get<ChatModel>(getChatModelToken('default'));
    const outcome = await runStream(model.stream(HI));
    expect(outcome.error).toBeInstanceOf(TimeoutError);
    expect((outcome.error as TimeoutError).timeoutMs).toBe(DEADLINE_MS);
    expect(await until(() => server.open === 0)).toBe(true);
    await module.close();
  });
});
