import { Injectable } from '@nestjs/common';
import {
  ChatService,
  END,
  modelStep,
  START,
  StateGraph,
  StructuredOutputService,
  type CompiledGraph,
} from 'nestjs-conduit';
import { TICKET_CATEGORIES, type TriageState } from './triage-state.types';

/**
 * A small workflow graph: `classify` labels the ticket (structured output), then a conditional
 * edge sends bugs to `escalate` and everything else to `draft_reply` (a model step), then END.
 */
@Injectable()
export class TriageWorkflowService {
  readonly graph: CompiledGraph<TriageState>;

  constructor(chat: ChatService, structured: StructuredOutputService) {
    this.graph = new StateGraph<TriageState>()
      .addNode('classify', async (state, { signal }) => {
        const { label } = await structured.classify(state.ticket, TICKET_CATEGORIES, { signal });
        return { category: label };
      })
      .addNode(
        'draft_reply',
        modelStep<TriageState, 'reply'>(chat, {
          system: 'You answer support tickets in two sentences.',
          prompt: 'Reply to this {{category}} ticket: {{ticket}}',
          output: 'reply',
        }),
      )
      .addNode('escalate', () => ({
        escalated: true,
        reply: 'Thanks for the report: it has been forwarded to the engineering team.',
      }))
      .addEdge(START, 'classify')
      .addConditionalEdges(
        'classify',
        (state) => (state.category === 'bug' ? 'escalate' : 'draft_reply'),
        ['escalate', 'draft_reply'],
      )
      .addEdge('draft_reply', END)
      .addEdge('escalate', END)
      .compile({ maxSteps: 10 });
  }
}
