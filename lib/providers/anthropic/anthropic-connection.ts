import { hideSecrets } from '../../core/hide-secrets';
import { HttpClient } from '../shared/http-client';
import { httpTransportSettings } from '../shared/http-client-options';
import { mapAnthropicError, type AnthropicErrorContext } from './anthropic-errors';
import {
  ANTHROPIC_DEFAULT_BASE_URL,
  ANTHROPIC_DEFAULT_VERSION,
  type AnthropicChatModelSettings,
} from './anthropic-settings.types';

/** The endpoint, headers and HTTP client of one Anthropic model, its errors mapped with the key redacted. */
export class AnthropicConnection {
  readonly baseUrl: string;
  readonly http: HttpClient;
  readonly errorContext: AnthropicErrorContext;
  /** The headers of a call without its own; `#` keeps the API key in it out of printouts. */
  #baseHeaders: Readonly<Record<string, string>> | undefined;

  constructor(private readonly settings: AnthropicChatModelSettings) {
    this.baseUrl = (settings.baseUrl ?? ANTHROPIC_DEFAULT_BASE_URL).replace(/\/+$/, '');
    // Fails here, at construction, rather than on the first call.
    new URL(this.baseUrl);
    this.errorContext = { secrets: [settings.apiKey] };
    this.http = new HttpClient({
      provider: 'anthropic',
      secrets: this.errorContext.secrets,
      mapError: (response) => mapAnthropicError(response, this.errorContext),
      ...httpTransportSettings(settings),
    });
    // The error context holds the key for redaction; printed, it would leak it.
    hideSecrets(this, 'settings', 'errorContext');
  }

  /** `${baseUrl}/messages`. */
  get messagesUrl(): string {
    return `${this.baseUrl}/messages`;
  }

  /**
   * Request headers: `x-api-key`, `anthropic-version`, `anthropic-beta` (the betas joined by
   * commas), the settings' headers, then the call's headers (which win).
   */
  headers(extra: Readonly<Record<string, string>> | undefined): Readonly<Record<string, string>> {
    // Without per-call headers the same frozen object every time: the HTTP client then checks
    // and assembles it once, not on every call.
    if (extra === undefined) return (this.#baseHeaders ??= Object.freeze(this.headersWith({})));
    return this.headersWith(extra);
  }

  private headersWith(extra: Readonly<Record<string, string>>): Record<string, string> {
    const { apiKey, betas } = this.settings;
    return {
      ...(apiKey !== undefined && apiKey !== '' && { 'x-api-key': apiKey }),
      'anthropic-version': this.settings.anthropicVersion ?? ANTHROPIC_DEFAULT_VERSION,
      ...(betas !== undefined && betas.length > 0 && { 'anthropic-beta': betas.join(',') }),
      ...this.settings.headers,
      ...extra,
    };
  }
}
