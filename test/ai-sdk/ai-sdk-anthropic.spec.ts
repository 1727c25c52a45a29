import { createAnthropic } from '@ai-sdk/anthropic';
import { inspect } from 'node:util';
import { lastValueFrom } from 'rxjs';
import {
  AnthropicChatModel,
  AuthenticationError,
  InvalidRequestError,
  ServerError,
  collectStream,
  fromAiSdk,
  type ChatModel,
  type ChatRequest,
  type ChatResponse,
  type Message,
} from '../../lib';
import { useReplayServer } from '../support/replay-server';

/**
 * The adapter over `@ai-sdk/anthropic` 3.x (spec V3) replaying recorded Anthropic answers: the
 * reasoning (with its signature), redacted reasoning and tool calls must come out as our native
 * AnthropicChatModel makes them of the same bytes, and go back on the next turn as Anthropic
 * wants them.
 */
const KEY = 'sk-ant-api03-ai-sdk-e2e-0123456789abcdef';
const MODEL = 'claude-sonnet-4-20250514';
const ask: ChatRequest = {
  messages: [{ role: 'user', content: 'Primes below 400 with 79?' }],
  maxTokens: 2048,
};

/** What both paths must agree on: ids, text, reasoning with signatures, tool calls, finish, usage. */
function essentials(response: ChatResponse): unknown {
  return {
    id: response.id,
    model: response.model,
    text: response.text,
    content: response.content,
    // The AI SDK's Anthropic package writes a tool call with no input as "{}" (ours keeps "").
    toolCalls: response.toolCalls.map((call) => ({
      ...call,
      rawArguments: call.rawArguments === '' ? '{}' : call.rawArguments,
    })),
    finishReason: response.finishReason,
    rawFinishReason: response.rawFinishReason,
    outputTokens: response.usage.outputTokens,
  };
}

describe('fromAiSdk over @ai-sdk/anthropic (spec V3)', () => {
  const replay = useReplayServer();
  let adapter: ChatModel;
  let native: ChatModel;

  beforeEach(() => {
    const provider = createAnthropic({ baseURL: replay.server.baseUrl, apiKey: KEY });
    adapter = fromAiSdk(provider(MODEL));
    native = new AnthropicChatModel({ model: MODEL, apiKey: KEY, baseUrl: replay.server.baseUrl });
  });

  it('keeps the recorded reasoning and its signature as the native model does (chat)', async () => {
    const fixture = 'anthropic/messages-thinking.json';
    replay.server.enqueue({ fixture }, { fixture });
    const ours = await adapter.chat(ask);
    const theirs = await native.chat(ask);
    expect(ours.content.some((part) => part.type === 'reasoning' && part.signature)).toBe(true);
    expect(essentials(ours)).toEqual(essentials(theirs));
  });

  it.each([
    'anthropic/messages-thinking-tool-use.stream.txt',
    'anthropic/messages-redacted-thinking.stream.txt',
    'anthropic/messages-tool-use-parallel.stream.txt',
  ])('streams %s into the native answer', async (fixture) => {
    replay.server.enqueue({ fixture, chunkSize: 7 }, { fixture });
    const ours = await lastValueFrom(adapter.stream(ask).pipe(collectStream()));
    const theirs = await lastValueFrom(native.stream(ask).pipe(collectStream()));
    expect(essentials(ours)).toEqual(essentials(theirs));
  });

  it('sends reasoning back with its signature and a cache breakpoint on the system prompt', async () => {
    const fixture = 'anthropic/messages-thinking-tool-use.stream.txt';
    replay.server.enqueue({ fixture });
    const first = await lastValueFrom(adapter.stream(ask).pipe(collectStream()));
    const call = first.toolCalls[0];
    expect(call).toBeDefined();
    const signed = first.content.find((part) => part.type === 'reasoning');
    replay.server.enqueue({ fixture: 'anthropic/messages-text.json' });
    const history: Message[] = [
      { role: 'system', content: 'Be brief.', cacheControl: { type: 'ephemeral' } },
      ...ask.messages,
      first.message,
      { role: 'tool', toolCallId: call?.id ?? '', toolName: call?.name ?? '', content: '18 C' },
    ];
    await adapter.chat({ messages: history, maxTokens: 2048 });
    const body = replay.server.requests[1]?.body as {
      system: unknown;
      messages: { role: string; content: { type: string }[] }[];
    };
    expect(body.system).toEqual([
      { type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } },
    ]);
    const assistant = body.messages.find((message) => message.role === 'assistant');
    expect(assistant?.content[0]).toEqual({
      type: 'thinking',
      thinking: signed?.type === 'reasoning' ? signed.text : undefined,
      signature: signed?.type === 'reasoning' ? signed.signature : undefined,
    });
    expect(assistant?.content).toContainEqual(
      expect.objectContaining({ type: 'tool_use', id: call?.id, name: call?.name }),
    );
    expect(body.messages.at(-1)?.content).toEqual([
      expect.objectContaining({ type: 'tool_result', tool_use_id: call?.id, content: '18 C' }),
    ]);
  });

  it('maps the recorded 401 and 400, and a 529 overload, to the typed errors', async () => {
    replay.server.enqueue(
      { fixture: 'anthropic/error-authentication.401.json' },
      { fixture: 'anthropic/error-invalid-request.400.json' },
      {
        status: 529,
        body: '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
      },
    );
    const unauthorized: unknown = await adapter.chat(ask).catch((error: unknown) => error);
    expect(unauthorized).toBeInstanceOf(AuthenticationError);
    expect(inspect(unauthorized, { depth: 8 })).not.toContain(KEY);
    await expect(adapter.chat(ask)).rejects.toBeInstanceOf(InvalidRequestError);
    const overloaded: unknown = await adapter.chat(ask).catch((error: unknown) => error);
    expect(overloaded).toBeInstanceOf(ServerError);
    expect(overloaded).toMatchObject({ status: 529, code: 'overloaded_error', isRetryable: true });
  });
});
