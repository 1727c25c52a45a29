import { request, type ClientRequest } from 'node:http';

/** One Server-Sent Event as the wire carries it. */
export interface SseFrame {
  readonly event: string;
  readonly data: unknown;
}

/** Parses complete `event:` / `data:` frames out of an SSE body. */
export function parseSse(text: string): SseFrame[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const lines = block.split('\n');
      const event = lines.find((l) => l.startsWith('event: '))?.slice(7) ?? 'message';
      const data = lines
        .filter((l) => l.startsWith('data: '))
        .map((l) => l.slice(6))
        .join('\n');
      return { event, data: JSON.parse(data) as unknown };
    });
}

/**
 * Opens an SSE stream and resolves once a frame of type `event` has arrived, with the request (to
 * destroy: the client going away) and the frames so far. A raw `http.request`, so that closing it
 * closes the TCP connection at once, as a browser tab does.
 */
export function openSseUntil(
  url: string,
  event: string,
): Promise<{ request: ClientRequest; frames: SseFrame[] }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { accept: 'text/event-stream' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        const complete = text.slice(0, text.lastIndexOf('\n\n') + 2);
        const frames = parseSse(complete);
        if (frames.some((f) => f.event === event)) resolve({ request: req, frames });
      });
      res.on('end', () => reject(new Error(`the stream ended before a ${event} frame`)));
    });
    req.on('error', reject);
    req.end();
  });
}
