import { ConduitValidationError } from '../../core/errors/conduit-validation.error';
import { RagChain } from './rag-chain';
import { fillTemplate, formatContext } from './rag-prompt';
import type { ChatService } from '../../chat/chat.service';
import type { Retriever } from '../retriever/retriever';

describe('RAG prompt', () => {
  it('fills both placeholders in one pass, never expanding braces inside the values', () => {
    expect(
      fillTemplate('C={context} Q={question} again {question}', 'ctx {question}', 'why {context}?'),
    ).toBe('C=ctx {question} Q=why {context}? again why {context}?');
  });

  it('numbers passages and names their source', () => {
    expect(
      formatContext([
        {
          document: { id: 'x#0', content: 'one', metadata: { source: 'a.md' } },
          score: 0.9,
          rank: 1,
        },
        { document: { id: 'y', content: 'two', metadata: {} }, score: 0.5, rank: 2 },
      ]),
    ).toBe('[1] (a.md)\none\n\n[2] (y)\ntwo');
  });

  it('rejects a template without its placeholders when the chain is built', () => {
    expect(
      () =>
        new RagChain({} as ChatService, {
          retriever: {} as Retriever,
          template: 'no placeholders',
        }),
    ).toThrow(ConduitValidationError);
    expect(
      () => new RagChain({} as ChatService, { retriever: {} as Retriever, template: '{context}' }),
    ).toThrow(/template: must contain \{question\}/);
  });
});
