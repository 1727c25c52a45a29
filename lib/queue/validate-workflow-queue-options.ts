import type { ValidationIssue } from '../core/errors/conduit-validation.error';
import { isRecord } from '../core/is-record';
import { validateQueueOptions } from './validate-queue-options';
import type { WorkflowQueueModuleOptions } from './workflow-queue-options.types';

/**
 * Checks `ConduitWorkflowQueueModule.forRoot()` options once: the queue settings as
 * `ConduitQueueModule` checks them, plus the graphs (each compiled with a checkpoint store) and
 * `claimRetryDelayMs`, every problem listed in one `ConduitValidationError`.
 */
export function validateWorkflowQueueOptions(options: unknown): WorkflowQueueModuleOptions {
  const issues: ValidationIssue[] = [];
  const o = isRecord(options) ? options : {};
  const graphs = o.graphs;
  if (!isRecord(graphs) || Object.keys(graphs).length === 0) {
    issues.push({
      path: 'graphs',
      message: 'must be { [name]: compiledGraph } with one graph or more',
    });
  } else {
    for (const [name, graph] of Object.entries(graphs)) {
      if (!/^[\w.-]{1,100}$/.test(name)) {
        issues.push({
          path: `graphs.${name}`,
          message: 'the name must be 1-100 letters, digits, "_", "." or "-"',
        });
      }
      if (!isRecord(graph) || typeof graph.resume !== 'function') {
        issues.push({
          path: `graphs.${name}`,
          message: 'must be a compiled graph (StateGraph.compile())',
        });
      } else if (graph.checkpointStore === undefined) {
        issues.push({
          path: `graphs.${name}`,
          message:
            'has no checkpointStore: compile it with { checkpointStore } shared by every worker (RedisCheckpointStore or PostgresCheckpointStore), so another worker can resume a run whose worker died',
        });
      }
    }
  }
  const delay = o.claimRetryDelayMs;
  if (delay !== undefined && !(typeof delay === 'number' && Number.isInteger(delay) && delay > 0)) {
    issues.push({ path: 'claimRetryDelayMs', message: 'must be a positive integer (ms)' });
  }
  return validateQueueOptions(
    options,
    'Invalid ConduitWorkflowQueueModule options',
    issues,
  ) as WorkflowQueueModuleOptions;
}
