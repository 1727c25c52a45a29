import { ConduitError } from './conduit.error';

/**
 * A message part the chosen model cannot take (a PDF for a text-only model, audio for a model
 * without audio input, a file larger than the provider accepts). Raised before any request is
 * sent, so nothing is silently dropped and no tokens are paid for.
 */
export class UnsupportedContentError extends ConduitError {
  /** `provider:modelId` of the model that was asked. */
  readonly model: string;
  /** Where the part sits, e.g. `messages[1].content[2]`. */
  readonly path: string;
  /** The part's type and media type, e.g. `file (application/pdf)`. */
  readonly part: string;

  constructor(details: { model: string; path: string; part: string; reason: string }) {
    super(`${details.model} cannot take ${details.part} at ${details.path}: ${details.reason}`);
    this.model = details.model;
    this.path = details.path;
    this.part = details.part;
  }
}
