import { Injectable } from '@nestjs/common';
import {
  ChatService,
  InjectRetriever,
  RagChain,
  type DocumentRetriever,
  type RagAnswer,
} from 'nestjs-conduit';
import { DOCS } from './sample-rag.constants';

/** Answers questions from the ingested docs with a `RagChain` over the `docs` retriever (hybrid: BM25 + vectors). */
@Injectable()
export class DocsQaService {
  private readonly chain: RagChain;

  constructor(chatService: ChatService, @InjectRetriever(DOCS) retriever: DocumentRetriever) {
    this.chain = new RagChain(chatService, { retriever, retrieval: { k: 4 } });
  }

  ask(question: string): Promise<RagAnswer> {
    return this.chain.ask(question);
  }
}
