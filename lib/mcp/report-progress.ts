import type { ToolContext } from '../tools/tool-context.types';

/** The `ToolContext.metadata` key under which an MCP call puts its progress reporter. */
export const MCP_PROGRESS_METADATA_KEY = 'mcp.progress';

/** What a tool reports of its progress: `progress` grows, `total` when known. */
export interface McpProgress {
  readonly progress: number;
  readonly total?: number;
  readonly message?: string;
}

/** Sends one progress notification for the running MCP call. */
export type McpProgressReporter = (progress: McpProgress) => Promise<void>;

/**
 * Reports the progress of a long tool to the MCP client that called it (a
 * `notifications/progress` for the call's `progressToken`). A no-op when the call did not come
 * over MCP or the client asked for no progress, so a tool may call it whoever runs it; a
 * notification that cannot be sent is dropped, never thrown into the tool.
 *
 * @example
 * ```ts
 * @Tool({ description: 'Re-indexes the catalogue' })
 * async reindex(_args: object, context: ToolContext) {
 *   for (let done = 0; done < 10; done += 1) {
 *     await this.indexPart(done);
 *     await reportProgress(context, { progress: done + 1, total: 10 });
 *   }
 * }
 * ```
 */
export async function reportProgress(context: ToolContext, progress: McpProgress): Promise<void> {
  const reporter = context.metadata.get(MCP_PROGRESS_METADATA_KEY);
  if (typeof reporter !== 'function') return;
  try {
    await (reporter as McpProgressReporter)(progress);
  } catch {
    // The client may be gone already; the tool's work is not to be failed by a notification.
  }
}
