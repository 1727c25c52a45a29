import { InvalidResponseError } from '../../core';
import type {
  HttpHeaders,
  HttpJsonResponse,
  HttpResponseHead,
  HttpStreamSink,
} from './http-client.types';
import { redactSecrets } from './redact-secrets';
import { tryParseJson } from './wire-data';

/** Who answers, for the error about a body that is not JSON. */
export interface JsonBodyContext {
  readonly provider: string;
  /** Values (API keys) redacted from the excerpt of the bad body. */
  readonly secrets?: readonly (string | undefined)[];
}

/**
 * Collects a 2xx body and settles a promise with it parsed as JSON; a body that is not JSON
 * rejects with InvalidResponseError (an excerpt, keys redacted). One piece (the usual small
 * answer) is decoded as is, without a copy.
 */
export class JsonBodySink implements HttpStreamSink {
  private status = 0;
  private headers: HttpHeaders = {};
  private chunks: Uint8Array[] = [];
  private size = 0;

  constructor(
    private readonly context: JsonBodyContext,
    private readonly resolve: (response: HttpJsonResponse) => void,
    private readonly reject: (error: unknown) => void,
  ) {}

  start(head: HttpResponseHead): void {
    this.status = head.status;
    this.headers = head.headers;
  }

  data(chunk: Uint8Array): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
  }

  end(): void {
    const { chunks, status } = this;
    const bytes = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, this.size);
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    const body = tryParseJson(text);
    if (body === undefined) {
      const { provider, secrets = [] } = this.context;
      const clean = redactSecrets(text, secrets);
      const excerpt = clean.length > 200 ? `${clean.slice(0, 200)}...` : clean || '(empty)';
      this.reject(
        new InvalidResponseError(
          `${provider} answered HTTP ${status} with a body that is not JSON: ${excerpt}`,
          { provider, status, body: clean },
        ),
      );
      return;
    }
    this.resolve({ status, headers: this.headers, body });
  }

  fail(error: unknown): void {
    this.reject(error);
  }
}
