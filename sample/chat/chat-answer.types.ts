import type { FinishReason, Usage } from 'nestjs-conduit';

/** What `POST /chat` answers. */
export interface ChatAnswer {
  readonly text: string;
  readonly model: string;
  readonly usage: Usage;
  readonly finishReason: FinishReason;
}
