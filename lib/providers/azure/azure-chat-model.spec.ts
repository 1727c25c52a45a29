import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lastValueFrom, toArray } from 'rxjs';
import {
  AuthenticationError,
  ConduitValidationError,
  ContentFilterError,
  NotFoundError,
  type ChatRequest,
  type StreamEvent,
} from '../../core';
import { collectStream } from '../../streaming/collect-stream';
import { readFixture, seededCuts } from '../../../test/support/fixtures';
import { useReplayServer, type ReplayScript } from '../../../test/support/replay-server';
import { OpenAIChatModel } from '../openai';
import { AzureChatModel } from './azure-chat-model';
import type { AzureChatModelSettings, AzureTokenProvider } from './azure-settings.types';

/** Hand-written from learn.microsoft.com (see test/fixtures/azure/README.md). */
const azureFixture = (name: string): string =>
  readFileSync(join(__dirname, '../../../test/fixtures/azure', name), 'utf8');
const sse = (body: string): ReplayScript => ({
  body,
  headers: { 'content-type': 'text/event-stream' },
});

const ASK: ChatRequest = { messages: [{ role: 'user', content: 'Capital of France?' }] };
const KEY = 'azure-key-0123456789abcdef0123456789abcdef';

/** The recorded OpenAI streams, which Azure sends alike (annotations aside). */
const RECORDED_STREAMS = [
  'openai/chat-text.stream.txt',
  'openai/chat-tool-calls-parallel.stream.txt',
  'openai/chat-tool-result-followup.stream.txt',
  'openai/chat-length.stream.txt',
  'openai/chat-refusal.stream.txt',
];

/** OpenAI's events with the metadata under `azure`, as the Azure model reports them. */
function asAzure(events: readonly StreamEvent[]): StreamEvent[] {
  return events.map((event) =>
    event.type === 'finish' && event.providerMetadata['openai'] !== undefined
      ? { ...event, providerMetadata: { azure: event.providerMetadata['openai'] } }
      : event,
  );
}

describe('AzureChatModel', () => {
  const replay = useReplayServer();
  const model = (settings: Partial<AzureChatModelSettings> = {}): AzureChatModel =>
    new AzureChatModel({
      endpoint: replay.server.url,
      model: 'gpt-4.1-mini',
      apiKey: KEY,
      ...settings,
    });
  const entra = (getToken: AzureTokenProvider): AzureChatModel =>
    new AzureChatModel({ endpoint: replay.server.url, model: 'gpt-4.1-mini', getToken });
  const events = (m: { stream: AzureChatModel['stream'] }, request = ASK): Promise<StreamEvent[]> =>
    lastValueFrom(m.stream(request).pipe(toArray()));

  describe('URLs, headers and body', () => {
    it('v1 API: /openai/v1/chat/completions, the key in api-key, max_completion_tokens', async () => {
      replay.server.enqueue({ fixture: 'openai/chat-text.json' });
      await model().chat({ ...ASK, maxTokens: 100, temperature: 0.2 });
      const sent = replay.server.requests[0];
      expect(sent?.path).toBe('/openai/v1/chat/completions');
      expect(sent?.headers['api-key']).toBe(KEY);
      expect(sent?.headers['authorization']).toBeUndefined();
      expect(sent?.body).toEqual({
        model: 'gpt-4.1-mini',
        messages: [{ role: 'user', content: 'Capital of France?' }],
        temperature: 0.2,
        max_completion_tokens: 100,
      });
    });

    it('deployments: /openai/deployments/{name}/chat/completions?api-version=2024-10-21', async () => {
      replay.server.enqueue({ fixture: 'openai/chat-text.stream.txt' });
      await events(model({ deployment: 'prod-gpt' }));
      const sent = replay.server.requests[0];
      expect(sent?.path).toBe(
        '/openai/deployments/prod-gpt/chat/completions?api-version=2024-10-21',
      );
      expect(sent?.body).toMatchObject({
        model: 'gpt-4.1-mini',
        stream: true,
        stream_options: { include_usage: true },
      });
    });

    it('a set apiVersion goes on the v1 URL too, and baseUrl overrides the built URL', async () => {
      replay.server.enqueue(
        { fixture: 'openai/chat-text.json' },
        { fixture: 'openai/chat-text.json' },
      );
      await model({ apiVersion: 'preview' }).chat(ASK);
      await model({ baseUrl: `${replay.server.url}/gateway/aoai` }).chat(ASK);
      expect(replay.server.requests.map((r) => r.path)).toEqual([
        '/openai/v1/chat/completions?api-version=preview',
        '/gateway/aoai/chat/completions',
      ]);
    });

    it('builds https://{resourceName}.openai.azure.com and validates the settings', () => {
      expect(() => new AzureChatModel({ model: 'gpt-4o', apiKey: KEY })).toThrow(
        ConduitValidationError,
      );
      expect(
        () => new AzureChatModel({ model: 'gpt-4o', resourceName: 'a/b', apiKey: KEY }),
      ).toThrow(/resourceName/);
      expect(
        () =>
          new AzureChatModel({
            model: 'gpt-4o',
            resourceName: 'r',
            apiKey: KEY,
            getToken: async () => 't',
          }),
      ).toThrow(/apiKey or getToken, not both/);
      expect(
        () => new AzureChatModel({ model: 'gpt-4o', resourceName: 'r', deployment: 'a/../b' }),
      ).toThrow(/deployment/);
      const ok = new AzureChatModel({ model: 'gpt-4o', resourceName: 'my-res', apiKey: KEY });
      expect(ok.info()).toMatchObject({ provider: 'azure', modelId: 'gpt-4o' });
      // Capabilities come from OpenAI's catalogue; Azure prices depend on the deployment type.
      expect(ok.info().capabilities.maxContextTokens).toBe(128_000);
      expect(ok.info().pricing).toBeUndefined();
      expect(JSON.stringify(ok)).not.toContain(KEY);
    });
  });

  describe('recorded OpenAI traffic replayed through Azure', () => {
    it.each(RECORDED_STREAMS)('%s: the same events as OpenAI, whole and cut', async (fixture) => {
      replay.server.enqueue({ fixture });
      const openai = new OpenAIChatModel({ model: 'gpt-4o', baseUrl: replay.server.baseUrl });
      const expected = asAzure(await events(openai));
      const length = Buffer.byteLength(readFixture(fixture));
      replay.server.enqueue(
        { fixture },
        { fixture, chunkSize: 1 },
        { fixture, cutAt: seededCuts(length, 19, 40) },
      );
      const azure = model();
      expect(await events(azure)).toEqual(expected);
      expect(await events(azure)).toEqual(expected);
      expect(await events(azure)).toEqual(expected);
    });

    it('non-streamed answers, tool calls included', async () => {
      replay.server.enqueue({ fixture: 'openai/chat-tool-calls-parallel.json' });
      const answer = await model().chat(ASK);
      expect(answer.finishReason).toBe('tool_calls');
      expect(answer.toolCalls.map((c) => c.arguments)).toEqual([
        { password: 'mellon' },
        { password: 'radiance' },
      ]);
    });
  });

  describe('content filter', () => {
    it('keeps the annotations of an answer that passed (JSON)', async () => {
      replay.server.enqueue({ body: azureFixture('chat-annotations.json') });
      const answer = await model().chat(ASK);
      expect(answer.text).toBe('Paris is the capital of France.');
      expect(answer.finishReason).toBe('stop');
      const azure = answer.providerMetadata['azure'] as Record<string, unknown>;
      expect(azure['systemFingerprint']).toBe('fp_6f2eabb9a5');
      expect(azure['promptFilterResults']).toEqual([
        expect.objectContaining({
          prompt_index: 0,
          content_filter_results: expect.objectContaining({
            jailbreak: { filtered: false, detected: false },
          }),
        }),
      ]);
      expect(azure['contentFilterResults']).toMatchObject({
        protected_material_text: { filtered: false, detected: false },
        violence: { filtered: false, severity: 'safe' },
      });
    });

    it('streams: the annotation chunks start nothing, survive 1-byte cuts and UTF-8 splits', async () => {
      const body = azureFixture('chat-annotations.stream.txt');
      replay.server.enqueue(sse(body));
      const whole = await events(model());
      expect(whole[0]).toEqual({
        type: 'start',
        id: 'chatcmpl-AZ4b7TnVw2kXq9rLs3pM5cJ8hE1f',
        model: 'gpt-4.1-mini-2025-04-14',
        warnings: [],
      });
      const text = whole.map((e) => (e.type === 'text-delta' ? e.delta : '')).join('');
      expect(text).toBe('Paris is the capital of France — très belle.');
      const finish = whole[whole.length - 1];
      expect(finish).toMatchObject({
        type: 'finish',
        finishReason: 'stop',
        usage: { inputTokens: 14, outputTokens: 10, totalTokens: 24 },
        providerMetadata: {
          azure: {
            promptFilterResults: [expect.objectContaining({ prompt_index: 0 })],
            contentFilterResults: expect.objectContaining({
              hate: { filtered: false, severity: 'safe' },
            }),
          },
        },
      });
      const length = Buffer.byteLength(body);
      replay.server.enqueue(
        { ...sse(body), chunkSize: 1 },
        { ...sse(body), cutAt: seededCuts(length, 3, 32) },
      );
      expect(await events(model())).toEqual(whole);
      expect(await events(model())).toEqual(whole);
    });

    it('an answer cut by the filter fails with the categories (JSON)', async () => {
      replay.server.enqueue({ body: azureFixture('chat-completion-filtered.json') });
      const call = model().chat(ASK);
      await expect(call).rejects.toBeInstanceOf(ContentFilterError);
      await expect(call).rejects.toMatchObject({
        provider: 'azure',
        code: 'content_filter',
        categories: ['violence'],
        stage: 'completion',
        isRetryable: false,
      });
    });

    it('a stream cut by the filter fails after its text, with the categories', async () => {
      const body = azureFixture('chat-completion-filtered.stream.txt');
      replay.server.enqueue({ ...sse(body), chunkSize: 1 });
      const seen: StreamEvent[] = [];
      const failure = await new Promise<unknown>((resolve) => {
        model()
          .stream(ASK)
          .subscribe({ next: (e) => seen.push(e), error: resolve, complete: () => resolve(null) });
      });
      expect(seen.map((e) => (e.type === 'text-delta' ? e.delta : '')).join('')).toBe(
        'The duel ended when',
      );
      expect(failure).toBeInstanceOf(ContentFilterError);
      expect(failure).toMatchObject({ categories: ['violence'], stage: 'completion' });
      expect((failure as Error).message).toContain('(violence)');
    });

    it('a blocked prompt (HTTP 400 content_filter) names hate and jailbreak', async () => {
      replay.server.enqueue(
        { status: 400, body: azureFixture('error-content-filter.400.json') },
        { status: 400, body: azureFixture('error-content-filter.400.json') },
      );
      const expected = {
        provider: 'azure',
        status: 400,
        code: 'content_filter',
        categories: ['hate', 'jailbreak'],
        stage: 'prompt',
        isRetryable: false,
      };
      await expect(model().chat(ASK)).rejects.toMatchObject(expected);
      await expect(lastValueFrom(model().stream(ASK))).rejects.toMatchObject(expected);
    });
  });

  describe('errors and sign-in', () => {
    it('maps 401 and 404 (DeploymentNotFound) without the key in the message', async () => {
      replay.server.enqueue(
        { status: 401, body: azureFixture('error-invalid-key.401.json') },
        { status: 404, body: azureFixture('error-deployment-not-found.404.json') },
      );
      const denied = await model()
        .chat(ASK)
        .catch((e: unknown) => e);
      expect(denied).toBeInstanceOf(AuthenticationError);
      expect((denied as Error).message).not.toContain(KEY);
      await expect(model({ deployment: 'gone' }).chat(ASK)).rejects.toMatchObject({
        constructor: NotFoundError,
        code: 'DeploymentNotFound',
      });
    });

    it('getToken: asked before every call, sent as a bearer token, no api-key', async () => {
      replay.server.enqueue(
        { fixture: 'openai/chat-text.json' },
        { fixture: 'openai/chat-text.stream.txt' },
      );
      let calls = 0;
      const getToken = jest.fn(async () => ({ token: `entra-token-${++calls}` }));
      const azure = entra(getToken);
      await azure.chat(ASK);
      const answer = await lastValueFrom(azure.stream(ASK).pipe(collectStream()));
      expect(answer.text).toBe('4200 + 42 equals 4242.');
      expect(getToken).toHaveBeenCalledTimes(2);
      expect(replay.server.requests.map((r) => r.headers['authorization'])).toEqual([
        'Bearer entra-token-1',
        'Bearer entra-token-2',
      ]);
      expect(replay.server.requests[0]?.headers['api-key']).toBeUndefined();
    });

    it('a failing or empty getToken is an AuthenticationError, without its message, and no request', async () => {
      const secretMessage = 'AADSTS7000215: invalid client secret s3cr3t-value';
      const failing = entra(() => Promise.reject(new Error(secretMessage)));
      const error = await failing.chat(ASK).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AuthenticationError);
      expect((error as Error).message).toBe(
        'azure: getToken() failed (Error); check the Entra ID credential',
      );
      expect((error as Error).cause).toBeUndefined();
      expect(JSON.stringify(error)).not.toContain('s3cr3t-value');
      await expect(lastValueFrom(failing.stream(ASK))).rejects.toBeInstanceOf(AuthenticationError);
      const empty = entra(async () => '');
      await expect(empty.chat(ASK)).rejects.toThrow('getToken() gave no token');
      expect(replay.server.requests).toHaveLength(0);
    });

    it('an abort while getToken hangs ends the call', async () => {
      const controller = new AbortController();
      const hanging = entra(() => new Promise<string>(() => {}));
      const call = hanging.chat({ ...ASK, signal: controller.signal });
      controller.abort();
      await expect(call).rejects.toThrow('aborted while waiting for getToken()');
      expect(replay.server.requests).toHaveLength(0);
    });
  });
});
