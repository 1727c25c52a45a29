import { InMemoryKeywordIndex } from '../lib/rag/keyword/in-memory-keyword-index';
import { describeKeywordIndexContract } from './support/keyword-index-contract';

/** Every KeywordIndex runs the same contract; a database-backed one adds its factory here or calls it in its own spec. */
describeKeywordIndexContract('InMemoryKeywordIndex', () =>
  Promise.resolve(new InMemoryKeywordIndex()),
);
