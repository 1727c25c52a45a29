import { AbortedError, TimeoutError, type ChatRequest } from '../../core';
import { useReplayServer } from '../../../test/support/replay-server';
import { OpenAIChatModel } from './openai-chat-model';

const KEY = 'sk-proj-secret-key-0123456789';
const request: ChatRequest = { messages: [{ role: 'user', content: 'Hello' }] };

describe('OpenAIChatModel cancellation', () => {
  const replay = useReplayServer();
  let model: OpenAIChatModel;

  beforeEach(() => {
    model = new OpenAIChatModel({ model: 'gpt-4o', apiKey: KEY, baseUrl: replay.server.baseUrl });
  });

  describe('cancellation', () => {
    it('unsubscribing mid-answer closes the connection', async () => {
      replay.server.enqueue({ fixture: 'openai/chat-text.stream.txt', pauseAfterBytes: 1200 });
      const events: string[] = [];
      const subscription = model.stream(request).subscribe((e) => {
        events.push(e.type);
        if (e.type === 'text-delta') subscription.unsubscribe();
      });
      const closed = await replay.server.waitForClientClose();
      expect(closed.path).toBe('/v1/chat/completions');
      expect(events).toEqual(['start', 'text-delta']);
    });

    it('aborting request.signal rejects chat() with AbortedError and closes the connection', async () => {
      replay.server.enqueue({ fixture: 'openai/chat-text.json', neverEnd: true });
      const controller = new AbortController();
      const pending = model.chat({ ...request, signal: controller.signal });
      await replay.server.waitForRequest();
      controller.abort();
      await expect(pending).rejects.toBeInstanceOf(AbortedError);
      await replay.server.waitForClientClose();
    });

    it('a signal aborted with a TimeoutError rejects with that very TimeoutError', async () => {
      replay.server.enqueue({ fixture: 'openai/chat-text.stream.txt', pauseAfterBytes: 600 });
      const controller = new AbortController();
      const timeout = new TimeoutError(30_000);
      const received: string[] = [];
      const failed = new Promise((resolve) =>
        model.stream({ ...request, signal: controller.signal }).subscribe({
          next: (e) => {
            received.push(e.type);
            if (received.length === 1) controller.abort(timeout);
          },
          error: resolve,
        }),
      );
      expect(await failed).toBe(timeout);
      await replay.server.waitForClientClose();
    });

    it('chat() aborted with a TimeoutError reason rejects with that TimeoutError', async () => {
      replay.server.enqueue({ fixture: 'openai/chat-text.json', pauseAfterBytes: 100 });
      const controller = new AbortController();
      const pending = model.chat({ ...request, signal: controller.signal });
      await replay.server.waitForRequest();
      const timeout = new TimeoutError(5_000);
      controller.abort(timeout);
      await expect(pending).rejects.toBe(timeout);
      await replay.server.waitForClientClose();
    });

    it('an already aborted signal fails at once without a request', async () => {
      const controller = new AbortController();
      controller.abort();
      await expect(model.chat({ ...request, signal: controller.signal })).rejects.toBeInstanceOf(
        AbortedError,
      );
      expect(replay.server.requests).toHaveLength(0);
    });
  });
});
