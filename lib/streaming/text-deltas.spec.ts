import { from, lastValueFrom, toArray } from 'rxjs';
import type { StreamEvent } from '../core';
import { textDeltas } from './text-deltas';

describe('textDeltas', () => {
  it('keeps only the text of text-delta events, in order', async () => {
    const events: StreamEvent[] = [
      { type: 'start', id: 'r', model: 'm', warnings: [] },
      { type: 'reasoning-delta', delta: 'thinking' },
      { type: 'text-delta', delta: 'Hel' },
      { type: 'tool-call-start', index: 0, id: 'c', name: 't' },
      { type: 'text-delta', delta: 'lo' },
      { type: 'usage', usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 } },
    ];
    expect(await lastValueFrom(from(events).pipe(textDeltas(), toArray()))).toEqual(['Hel', 'lo']);
  });
});
