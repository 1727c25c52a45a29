import { ProviderError } from '../../core';
import { ReplayServer } from '../../../test/support/replay-server';
import { HttpClient } from './http-client';
import type { HttpStreamSink } from './http-client.types';

/**
 * The client hands the body bytes to JSON.parse and the SSE decoder as they come and has no gzip
 * decoder in between: it must never invite a compressed answer. undici's `dispatch` adds no
 * `accept-encoding` of its own (unlike `fetch`), and without one a server answers uncompressed.
 */
describe('HttpClient content encoding', () => {
  let server: ReplayServer;
  let client: HttpClient;

  beforeEach(async () => {
    server = await ReplayServer.start();
    client = new HttpClient({
      provider: 'acme',
      secrets: [],
      mapError: (response) =>
        new ProviderError(`acme ${response.status}`, { provider: 'acme', status: response.status }),
    });
  });
  afterEach(() => server.close());

  it('asks for no compressed answer on a JSON post or a stream (no accept-encoding header)', async () => {
    server.enqueue({ body: '{"ok":true}' }, { body: 'data: {}\n\n' });
    await client.postJson({ url: `${server.url}/v1/json`, headers: {}, body: {} });
    await new Promise<void>((resolve, reject) => {
      const sink: HttpStreamSink = {
        start: () => undefined,
        data: () => undefined,
        end: resolve,
        fail: reject,
      };
      client.openStream({ url: `${server.url}/v1/stream`, headers: {}, body: {} }, sink);
    });
    expect(server.requests).toHaveLength(2);
    for (const request of server.requests) {
      expect(request.headers['accept-encoding']).toBeUndefined();
    }
  });
});
