import type { Usage } from 'nestjs-conduit';

/** One tool call of an agent run, as `POST /agent` reports it. */
export interface AgentToolCallReport {
  readonly name: string;
  readonly arguments: Record<string, unknown>;
  readonly result: string;
  readonly isError: boolean;
}

/** What `POST /agent` answers. */
export interface AgentAnswer {
  readonly text: string;
  readonly model: string;
  readonly toolCalls: readonly AgentToolCallReport[];
  readonly iterations: number;
  readonly usage: Usage;
  readonly costUsd: number;
}
