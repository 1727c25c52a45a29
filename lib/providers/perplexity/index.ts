export { PerplexityChatModel } from './perplexity-chat-model';
export { readPerplexityMetadata, type PerplexityMetadata } from './read-perplexity-metadata';
