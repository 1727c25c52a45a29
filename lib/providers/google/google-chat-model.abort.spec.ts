import { AbortedError } from '../../core';
import { GOOGLE_ASK, googleScript, useGoogleReplay } from '../../../test/support/google-harness';

const replay = useGoogleReplay();

describe('GoogleChatModel cancellation', () => {
  it('closes the connection when the stream subscriber leaves mid-answer', async () => {
    const model = replay.model(googleScript('stream-text.stream.txt', { pauseAfterBytes: 300 }));
    const seen: string[] = [];
    const subscription = model.stream(GOOGLE_ASK).subscribe({ next: (e) => seen.push(e.type) });
    await replay.server.waitForRequest();
    subscription.unsubscribe();
    const closed = await replay.server.waitForClientClose();
    expect(closed.path).toBe('/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
    expect(seen).not.toContain('finish');
  });

  it('rejects chat() with AbortedError when the caller aborts, and closes the connection', async () => {
    const model = replay.model(googleScript('generate-text.json', { pauseAfterBytes: 10 }));
    const controller = new AbortController();
    const pending = model.chat({ ...GOOGLE_ASK, signal: controller.signal });
    await replay.server.waitForRequest();
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortedError);
    await replay.server.waitForClientClose();
  });
});
