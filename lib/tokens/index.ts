export {
  countTokens,
  countMessageTokens,
  countTextTokens,
  isExactTokenCount,
} from './count-tokens';
export type { CountTokensOptions } from './count-tokens.types';
