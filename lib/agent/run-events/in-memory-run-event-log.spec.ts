import { firstValueFrom, lastValueFrom, take, toArray } from 'rxjs';
import { ConduitValidationError } from '../../core/errors/conduit-validation.error';
import type { AgentEvent } from '../agent-event.types';
import { runState } from '../../../test/support/run-states';
import { InMemoryRunEventLog } from './in-memory-run-event-log';

const start = (iteration: number): AgentEvent => ({ type: 'iteration-start', iteration });

describe('InMemoryRunEventLog', () => {
  it('replays what the run wrote, follows new events live and completes at its final status', async () => {
    const log = new InMemoryRunEventLog();
    await log.append('r1', start(1));
    const all = lastValueFrom(log.read('r1').pipe(toArray()));
    await log.append('r1', start(2));
    await log.append('r2', start(9));
    await log.statusChanged(runState('r1', 'awaiting-approval'));
    await log.statusChanged(runState('r1', 'completed'));
    await log.append('r1', start(3));
    const records = await all;
    expect(records.map((r) => [r.id, r.event.type])).toEqual([
      ['1', 'iteration-start'],
      ['2', 'iteration-start'],
      ['3', 'run-status'],
      ['4', 'run-status'],
    ]);
    expect(records[3]?.event).toEqual({
      type: 'run-status',
      runId: 'r1',
      status: 'completed',
      pendingApprovals: [],
      usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 },
      iterations: 1,
    });
  });

  it('resumes after a given id: every later event once, in order', async () => {
    const log = new InMemoryRunEventLog();
    for (let i = 1; i <= 5; i++) await log.append('r1', start(i));
    await log.statusChanged(runState('r1', 'cancelled'));
    const records = await lastValueFrom(log.read('r1', { after: '3' }).pipe(toArray()));
    expect(records.map((r) => r.id)).toEqual(['4', '5', '6']);
  });

  it('keeps events as plain data: the respond function of an approval stays behind', async () => {
    const log = new InMemoryRunEventLog();
    await log.append('r1', {
      type: 'tool-approval',
      iteration: 1,
      toolCall: { id: 'c1', name: 'pay', arguments: {}, rawArguments: '{}' },
      respond: () => undefined,
    });
    const record = await firstValueFrom(log.read('r1'));
    expect(record.event).toEqual({
      type: 'tool-approval',
      iteration: 1,
      toolCall: { id: 'c1', name: 'pay', arguments: {}, rawArguments: '{}' },
    });
  });

  it('stops handing events to a reader that unsubscribed', async () => {
    const log = new InMemoryRunEventLog();
    const seen: string[] = [];
    const subscription = log.read('r1').subscribe((r) => seen.push(r.id));
    await log.append('r1', start(1));
    subscription.unsubscribe();
    await log.append('r1', start(2));
    expect(seen).toEqual(['1']);
  });

  it('drops the oldest events of a run past maxEventsPerRun, and the run written longest ago past maxRuns', async () => {
    const log = new InMemoryRunEventLog({ maxEventsPerRun: 3, maxRuns: 2 });
    for (let i = 1; i <= 5; i++) await log.append('a', start(i));
    const kept = await lastValueFrom(log.read('a').pipe(take(3), toArray()));
    expect(kept.map((r) => r.id)).toEqual(['3', '4', '5']);
    await log.append('b', start(1));
    await log.append('c', start(1));
    const seen: string[] = [];
    log
      .read('a')
      .subscribe((r) => seen.push(r.id))
      .unsubscribe();
    expect(seen).toEqual([]);
  });

  it('forgets a run ttlMs after its last event (injected clock)', async () => {
    let now = 1_000;
    const log = new InMemoryRunEventLog({ ttlMs: 100, now: () => now });
    await log.append('r1', start(1));
    now += 99;
    const early: string[] = [];
    log
      .read('r1')
      .subscribe((r) => early.push(r.id))
      .unsubscribe();
    now += 1;
    const late: string[] = [];
    log
      .read('r1')
      .subscribe((r) => late.push(r.id))
      .unsubscribe();
    expect([early, late]).toEqual([['1'], []]);
  });

  it('rejects an after that is not an event id and an empty run id with ConduitValidationError', async () => {
    const log = new InMemoryRunEventLog();
    await expect(firstValueFrom(log.read('r1', { after: '1; DROP' }))).rejects.toThrow(
      ConduitValidationError,
    );
    await expect(firstValueFrom(log.read(''))).rejects.toThrow(/runId/);
    await expect(log.append('', start(1))).rejects.toThrow(ConduitValidationError);
  });
});
