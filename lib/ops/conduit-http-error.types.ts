import type { ValidationIssue } from '../core/errors/conduit-validation.error';

/** The JSON body `ConduitExceptionFilter` sends: Nest's usual shape plus a stable `code`. */
export interface ConduitHttpErrorBody {
  readonly statusCode: number;
  /** The reason phrase (`Too Many Requests`). */
  readonly error: string;
  /** A message written for the API's clients; never the provider's own text or body. */
  readonly message: string;
  /** Stable machine-readable kind: `rate_limited`, `upstream_error`, `invalid_input`... */
  readonly code: string;
  /** For validation failures: what was wrong with the client's input. */
  readonly issues?: readonly ValidationIssue[];
}

/** The HTTP answer for one conduit error. */
export interface ConduitHttpError {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: ConduitHttpErrorBody;
}
