import { concat, defer, from, map, mergeMap, type Observable } from 'rxjs';
import type { ChatOptions } from '../../chat/chat-options.types';
import type { ChatService } from '../../chat/chat.service';
import type { Message } from '../../core/message.types';
import type { ToolRegistration } from '../../tools/registered-tool.types';
import type { RetrievedDocument } from '../retriever/retrieved-document.types';
import { checkTemplate, DEFAULT_RAG_TEMPLATE, fillTemplate, formatContext } from './rag-prompt';
import type {
  ContextFormatter,
  RagAnswer,
  RagAskOptions,
  RagChainOptions,
  RagStreamEvent,
} from './rag-chain-options.types';

/** Options of `RagChain.asTool`. */
export interface RagToolOptions {
  /** Default `search_knowledge_base`. */
  readonly name?: string;
  readonly description?: string;
}

/**
 * Retrieval-augmented generation: retrieve, format the context, fill the template with
 * `{context}` and `{question}`, ask the model (through `ChatService`, so interceptors apply).
 *
 * @example
 * const chain = new RagChain(chatService, { retriever, retrieval: { k: 5 } });
 * const { answer, sources, usage } = await chain.ask('How do I install it?');
 */
export class RagChain {
  private readonly template: string;
  private readonly format: ContextFormatter;

  constructor(
    private readonly chatService: ChatService,
    private readonly options: RagChainOptions,
  ) {
    this.template = options.template ?? DEFAULT_RAG_TEMPLATE;
    checkTemplate(this.template);
    this.format = options.formatContext ?? formatContext;
  }

  /** Retrieves, asks, and resolves with the answer, its sources with scores, and the usage. */
  async ask(question: string, options: RagAskOptions = {}): Promise<RagAnswer> {
    const sources = await this.retrieve(question, options);
    const response = await this.chatService.chat(
      this.messages(question, sources),
      this.chatOptions(options),
    );
    return { answer: response.text, sources, usage: response.usage, response };
  }

  /** A `sources` event, then the model's stream events (text deltas, usage, finish...). */
  stream(question: string, options: RagAskOptions = {}): Observable<RagStreamEvent> {
    return defer(() => from(this.retrieve(question, options))).pipe(
      mergeMap((sources) =>
        concat(
          [{ type: 'sources' as const, sources }],
          this.chatService
            .stream(this.messages(question, sources), this.chatOptions(options))
            .pipe(map((event): RagStreamEvent => event)),
        ),
      ),
    );
  }

  /**
   * The chain as a tool for agents (`toolRegistry.add(chain.asTool())`): takes `{ question }` and
   * returns `{ answer, sources }` with each source's id, origin and score.
   */
  asTool(options: RagToolOptions = {}): ToolRegistration {
    return {
      name: options.name ?? 'search_knowledge_base',
      description:
        options.description ??
        'Answers a question from the knowledge base and lists the passages used. Use it for questions about the documents.',
      parameters: {
        type: 'object',
        properties: { question: { type: 'string', description: 'The question, self-contained.' } },
        required: ['question'],
        additionalProperties: false,
      },
      handler: async (args: unknown, context) => {
        const { question } = args as { question: string };
        const result = await this.ask(question, { signal: context.signal });
        return {
          answer: result.answer,
          sources: result.sources.map((source) => ({
            id: source.document.id,
            source: source.document.metadata['source'] ?? source.document.id,
            score: source.score,
          })),
        };
      },
    };
  }

  private retrieve(question: string, options: RagAskOptions): Promise<RetrievedDocument[]> {
    return this.options.retriever.retrieve(question, {
      ...this.options.retrieval,
      ...options.retrieval,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
  }

  private messages(question: string, sources: readonly RetrievedDocument[]): Message[] {
    const prompt = fillTemplate(this.template, this.format(sources), question);
    const user: Message = { role: 'user', content: prompt };
    return this.options.system === undefined
      ? [user]
      : [{ role: 'system', content: this.options.system }, user];
  }

  private chatOptions(options: RagAskOptions): ChatOptions {
    return {
      ...this.options.chat,
      ...options.chat,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    };
  }
}
