import { ConduitValidationError } from '../../../core';
import { hideSecrets } from '../../../core/hide-secrets';
import { HttpClient } from '../http-client';
import { httpTransportSettings } from '../http-client-options';
import { mapOpenAIError } from './openai-errors';
import type { OpenAIConnectionSettings } from './openai-settings.types';

/** OpenAI's public API. */
export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/**
 * What the chat and embedding models share: the base URL, the provider name, the headers and an
 * HttpClient whose errors are mapped the OpenAI way with the API key redacted.
 */
export class OpenAIConnection {
  readonly baseUrl: string;
  readonly providerName: string;
  readonly http: HttpClient;
  /** The headers of a call without its own; `#` keeps the API key in it out of printouts. */
  #baseHeaders: Readonly<Record<string, string>> | undefined;
  /** `queryParams` encoded once: the settings never change. */
  #query: string | undefined;

  constructor(private readonly settings: OpenAIConnectionSettings) {
    this.baseUrl = (settings.baseUrl ?? OPENAI_DEFAULT_BASE_URL).replace(/\/+$/, '');
    // Fail at construction, naming the setting, rather than with a bare TypeError on the first call.
    // `localhost:11434/v1` parses as a URL with scheme `localhost:`: insist on http(s).
    if (!/^https?:$/.test(URL.canParse(this.baseUrl) ? new URL(this.baseUrl).protocol : '')) {
      throw new ConduitValidationError([
        {
          path: 'baseUrl',
          message: `not an absolute http(s) URL: ${JSON.stringify(settings.baseUrl)}`,
        },
      ]);
    }
    this.providerName = settings.providerName ?? 'openai';
    const context = { provider: this.providerName, secrets: [settings.apiKey] };
    this.http = new HttpClient({
      provider: this.providerName,
      secrets: context.secrets,
      mapError: (response) => mapOpenAIError(response, context),
      ...httpTransportSettings(settings),
    });
    hideSecrets(this, 'settings');
  }

  /** The API key, for redaction by callers that build their own errors. */
  get secrets(): readonly (string | undefined)[] {
    return [this.settings.apiKey];
  }

  /** `${baseUrl}/${path}`, then the settings' `queryParams` when there are any. */
  url(path: string): string {
    this.#query ??= new URLSearchParams(this.settings.queryParams ?? {}).toString();
    return this.#query === ''
      ? `${this.baseUrl}/${path}`
      : `${this.baseUrl}/${path}?${this.#query}`;
  }

  /** Request headers: auth, organization, project, settings headers, then per-call headers. */
  headers(extra: Readonly<Record<string, string>> | undefined): Readonly<Record<string, string>> {
    // Without per-call headers the same frozen object every time: the HTTP client then checks
    // and assembles it once, not on every call.
    if (extra === undefined) return (this.#baseHeaders ??= Object.freeze(this.headersWith({})));
    return this.headersWith(extra);
  }

  private headersWith(extra: Readonly<Record<string, string>>): Record<string, string> {
    const { apiKey, organization, project } = this.settings;
    const hasKey = apiKey !== undefined && apiKey !== '';
    return {
      ...(hasKey &&
        (this.settings.apiKeyHeader === 'api-key'
          ? { 'api-key': apiKey }
          : { authorization: `Bearer ${apiKey}` })),
      ...(organization !== undefined && { 'openai-organization': organization }),
      ...(project !== undefined && { 'openai-project': project }),
      ...this.settings.headers,
      ...extra,
    };
  }
}
