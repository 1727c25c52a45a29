import type { Usage } from '../../core';
import { readFixture, seededCuts } from '../../../test/support/fixtures';
import { useAnthropicReplay } from '../../../test/support/anthropic-harness';

/** The usage every recording reports: no cache reads or writes. */
const usage = (input: number, output: number, extra: Partial<Usage> = {}): Usage => ({
  inputTokens: input,
  outputTokens: output,
  totalTokens: input + output,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  ...extra,
});

/** The signature a fixture's signature_delta carries (passed through unmodified). */
function signatureIn(fixture: string): string {
  const match = /"signature_delta","signature":"([^"]+)"/.exec(readFixture(fixture));
  return match?.[1] as string;
}

/** The `data` of every redacted_thinking block of a fixture, in order. */
function redactedDataIn(fixture: string): string[] {
  return [...readFixture(fixture).matchAll(/"type":"redacted_thinking","data":"([^"]+)"/g)].map(
    (m) => m[1],
  );
}

const NO_CACHE = { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 };

const STREAM_FIXTURES = [
  'anthropic/messages-text.stream.txt',
  'anthropic/messages-tool-use-parallel.stream.txt',
  'anthropic/messages-tool-result-followup.stream.txt',
  'anthropic/messages-thinking.stream.txt',
  'anthropic/messages-thinking-tool-use.stream.txt',
  'anthropic/messages-redacted-thinking.stream.txt',
  'anthropic/messages-max-tokens.stream.txt',
  'anthropic/messages-refusal.stream.txt',
  'anthropic/messages-text.chunks.jsonl',
];

const replay = useAnthropicReplay();

describe('AnthropicChatModel.stream() on the recorded streams', () => {
  it('streams plain text with a ping inside the block (messages-text.stream.txt)', async () => {
    const events = await replay.events({ fixture: 'anthropic/messages-text.stream.txt' });
    const finalUsage = usage(17, 15);
    expect(events).toEqual([
      {
        type: 'start',
        id: 'msg_018bk6q16LtrDpGDm6TyXTgn',
        model: 'claude-sonnet-4-20250514',
        warnings: [],
      },
      { type: 'text-delta', delta: '4200 + 42 =' },
      { type: 'text-delta', delta: ' 4242' },
      { type: 'usage', usage: finalUsage },
      {
        type: 'finish',
        finishReason: 'stop',
        rawFinishReason: 'end_turn',
        usage: finalUsage,
        providerMetadata: { anthropic: { cacheCreation: NO_CACHE, serviceTier: 'standard' } },
      },
    ]);
  });

  it('assembles parallel tool calls from fragments that split the JSON mid-token', async () => {
    const events = await replay.events({
      fixture: 'anthropic/messages-tool-use-parallel.stream.txt',
    });
    const toolEvents = events.filter((e) => e.type.startsWith('tool-call'));
    expect(toolEvents).toEqual([
      {
        type: 'tool-call-start',
        index: 0,
        id: 'toolu_015cUijgET79LXjgeYQerN2h',
        name: 'secret_retrieval_tool',
      },
      {
        type: 'tool-call-delta',
        index: 0,
        id: 'toolu_015cUijgET79LXjgeYQerN2h',
        argumentsDelta: '{"passwo',
      },
      {
        type: 'tool-call-delta',
        index: 0,
        id: 'toolu_015cUijgET79LXjgeYQerN2h',
        argumentsDelta: 'rd": "mellon',
      },
      {
        type: 'tool-call-delta',
        index: 0,
        id: 'toolu_015cUijgET79LXjgeYQerN2h',
        argumentsDelta: '"}',
      },
      {
        type: 'tool-call',
        index: 0,
        toolCall: {
          id: 'toolu_015cUijgET79LXjgeYQerN2h',
          name: 'secret_retrieval_tool',
          arguments: { password: 'mellon' },
          rawArguments: '{"password": "mellon"}',
        },
      },
      {
        type: 'tool-call-start',
        index: 1,
        id: 'toolu_01XZTimPexA7h3EVKesnKt5T',
        name: 'secret_retrieval_tool',
      },
      {
        type: 'tool-call-delta',
        index: 1,
        id: 'toolu_01XZTimPexA7h3EVKesnKt5T',
        argumentsDelta: '{"passw',
      },
      {
        type: 'tool-call-delta',
        index: 1,
        id: 'toolu_01XZTimPexA7h3EVKesnKt5T',
        argumentsDelta: 'ord',
      },
      {
        type: 'tool-call-delta',
        index: 1,
        id: 'toolu_01XZTimPexA7h3EVKesnKt5T',
        argumentsDelta: '": "radian',
      },
      {
        type: 'tool-call-delta',
        index: 1,
        id: 'toolu_01XZTimPexA7h3EVKesnKt5T',
        argumentsDelta: 'ce"}',
      },
      {
        type: 'tool-call',
        index: 1,
        toolCall: {
          id: 'toolu_01XZTimPexA7h3EVKesnKt5T',
          name: 'secret_retrieval_tool',
          arguments: { password: 'radiance' },
          rawArguments: '{"password": "radiance"}',
        },
      },
    ]);
    const response = await replay.collect({
      fixture: 'anthropic/messages-tool-use-parallel.stream.txt',
    });
    expect(response).toMatchObject({
      text: "I'll retrieve the secrets for both passwords you provided.",
      finishReason: 'tool_calls',
      rawFinishReason: 'tool_use',
      usage: usage(416, 109),
    });
    expect(response.toolCalls.map((c) => c.arguments)).toEqual([
      { password: 'mellon' },
      { password: 'radiance' },
    ]);
    expect(response.message).toEqual({
      role: 'assistant',
      content: "I'll retrieve the secrets for both passwords you provided.",
      toolCalls: response.toolCalls,
    });
  });

  it('streams the final answer of the tool loop (messages-tool-result-followup.stream.txt)', async () => {
    const response = await replay.collect({
      fixture: 'anthropic/messages-tool-result-followup.stream.txt',
    });
    expect(response).toMatchObject({
      id: 'msg_017XFa1GH7bCU9DpZk93UPQ5',
      text: 'Here are the secrets retrieved for each password:\n\n1. **Password "mellon"**: "Welcome to Moria!"\n2. **Password "radiance"**: "Life before Death"\n\nBoth secrets have been successfully retrieved!',
      toolCalls: [],
      finishReason: 'stop',
      usage: usage(602, 52),
    });
  });

  it('streams thinking as reasoning deltas closed by the signature, then the text', async () => {
    const fixture = 'anthropic/messages-thinking.stream.txt';
    const events = await replay.events({ fixture });
    const reasoning = events.filter((e) => e.type === 'reasoning-delta');
    expect(reasoning.at(-1)).toEqual({
      type: 'reasoning-delta',
      delta: '',
      signature: signatureIn(fixture),
    });
    expect(
      reasoning.every((e) => e.type === 'reasoning-delta' && (e.delta !== '' || e.signature)),
    ).toBe(true);
    expect(events.findIndex((e) => e.type === 'text-delta')).toBeGreaterThan(
      events.findIndex((e) => e.type === 'reasoning-delta' && e.signature !== undefined),
    );

    const response = await replay.collect({ fixture });
    const thinking =
      'The user is asking me to recall the primes I found that contain "79" as a substring below 400. In my previous response, I identified:\n- 79: Prime\n- 179: Prime  \n- 279: Not prime (divisible by 3)\n- 379: Prime\n\nSo the primes were 79, 179, and 379.';
    const content = [
      { type: 'reasoning', text: thinking, signature: signatureIn(fixture) },
      { type: 'text', text: 'The primes were: 79, 179, and 379.' },
    ];
    expect(response.content).toEqual(content);
    expect(response.text).toBe('The primes were: 79, 179, and 379.');
    expect(response.message).toEqual({ role: 'assistant', content });
    expect(response.usage).toEqual(usage(171, 107));
  });

  it('streams thinking then a tool call with no arguments, counting thinking tokens (haiku 4.5)', async () => {
    const fixture = 'anthropic/messages-thinking-tool-use.stream.txt';
    const response = await replay.collect({ fixture });
    expect(response.content).toEqual([
      {
        type: 'reasoning',
        text: 'The user wants me to:\n1. Use the fixed_version tool\n2. Tell them the version\n3. Make a short joke about it\n\nLet me first call the fixed_version tool to see what version it returns.',
        signature: signatureIn(fixture),
      },
    ]);
    expect(response.toolCalls).toEqual([
      {
        id: 'toolu_01825dXWLSoJwCst1qTsiWdb',
        name: 'fixed_version',
        arguments: {},
        rawArguments: '',
      },
    ]);
    expect(response).toMatchObject({
      model: 'claude-haiku-4-5-20251001',
      text: '',
      finishReason: 'tool_calls',
      rawFinishReason: 'tool_use',
      usage: usage(598, 92, { reasoningTokens: 53 }),
      warnings: [],
    });
    // Passed back on the next turn with its signature and the tool call.
    expect(response.message).toEqual({
      role: 'assistant',
      content: response.content,
      toolCalls: response.toolCalls,
    });
  });

  it('streams redacted thinking blocks as reasoning parts of their own with the opaque data', async () => {
    const fixture = 'anthropic/messages-redacted-thinking.stream.txt';
    const [first, second] = redactedDataIn(fixture);
    const events = await replay.events({ fixture });
    expect(events.filter((e) => e.type === 'reasoning-delta')).toEqual([
      { type: 'reasoning-delta', delta: '', redactedData: first },
      { type: 'reasoning-delta', delta: '', redactedData: second },
    ]);
    const response = await replay.collect({ fixture });
    expect(response.content.slice(0, 2)).toEqual([
      { type: 'reasoning', text: '', redactedData: first },
      { type: 'reasoning', text: '', redactedData: second },
    ]);
    expect(response.text.startsWith("I notice that you've sent what appears to be")).toBe(true);
    expect(response.text.endsWith('a legitimate task or question?')).toBe(true);
    expect(response.usage).toEqual(usage(92, 189));
  });

  it('reports max_tokens as length (messages-max-tokens.stream.txt)', async () => {
    const response = await replay.collect({ fixture: 'anthropic/messages-max-tokens.stream.txt' });
    expect(response).toMatchObject({
      finishReason: 'length',
      rawFinishReason: 'max_tokens',
      usage: usage(15, 50),
    });
    expect(response.text.endsWith('8. Delaware\n9')).toBe(true);
  });

  it('reports a refusal as content_filter with its explanation and no content', async () => {
    const events = await replay.events(
      { fixture: 'anthropic/messages-refusal.stream.txt' },
      { model: 'claude-fable-5-1' },
    );
    expect(events.map((e) => e.type)).toEqual(['start', 'refusal-delta', 'usage', 'finish']);
    const response = await replay.collect({ fixture: 'anthropic/messages-refusal.stream.txt' });
    expect(response).toMatchObject({
      model: 'claude-fable-5-1',
      text: '',
      content: [],
      finishReason: 'content_filter',
      rawFinishReason: 'refusal',
      usage: usage(97, 0, { reasoningTokens: 0 }),
    });
    expect(response.refusal).toMatch(
      /^This request was blocked as it seems to violate Anthropic's Terms of Service/,
    );
    expect(response.providerMetadata['anthropic']?.['stopDetails']).toMatchObject({
      type: 'refusal',
      category: 'reasoning_extraction',
    });
  });

  it('reads a vercel/ai JSON-lines recording served with data: lines only and a [DONE] line', async () => {
    const response = await replay.collect({ fixture: 'anthropic/messages-text.chunks.jsonl' });
    expect(response).toMatchObject({
      id: 'msg_01QC4g3HwBThD4BaNtBckFDJ',
      model: 'claude-sonnet-4-5-20250929',
      text: "Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I can help you with?",
      finishReason: 'stop',
      usage: usage(12, 30),
    });
  });

  it.each(STREAM_FIXTURES)('gives identical events whatever the chunking: %s', async (fixture) => {
    const whole = await replay.events({ fixture });
    expect(await replay.events({ fixture, chunkSize: 1 })).toEqual(whole);
    const length = Buffer.byteLength(readFixture(fixture));
    expect(await replay.events({ fixture, cutAt: seededCuts(length, 7) })).toEqual(whole);
  });
});
