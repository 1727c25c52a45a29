import { hideSecrets } from '../../core/hide-secrets';
import { HttpClient } from '../shared/http-client';
import { httpTransportSettings } from '../shared/http-client-options';
import { GOOGLE_PROVIDER, mapGoogleError, type GoogleErrorContext } from './google-errors';
import { GOOGLE_DEFAULT_BASE_URL, type GoogleConnectionSettings } from './google-settings.types';

/**
 * The resource name of a model: `models/gemini-2.5-flash` for a bare id; an id already naming
 * its collection (`models/...`, `tunedModels/...`) is kept. Each segment is URL-encoded, so an
 * id cannot reach another path.
 */
export function googleModelResource(model: string): string {
  const name = model.includes('/') ? model : `models/${model}`;
  return name.split('/').map(encodeURIComponent).join('/');
}

/** The id the model catalogue knows a model by: `models/gemini-2.5-flash` -> `gemini-2.5-flash`. */
export function googleCatalogueId(model: string): string {
  return model.replace(/^models\//, '');
}

/**
 * The endpoint, headers and HTTP client of one Gemini model, its errors mapped with the key
 * redacted. The key goes in the `x-goog-api-key` header only: a `?key=` URL would put it in
 * proxies' and servers' access logs.
 */
export class GoogleConnection {
  readonly baseUrl: string;
  readonly http: HttpClient;
  readonly errorContext: GoogleErrorContext;
  /** The resource path of the model (`models/gemini-2.5-flash`). */
  readonly resource: string;
  /** The headers of a call without its own; `#` keeps the key in it out of printouts. */
  #baseHeaders: Readonly<Record<string, string>> | undefined;

  constructor(private readonly settings: GoogleConnectionSettings) {
    this.baseUrl = (settings.baseUrl ?? GOOGLE_DEFAULT_BASE_URL).replace(/\/+$/, '');
    // Fails here, at construction, rather than on the first call.
    new URL(this.baseUrl);
    this.resource = googleModelResource(settings.model);
    this.errorContext = { secrets: [settings.apiKey] };
    this.http = new HttpClient({
      provider: GOOGLE_PROVIDER,
      secrets: this.errorContext.secrets,
      mapError: (response) => mapGoogleError(response, this.errorContext),
      ...httpTransportSettings(settings),
    });
    // The error context holds the key for redaction; printed, it would leak it.
    hideSecrets(this, 'settings', 'errorContext');
  }

  /** `${baseUrl}/models/{model}:{method}`, e.g. `:generateContent`. */
  url(method: string): string {
    return `${this.baseUrl}/${this.resource}:${method}`;
  }

  /** `x-goog-api-key`, the settings' headers, then the call's headers (which win). */
  headers(extra: Readonly<Record<string, string>> | undefined): Readonly<Record<string, string>> {
    // Without per-call headers the same frozen object every time: the HTTP client then checks
    // and assembles it once, not on every call.
    if (extra === undefined) return (this.#baseHeaders ??= Object.freeze(this.headersWith({})));
    return this.headersWith(extra);
  }

  private headersWith(extra: Readonly<Record<string, string>>): Record<string, string> {
    const { apiKey } = this.settings;
    return {
      ...(apiKey !== undefined && apiKey !== '' && { 'x-goog-api-key': apiKey }),
      ...this.settings.headers,
      ...extra,
    };
  }
}
