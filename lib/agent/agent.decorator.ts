import { applyDecorators, Injectable, SetMetadata } from '@nestjs/common';
import type { AgentOptions } from './agent-options.types';
import { AGENT_METADATA } from './agent.constants';

/** Options of `@Agent()`: the agent's options and a name for messages. */
export interface AgentDeclaration extends AgentOptions {
  /** Shown in errors and logs; defaults to the class name. */
  readonly name?: string;
}

/**
 * Declares an agent class: a provider (it applies `@Injectable()`) that extends `ConduitAgent` and
 * runs with these options (system prompt, tools, model, limits). It only stores metadata; the
 * options are checked at application bootstrap (a bad `maxIterations` or an unknown model alias
 * stops the start with one error listing every problem).
 *
 * @example
 * ```ts
 * @Agent({ system: 'You help customers with their orders.', tools: { classes: [OrderTools] }, maxIterations: 5 })
 * export class SupportAgent extends ConduitAgent {}
 *
 * // in a controller: constructor(private readonly support: SupportAgent) {}
 * const { text } = await this.support.run('Where is order 42?');
 * ```
 */
export function Agent(declaration: AgentDeclaration = {}): ClassDecorator {
  return applyDecorators(Injectable(), SetMetadata(AGENT_METADATA, declaration));
}
