import type { ToolContext } from '../tools/tool-context.types';
import { MCP_PROGRESS_METADATA_KEY, reportProgress } from './report-progress';

function contextWith(metadata: Map<string, unknown>): ToolContext {
  return {
    toolCall: { id: '1', name: 'reindex', arguments: {}, rawArguments: '{}' },
    signal: new AbortController().signal,
    metadata,
  };
}

describe('reportProgress', () => {
  it('hands the progress to the reporter of the MCP call', async () => {
    const seen: unknown[] = [];
    const metadata = new Map<string, unknown>([
      [MCP_PROGRESS_METADATA_KEY, (progress: unknown) => Promise.resolve(void seen.push(progress))],
    ]);
    await reportProgress(contextWith(metadata), { progress: 1, total: 2 });
    expect(seen).toEqual([{ progress: 1, total: 2 }]);
  });

  it('does nothing outside an MCP call', async () => {
    await expect(reportProgress(contextWith(new Map()), { progress: 1 })).resolves.toBeUndefined();
  });

  it('never throws into the tool when the notification cannot be sent', async () => {
    const metadata = new Map<string, unknown>([
      [MCP_PROGRESS_METADATA_KEY, () => Promise.reject(new Error('client gone'))],
    ]);
    await expect(reportProgress(contextWith(metadata), { progress: 1 })).resolves.toBeUndefined();
  });
});
