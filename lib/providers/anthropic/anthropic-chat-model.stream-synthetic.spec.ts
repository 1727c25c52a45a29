import { lastValueFrom } from 'rxjs';
import type { StreamEvent } from '../../core';
import { readFixture } from '../../../test/support/fixtures';
import {
  ANTHROPIC_ASK as request,
  useAnthropicReplay,
} from '../../../test/support/anthropic-harness';

const replay = useAnthropicReplay();

describe('AnthropicChatModel.stream() on synthetic streams', () => {
  const sse = (...events: object[]) =>
    events
      .map((e) => `event: ${(e as { type: string }).type}\ndata: ${JSON.stringify(e)}\n\n`)
      .join('');
  const start = {
    type: 'message_start',
    message: {
      id: 'msg_syn',
      model: 'claude-sonnet-4-5',
      usage: { input_tokens: 5, output_tokens: 1 },
    },
  };
  const textStart = {
    type: 'content_block_start',
    index: 0,
    content_block: { type: 'text', text: '' },
  };
  const text = (t: string) => ({
    type: 'content_block_delta',
    index: 0,
    delta: { type: 'text_delta', text: t },
  });

  // SYNTHETIC: the documented shape of an error event sent after the stream started
  // (https://docs.anthropic.com/en/api/messages-streaming#error-events); no recording has one.
  it('fails with a retryable ServerError on a mid-stream overloaded_error, after the text so far', async () => {
    const body = sse(start, textStart, text('Hel'), { type: 'ping' }, text('lo'), {
      type: 'error',
      error: { type: 'overloaded_error', message: 'Overloaded' },
    });
    const chat = replay.model({
      body,
      headers: { 'content-type': 'text/event-stream', 'request-id': 'req_syn' },
      chunkSize: 1,
    });
    const seen: StreamEvent[] = [];
    const error = await new Promise<unknown>((resolve) => {
      chat.stream(request).subscribe({ next: (e) => seen.push(e), error: resolve });
    });
    expect(error).toMatchObject({
      name: 'ServerError',
      isRetryable: true,
      code: 'overloaded_error',
      status: undefined,
      requestId: 'req_syn',
      message: 'Anthropic stream error (overloaded_error): Overloaded',
    });
    expect(seen.map((e) => (e.type === 'text-delta' ? e.delta : e.type))).toEqual([
      'start',
      'Hel',
      'lo',
    ]);
  });

  it('decodes multi-byte UTF-8 split at every byte boundary (synthetic)', async () => {
    const body = sse(
      start,
      textStart,
      text('héllo wörld 🌍'),
      { type: 'content_block_stop', index: 0 },
      {
        type: 'message_stop',
      },
    );
    const events = await replay.events({
      body,
      headers: { 'content-type': 'text/event-stream' },
      chunkSize: 1,
    });
    expect(events.filter((e) => e.type === 'text-delta')).toEqual([
      { type: 'text-delta', delta: 'héllo wörld 🌍' },
    ]);
  });

  it('fails with InvalidResponseError when the stream is cut before message_stop', async () => {
    const full = readFixture('anthropic/messages-text.stream.txt');
    const cut = full.slice(0, full.indexOf('event: message_stop'));
    const chat = replay.model({ body: cut, headers: { 'content-type': 'text/event-stream' } });
    await expect(lastValueFrom(chat.stream(request))).rejects.toMatchObject({
      name: 'InvalidResponseError',
      isRetryable: false,
      message: expect.stringContaining('before message_stop'),
    });
  });

  it('fails with InvalidResponseError on a data line that is not JSON, without leaking the key', async () => {
    const chat = replay.model(
      {
        body: `${sse(start)}event: content_block_start\ndata: {oops sk-ant-SECRET123456\n\n`,
        headers: { 'content-type': 'text/event-stream' },
      },
      { apiKey: 'sk-ant-SECRET123456' },
    );
    const error = await lastValueFrom(chat.stream(request)).catch((e: unknown) => e as Error);
    expect(error).toMatchObject({
      name: 'InvalidResponseError',
      message: expect.stringContaining('not JSON'),
    });
    expect((error as Error).message).not.toContain('SECRET123456');
  });
});
