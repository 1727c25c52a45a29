import type { TestingModule } from '@nestjs/testing';
import { Test } from '@nestjs/testing';
import { lastValueFrom, toArray } from 'rxjs';
import {
  AgentService,
  ConduitModule,
  OpenAIChatModel,
  type AgentEvent,
  type AgentResult,
  type ChatModel,
} from 'nestjs-conduit';
import { AnthropicChatModel } from '../lib/providers/anthropic';
import { GroqChatModel } from '../lib/providers/groq';
import { SecretTools } from './fixtures/agent-app/secret.tools';
import { readFixture, readFixtureJson } from './support/fixtures';
import { ReplayServer } from './support/replay-server';

/**
 * The agent loop once per real provider wire format: the recorded tool-call answer, the tools run,
 * and the recorded follow-up answer, replayed from 127.0.0.1. The second request the agent sends
 * must carry the conversation the way the provider's own client sent it in the recording.
 */
let server: ReplayServer;
let moduleRef: TestingModule;

afterEach(async () => {
  await moduleRef?.close();
  await server?.close();
});

async function boot(
  model: (baseUrl: string) => ChatModel,
  fixtures: string[],
): Promise<AgentService> {
  server = await ReplayServer.start(fixtures.map((fixture) => ({ fixture, chunkSize: 61 })));
  moduleRef = await Test.createTestingModule({
    imports: [ConduitModule.forRoot({ models: { default: model(server.baseUrl) } })],
    providers: [SecretTools],
  }).compile();
  await moduleRef.init();
  return moduleRef.get(AgentService);
}

async function runStreamed(
  agents: AgentService,
  prompt: string,
  tools: string[],
): Promise<{
  result: AgentResult;
  events: AgentEvent[];
}> {
  const events = await lastValueFrom(
    agents.stream({ system: 'Use parallel tool calling.', prompt, tools }).pipe(toArray()),
  );
  const last = events[events.length - 1];
  if (last?.type !== 'finish') throw new Error('the run did not finish');
  return { result: last.result, events };
}

/** The answer text of a recorded stream, joined from its deltas. */
function recordedText(fixture: string, field: RegExp): string {
  return [...readFixture(fixture).matchAll(field)]
    .map((match) => JSON.parse(`"${match[1] ?? ''}"`) as string)
    .join('');
}

const PROMPT =
  'Please retrieve the secrets associated with each of these passwords: mellon,radiance';

describe('agent loop on recorded provider traffic', () => {
  it('OpenAI Chat Completions: parallel tool calls, then the follow-up answer', async () => {
    const agents = await boot(
      (baseUrl) => new OpenAIChatModel({ model: 'gpt-4o', apiKey: 'sk-test', baseUrl }),
      ['openai/chat-tool-calls-parallel.stream.txt', 'openai/chat-tool-result-followup.stream.txt'],
    );
    const { result } = await runStreamed(agents, PROMPT, ['secret_retrieval_tool']);
    expect(result.iterations).toBe(2);
    expect(
      result.toolCalls.map((r) => [r.toolCall.id, r.toolCall.arguments, r.result.content]),
    ).toEqual([
      ['call_M26z19sncd7b4LBgzKRRbaUE', { password: 'mellon' }, 'Welcome to Moria!'],
      ['call_KPXe5NX7IcKkaBUhc6dto2QV', { password: 'radiance' }, 'Life before Death'],
    ]);
    expect(result.text).toBe(
      recordedText('openai/chat-tool-result-followup.stream.txt', /"content":"((?:[^"\\]|\\.)*)"/g),
    );
    const recorded = readFixtureJson<{ messages: Record<string, unknown>[] }>(
      'openai/chat-tool-result-followup.request.json',
    );
    const second = server.requests[1]?.body as {
      messages: Record<string, unknown>[];
      tools: unknown[];
    };
    // Same conversation as the official client sent; the assistant's empty content may be "" or null.
    expect(second.messages.map((m) => ({ ...m, content: m['content'] ?? '' }))).toEqual(
      recorded.messages.map((m) => ({
        ...m,
        content: m['content'] ?? '',
        ...(m['role'] === 'assistant' && {
          tool_calls: (m['tool_calls'] as { function: { arguments: string } }[]).map((c) => ({
            ...c,
            function: { ...c.function, arguments: expect.any(String) as string },
          })),
        }),
      })),
    );
    const assistant = second.messages[2] as { tool_calls: { function: { arguments: string } }[] };
    expect(assistant.tool_calls.map((c) => JSON.parse(c.function.arguments) as unknown)).toEqual([
      { password: 'mellon' },
      { password: 'radiance' },
    ]);
    expect(second.tools).toHaveLength(1);
  });

  it('Anthropic Messages: text and two tool_use blocks, then the follow-up answer', async () => {
    const agents = await boot(
      (baseUrl) =>
        new AnthropicChatModel({ model: 'claude-sonnet-4-0', apiKey: 'sk-ant-test', baseUrl }),
      [
        'anthropic/messages-tool-use-parallel.stream.txt',
        'anthropic/messages-tool-result-followup.stream.txt',
      ],
    );
    const { result, events } = await runStreamed(agents, PROMPT, ['secret_retrieval_tool']);
    expect(result.toolCalls.map((r) => [r.toolCall.id, r.result.content])).toEqual([
      ['toolu_015cUijgET79LXjgeYQerN2h', 'Welcome to Moria!'],
      ['toolu_01XZTimPexA7h3EVKesnKt5T', 'Life before Death'],
    ]);
    expect(result.text).toBe(
      recordedText(
        'anthropic/messages-tool-result-followup.stream.txt',
        /"text":"((?:[^"\\]|\\.)*)"/g,
      ),
    );
    const firstTurnText = events
      .filter((e) => e.type === 'text-delta' && e.iteration === 1)
      .map((e) => (e.type === 'text-delta' ? e.delta : ''))
      .join('');
    expect(firstTurnText).toBe("I'll retrieve the secrets for both passwords you provided.");
    const recorded = readFixtureJson<{ messages: { role: string; content: unknown }[] }>(
      'anthropic/messages-tool-result-followup.request.json',
    );
    const second = server.requests[1]?.body as {
      messages: { role: string; content: unknown }[];
      system: unknown;
    };
    const withoutCache = (value: unknown): unknown =>
      JSON.parse(
        JSON.stringify(value, (key, v: unknown) => (key === 'cache_control' ? undefined : v)),
      );
    expect(withoutCache(second.messages)).toEqual(withoutCache(recorded.messages));
    expect(JSON.stringify(second.system)).toContain('Use parallel tool calling.');
  });

  it('Groq: a complete tool call in one chunk, then the follow-up answer', async () => {
    const agents = await boot(
      (baseUrl) => new GroqChatModel({ model: 'openai/gpt-oss-120b', apiKey: 'gsk-test', baseUrl }),
      ['groq/chat-tool-call.stream.txt', 'groq/chat-tool-result-followup.stream.txt'],
    );
    const { result } = await runStreamed(agents, 'Get something named example', [
      'get_something_by_name',
    ]);
    expect(result.toolCalls.map((r) => [r.toolCall.arguments, r.result.content])).toEqual([
      [{ name: 'example' }, 'Something named example'],
    ]);
    expect(result.text).toBe('The tool returned the expected result for the valid call.');
    const second = server.requests[1]?.body as { messages: Record<string, unknown>[] };
    expect(second.messages.slice(2)).toEqual([
      expect.objectContaining({
        role: 'assistant',
        tool_calls: [
          {
            id: 'fc_bfb39741-3748-4def-9886-a93fc9c64a90',
            type: 'function',
            function: { name: 'get_something_by_name', arguments: '{"name":"example"}' },
          },
        ],
      }),
      {
        role: 'tool',
        tool_call_id: 'fc_bfb39741-3748-4def-9886-a93fc9c64a90',
        content: 'Something named example',
      },
    ]);
    expect(result.usage.totalTokens).toBe(
      result.responses.reduce((sum, r) => sum + r.usage.totalTokens, 0),
    );
  });
});
