import { lastValueFrom } from 'rxjs';
import { AbortedError, TimeoutError } from '../../core';
import {
  ANTHROPIC_ASK as request,
  useAnthropicReplay,
} from '../../../test/support/anthropic-harness';

const replay = useAnthropicReplay();

describe('AnthropicChatModel cancellation', () => {
  it('closes the connection when the stream is unsubscribed mid-answer', async () => {
    const model = replay.model({
      fixture: 'anthropic/messages-thinking.stream.txt',
      pauseAfterBytes: 800,
    });
    const subscription = model.stream(request).subscribe({ error: () => undefined });
    // The first event (start) is in the first 800 bytes; wait for the request, then leave.
    await replay.server.waitForRequest();
    subscription.unsubscribe();
    const closed = await replay.server.waitForClientClose();
    expect(closed.path).toBe('/v1/messages');
  });

  it('rejects chat() with AbortedError when the caller aborts, and closes the connection', async () => {
    const model = replay.model({ fixture: 'anthropic/messages-text.json', pauseAfterBytes: 10 });
    const controller = new AbortController();
    const pending = model.chat({ ...request, signal: controller.signal });
    await replay.server.waitForRequest();
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortedError);
    await replay.server.waitForClientClose();
  });

  it('fails the stream with the TimeoutError a caller aborted with', async () => {
    const model = replay.model({
      fixture: 'anthropic/messages-text.stream.txt',
      pauseAfterBytes: 100,
    });
    const controller = new AbortController();
    const failure = lastValueFrom(model.stream({ ...request, signal: controller.signal })).catch(
      (e: unknown) => e,
    );
    await replay.server.waitForRequest();
    const timeout = new TimeoutError(5000);
    controller.abort(timeout);
    expect(await failure).toBe(timeout);
  });
});
