import { lastValueFrom } from 'rxjs';
import type { Message, ToolDefinition } from '../../core';
import { readFixtureJson } from '../../../test/support/fixtures';
import {
  ANTHROPIC_ASK as request,
  useAnthropicReplay,
} from '../../../test/support/anthropic-harness';
import { collectStream } from '../../streaming/collect-stream';

const replay = useAnthropicReplay();

describe('AnthropicChatModel in a tool loop', () => {
  const secretTool: ToolDefinition = {
    name: 'secret_retrieval_tool',
    description: 'A tool that requires a password to retrieve a secret.',
    parameters: {
      properties: { password: { title: 'Password', type: 'string' } },
      required: ['password'],
      additionalProperties: false,
      type: 'object',
    },
    cacheControl: { type: 'ephemeral' },
  };

  /** The recorded request without its `"cache_control": null` (an unset breakpoint we do not send). */
  function recordedFollowup(): unknown {
    return JSON.parse(
      JSON.stringify(readFixtureJson('anthropic/messages-tool-result-followup.request.json')),
      (key, value: unknown) => (key === 'cache_control' && value === null ? undefined : value),
    );
  }

  it('sends the second turn exactly as recorded (messages-tool-result-followup.request.json)', async () => {
    const model = replay.model(
      [
        { fixture: 'anthropic/messages-tool-use-parallel.stream.txt' },
        { fixture: 'anthropic/messages-tool-result-followup.stream.txt' },
      ],
      { model: 'claude-sonnet-4-0', defaultMaxTokens: 16_000 },
    );
    const conversation: Message[] = [
      {
        role: 'system',
        content: 'Use parallel tool calling.',
        cacheControl: { type: 'ephemeral' },
      },
      {
        role: 'user',
        content:
          'Please retrieve the secrets associated with each of these passwords: mellon,radiance',
      },
    ];
    const first = await lastValueFrom(
      model.stream({ messages: conversation, tools: [secretTool] }).pipe(collectStream()),
    );
    expect(first.toolCalls.map((c) => c.id)).toEqual([
      'toolu_015cUijgET79LXjgeYQerN2h',
      'toolu_01XZTimPexA7h3EVKesnKt5T',
    ]);

    const secrets: Record<string, string> = {
      mellon: 'Welcome to Moria!',
      radiance: 'Life before Death',
    };
    const results: Message[] = first.toolCalls.map((call, i) => ({
      role: 'tool',
      toolCallId: call.id,
      toolName: call.name,
      content: secrets[call.arguments['password'] as string],
      ...(i === first.toolCalls.length - 1 && { cacheControl: { type: 'ephemeral' as const } }),
    }));
    const second = await lastValueFrom(
      model
        .stream({ messages: [...conversation, first.message, ...results], tools: [secretTool] })
        .pipe(collectStream()),
    );

    expect(replay.server.requests[1]?.body).toEqual(recordedFollowup());
    expect(second.text).toContain('"Life before Death"');
    expect(second.finishReason).toBe('stop');
  });

  it('passes thinking back unmodified, with its signature, on the next turn', async () => {
    const model = replay.model(
      [
        { fixture: 'anthropic/messages-thinking-tool-use.stream.txt' },
        { fixture: 'anthropic/messages-text.json' },
      ],
      { model: 'claude-haiku-4-5', thinking: { type: 'enabled', budgetTokens: 1024 } },
    );
    const ask: Message = { role: 'user', content: 'Use fixed_version, then joke about it' };
    const tool: ToolDefinition = {
      name: 'fixed_version',
      parameters: { type: 'object', properties: {} },
    };
    const first = await lastValueFrom(
      model.stream({ messages: [ask], tools: [tool] }).pipe(collectStream()),
    );
    const call = first.toolCalls[0];
    await model.chat({
      messages: [ask, first.message, { role: 'tool', toolCallId: call.id, content: '1.2.3' }],
      tools: [tool],
    });
    const reasoning = first.content[0];
    expect(reasoning.type).toBe('reasoning');
    expect(replay.server.requests[1]?.body).toMatchObject({
      thinking: { type: 'enabled', budget_tokens: 1024 },
      max_tokens: 16_000 + 1024,
      messages: [
        { role: 'user', content: 'Use fixed_version, then joke about it' },
        {
          role: 'assistant',
          content: [
            {
              type: 'thinking',
              thinking: reasoning.text,
              signature: reasoning.type === 'reasoning' ? reasoning.signature : undefined,
            },
            {
              type: 'tool_use',
              id: 'toolu_01825dXWLSoJwCst1qTsiWdb',
              name: 'fixed_version',
              input: {},
            },
          ],
        },
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: 'toolu_01825dXWLSoJwCst1qTsiWdb',
              content: '1.2.3',
            },
          ],
        },
      ],
    });
  });

  it('passes redacted thinking back as redacted_thinking blocks', async () => {
    const model = replay.model([
      { fixture: 'anthropic/messages-redacted-thinking.stream.txt' },
      { fixture: 'anthropic/messages-text.json' },
    ]);
    const first = await lastValueFrom(model.stream(request).pipe(collectStream()));
    await model.chat({
      messages: [...request.messages, first.message, { role: 'user', content: 'Go on' }],
    });
    const assistant = (
      replay.server.requests[1]?.body as { messages: { content: { type: string }[] }[] }
    ).messages[1];
    expect(assistant.content.map((b) => b.type)).toEqual([
      'redacted_thinking',
      'redacted_thinking',
      'text',
    ]);
    expect(assistant.content[0]).toEqual({
      type: 'redacted_thinking',
      data: (first.content[0] as { redactedData: string }).redactedData,
    });
  });
});
