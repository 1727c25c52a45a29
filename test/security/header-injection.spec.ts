import { Test } from '@nestjs/testing';
import { ConduitModule } from '../../lib/conduit.module';
import { ConduitValidationError } from '../../lib/core';
import { useReplayServer } from '../support/replay-server';
import {
  chatModelFor,
  FAULT_WIRES,
  okFixture,
  rejectionOf,
  runStream,
  startConduit,
} from '../faults/fault-harness';
import { OpenAIChatModel } from '../../lib/providers/openai/openai-chat-model';
import { AnthropicChatModel } from '../../lib/providers/anthropic/anthropic-chat-model';

const INJECTIONS = ['a\r\nX-Injected: 1', 'a\nX-Injected: 1', 'a\rb', 'a\0b'];

describe.each(FAULT_WIRES)('CR/LF injection is refused on the %s wire', (wire) => {
  const replay = useReplayServer({ fixture: okFixture(wire, false) });

  it.each(INJECTIONS.map((v) => [JSON.stringify(v), v]))(
    'a per-call header value %s: ConduitValidationError, nothing sent',
    async (_label, value) => {
      const conduit = await startConduit(chatModelFor(wire, replay.server.baseUrl));
      const error = await rejectionOf(conduit.chat.chat('Hi', { headers: { 'x-trace': value } }));
      expect(error).toBeInstanceOf(ConduitValidationError);
      expect((error as ConduitValidationError).field).toBe('headers.x-trace');
      const { error: streamError } = await runStream(
        conduit.chat.stream('Hi', { headers: { 'x-trace': value } }),
      );
      expect(streamError).toBeInstanceOf(ConduitValidationError);
      expect(replay.server.requests).toHaveLength(0);
      await conduit.close();
    },
  );

  it('a header name that is not an HTTP token is refused', async () => {
    const conduit = await startConduit(chatModelFor(wire, replay.server.baseUrl));
    const error = await rejectionOf(conduit.chat.chat('Hi', { headers: { 'x-a\r\nb': '1' } }));
    expect(error).toBeInstanceOf(ConduitValidationError);
    expect(replay.server.requests).toHaveLength(0);
    await conduit.close();
  });

  it('a model alias with CR/LF is refused before any lookup or request', async () => {
    const conduit = await startConduit(chatModelFor(wire, replay.server.baseUrl));
    const error = await rejectionOf(conduit.chat.chat('Hi', { model: 'default\r\nX-Injected: 1' }));
    expect(error).toBeInstanceOf(ConduitValidationError);
    expect((error as ConduitValidationError).field).toBe('model');
    await conduit.close();
  });

  it('headers with CR/LF in the model settings are refused when the model is used directly', async () => {
    const headers = { 'x-team': 'a\r\nX-Injected: 1' };
    const model =
      wire === 'openai'
        ? new OpenAIChatModel({
            model: 'gpt-4o',
            apiKey: 'sk-test',
            baseUrl: replay.server.baseUrl,
            headers,
          })
        : new AnthropicChatModel({
            model: 'claude-sonnet-4-5',
            apiKey: 'sk-test',
            baseUrl: replay.server.baseUrl,
            headers,
          });
    const error = await rejectionOf(
      model.chat({ messages: [{ role: 'user', content: 'Hi' }], maxTokens: 16 }),
    );
    expect(error).toBeInstanceOf(ConduitValidationError);
    // The value is never echoed: a header may carry a secret.
    expect((error as Error).message).not.toContain('X-Injected');
    expect(replay.server.requests).toHaveLength(0);
  });

  it('clean headers still go out', async () => {
    const conduit = await startConduit(chatModelFor(wire, replay.server.baseUrl));
    await conduit.chat.chat('Hi', { headers: { 'x-trace': 'abc-123' } });
    expect(replay.server.requests[0].headers['x-trace']).toBe('abc-123');
    await conduit.close();
  });
});

// Prototype pollution through tool arguments (`__proto__`, `constructor.prototype`) is covered by
// lib/tools/tool-arguments.spec.ts, lib/tools/tool-executor.spec.ts and lib/structured/parsers/*.spec.ts;
// this suite does not repeat them.

describe('CR/LF injection in the module configuration', () => {
  it('a model id or a header with CR/LF fails the bootstrap, naming each field', async () => {
    const error = await rejectionOf(
      Test.createTestingModule({
        imports: [
          ConduitModule.forRoot({
            models: {
              default: {
                provider: 'openai',
                model: 'gpt-4o\r\nX-Injected: 1',
                apiKey: 'sk-test',
                headers: { 'x-team': 'a\nb' },
              },
            },
          }),
        ],
      }).compile(),
    );
    expect(error).toBeInstanceOf(ConduitValidationError);
    expect((error as ConduitValidationError).issues.map((i) => i.path)).toEqual([
      'models.default.model',
      'models.default.headers.x-team',
    ]);
  });
});
