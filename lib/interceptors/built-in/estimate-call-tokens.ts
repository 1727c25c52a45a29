import type { ConduitCallContext } from '../../core';
import { countTextTokens, countTokens } from '../../tokens';

/**
 * Tokens a call will probably use, before it runs: the prompt (`countTokens` with the model's
 * tokenizer) plus `maxTokens` when set (the answer can use that many; providers count it against
 * token budgets the same way). Embeddings: the tokens of the texts. Tools: 0.
 */
export function estimateCallTokens(context: ConduitCallContext): number {
  const model = context.modelInfo?.modelId;
  const options = model === undefined ? {} : { model };
  switch (context.kind) {
    case 'chat':
    case 'stream':
      return (
        countTokens(context.request.messages, context.request.tools, options) +
        (context.request.maxTokens ?? 0)
      );
    case 'embed':
      return context.request.texts.reduce((sum, text) => sum + countTextTokens(text, options), 0);
    case 'tool':
      return 0;
  }
}
