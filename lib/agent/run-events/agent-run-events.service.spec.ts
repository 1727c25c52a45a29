import { Test } from '@nestjs/testing';
import { firstValueFrom, lastValueFrom, take, toArray } from 'rxjs';
import { ConduitModule } from '../../conduit.module';
import { ConduitValidationError } from '../../core/errors/conduit-validation.error';
import { MockChatModel, MockResponses } from '../../testing';
import { AgentService } from '../agent.service';
import { RunNotFoundError } from '../runs/errors/run-not-found.error';
import { AgentRunEvents } from './agent-run-events.service';
import { InMemoryRunEventLog } from './in-memory-run-event-log';

async function moduleWith(events?: InMemoryRunEventLog) {
  const model = new MockChatModel({ responses: [MockResponses.text('All done.')] });
  const moduleRef = await Test.createTestingModule({
    imports: [
      ConduitModule.forRoot({
        models: { default: model },
        ...(events === undefined ? {} : { runs: { events } }),
      }),
    ],
  }).compile();
  return {
    agents: moduleRef.get(AgentService),
    runEvents: moduleRef.get(AgentRunEvents),
  };
}

describe('AgentRunEvents (ConduitModule wiring)', () => {
  it("replays a finished durable run's events, ending with its completed status", async () => {
    const { agents, runEvents } = await moduleWith(new InMemoryRunEventLog());
    const state = await agents.start({ prompt: 'Hi' });
    const records = await lastValueFrom(runEvents.events(state.runId).pipe(toArray()));
    const types = records.map((record) => record.event.type);
    expect(types[0]).toBe('run-status');
    expect(types).toContain('finish');
    expect(records.at(-1)?.event).toMatchObject({
      type: 'run-status',
      status: 'completed',
      text: 'All done.',
    });
    const after = records[1].id;
    const rest = await lastValueFrom(runEvents.events(state.runId, { after }).pipe(toArray()));
    expect(rest.map((record) => record.id)).toEqual(records.slice(2).map((record) => record.id));
  });

  it('follows a queued run live: its events arrive as continueRun produces them', async () => {
    const { agents, runEvents } = await moduleWith(new InMemoryRunEventLog());
    const run = await agents.createRun({ prompt: 'Hi' });
    const live = lastValueFrom(runEvents.events(run.runId).pipe(toArray()));
    await agents.continueRun(run.runId);
    const statuses = (await live)
      .map((record) => record.event)
      .flatMap((event) => (event.type === 'run-status' ? [event.status] : []));
    expect(statuses).toEqual(['queued', 'running', 'completed']);
  });

  it('errors with RunNotFoundError for an unknown run, ConduitValidationError for a bad after', async () => {
    const { runEvents } = await moduleWith(new InMemoryRunEventLog());
    await expect(firstValueFrom(runEvents.events('nope'))).rejects.toThrow(RunNotFoundError);
    await expect(firstValueFrom(runEvents.events('nope', { after: 'x' }))).rejects.toThrow(
      ConduitValidationError,
    );
  });

  it('names runs.events when the module has no RunEventLog', async () => {
    const { agents, runEvents } = await moduleWith();
    const state = await agents.start({ prompt: 'Hi' });
    await expect(firstValueFrom(runEvents.events(state.runId).pipe(take(1)))).rejects.toThrow(
      /runs\.events/,
    );
  });

  it('AgentService.events reads the same log as AgentRunEvents, record for record', async () => {
    const { agents, runEvents } = await moduleWith(new InMemoryRunEventLog());
    const state = await agents.start({ prompt: 'Hi' });
    const viaService = await lastValueFrom(agents.events(state.runId).pipe(toArray()));
    const viaEvents = await lastValueFrom(runEvents.events(state.runId).pipe(toArray()));
    expect(viaService.length).toBeGreaterThan(2);
    expect(viaService).toEqual(viaEvents);
    const after = viaService[0].id;
    const rest = await lastValueFrom(agents.events(state.runId, { after }).pipe(toArray()));
    expect(rest).toEqual(viaService.slice(1));
    await expect(firstValueFrom(agents.events('nope'))).rejects.toThrow(RunNotFoundError);
  });

  it('AgentService.events names runs.events when the module has no RunEventLog', async () => {
    const { agents } = await moduleWith();
    const state = await agents.start({ prompt: 'Hi' });
    await expect(firstValueFrom(agents.events(state.runId))).rejects.toThrow(/runs\.events/);
  });

  it('AgentService.enqueue without ConduitQueueModule says which module to import, saving nothing', async () => {
    const { agents } = await moduleWith(new InMemoryRunEventLog());
    const error: unknown = await agents
      .enqueue({ prompt: 'Hi', runId: 'never-saved' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConduitValidationError);
    expect((error as ConduitValidationError).message).toContain('ConduitQueueModule.forRoot');
    await expect(agents.getRun('never-saved')).rejects.toThrow(RunNotFoundError);
  });
});
