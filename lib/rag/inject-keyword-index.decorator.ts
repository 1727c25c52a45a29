import { Inject } from '@nestjs/common';
import { getKeywordIndexToken } from './rag.tokens';

/**
 * Injects the keyword index registered as `name` in `RagModule` (`keywordIndexes`).
 *
 * @example
 * constructor(@InjectKeywordIndex('docs') private readonly keywords: KeywordIndex) {}
 */
export function InjectKeywordIndex(name: string): ParameterDecorator & PropertyDecorator {
  return Inject(getKeywordIndexToken(name));
}
