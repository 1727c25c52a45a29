import type { ConduitInterceptor, ToolCall } from '../../lib/core';
import type { ToolRegistration } from '../../lib/tools/registered-tool.types';
import { ToolExecutor } from '../../lib/tools/tool-executor';
import { ToolRegistry } from '../../lib/tools/tool.registry';

/** Shared by the ToolExecutor specs: tool calls, an executor over plain handlers, gates. */
let ids = 0;

/** A tool call with a fresh id; `rawArguments` is the JSON of `args`. */
export function call(name: string, args: Record<string, unknown> = {}): ToolCall {
  ids += 1;
  return { id: `call_${ids}`, name, arguments: args, rawArguments: JSON.stringify(args) };
}

/** A registry of the given tools (defaults filled in) and an executor over it. */
export function setup(
  tools: readonly Partial<ToolRegistration>[],
  interceptors: readonly ConduitInterceptor[] = [],
): { executor: ToolExecutor; registry: ToolRegistry } {
  const registry = new ToolRegistry();
  registry.addAll(
    tools.map((tool) => ({
      name: 'tool',
      description: 'A tool',
      handler: () => 'ok',
      ...tool,
    })),
  );
  return { executor: new ToolExecutor(registry, {}, () => interceptors), registry };
}

/** A promise the test settles, to hold a tool open without timers. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** Lets pending promise callbacks and I/O run. */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
