import { ConduitValidationError } from '../core/errors/conduit-validation.error';
import { END, START } from '../flow/graph/graph.constants';
import { InMemoryCheckpointStore } from '../flow/graph/in-memory-checkpoint.store';
import { StateGraph } from '../flow/graph/state-graph';
import { checkWorkflowJobData } from './workflow-job.handler';
import { validateWorkflowQueueOptions } from './validate-workflow-queue-options';

interface Doc {
  readonly text: string;
}

function graph(checkpointStore?: InMemoryCheckpointStore) {
  return new StateGraph<Doc>()
    .addNode('upper', (state) => ({ text: state.text.toUpperCase() }))
    .addEdge(START, 'upper')
    .addEdge('upper', END)
    .compile(checkpointStore === undefined ? {} : { checkpointStore });
}

function issuesOf(options: unknown): string[] {
  try {
    validateWorkflowQueueOptions(options);
  } catch (error: unknown) {
    if (error instanceof ConduitValidationError) return error.issues.map((issue) => issue.path);
    throw error;
  }
  return [];
}

describe('validateWorkflowQueueOptions', () => {
  it('accepts checkpointed graphs with the queue settings', () => {
    const options = {
      connection: { host: '127.0.0.1', port: 6379 },
      graphs: { upper: graph(new InMemoryCheckpointStore()) },
      concurrency: 2,
      claimRetryDelayMs: 250,
    };
    expect(validateWorkflowQueueOptions(options)).toBe(options);
  });

  it('lists the graph problems and the queue problems in one error', () => {
    expect(
      issuesOf({
        graphs: { bare: graph(), 'a:b': graph(new InMemoryCheckpointStore()), odd: 42 },
        concurrency: 0,
        claimRetryDelayMs: -1,
      }),
    ).toEqual([
      'graphs.bare',
      'graphs.a:b',
      'graphs.odd',
      'claimRetryDelayMs',
      'connection',
      'concurrency',
    ]);
    expect(issuesOf({ connection: {}, graphs: {} })).toEqual(['graphs']);
  });

  it('names the missing checkpoint store and what to compile with', () => {
    expect(() =>
      validateWorkflowQueueOptions({ connection: {}, graphs: { bare: graph() } }),
    ).toThrow(
      /Invalid ConduitWorkflowQueueModule options:\n {2}- graphs\.bare: has no checkpointStore/,
    );
  });
});

describe('checkWorkflowJobData', () => {
  const graphs = new Map([['upper', graph(new InMemoryCheckpointStore())]]);

  it('takes a job of a registered graph with a thread id', () => {
    const data = { graph: 'upper', threadId: 't1', input: { text: 'a' } };
    expect(checkWorkflowJobData(data, graphs)).toBe(data);
  });

  it('refuses a graph this worker does not know, and a bad thread id', () => {
    expect(() => checkWorkflowJobData({ graph: 'other', threadId: 't1' }, graphs)).toThrow(
      /"other" is not a graph of this worker \(registered: upper\)/,
    );
    expect(() => checkWorkflowJobData({ graph: 'upper', threadId: '' }, graphs)).toThrow(
      ConduitValidationError,
    );
    expect(() => checkWorkflowJobData('upper', graphs)).toThrow(ConduitValidationError);
  });
});
