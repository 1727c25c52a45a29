/** Options of `countTokens` and its helpers. */
export interface CountTokensOptions {
  /**
   * The provider model id (`gpt-4o-mini`, `claude-sonnet-4-5`...). OpenAI ids get an exact count;
   * any other id, or none, gets an estimate (see `countTokens`).
   */
  readonly model?: string;
}
