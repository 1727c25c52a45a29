import type { ValidationIssue } from '../../core/errors/conduit-validation.error';
import { isRecord } from '../../core/is-record';
import { AgentRunStore } from './agent-run.store';

/** Problems of `ConduitModule.forRoot({ runs })`, one `path: problem` each. */
export function runsOptionIssues(runs: unknown): ValidationIssue[] {
  if (runs === undefined) return [];
  if (!isRecord(runs)) return [{ path: 'runs', message: 'must be an object { store?, events? }' }];
  const issues: ValidationIssue[] = [];
  for (const key of Object.keys(runs)) {
    if (key !== 'store' && key !== 'events') {
      issues.push({ path: `runs.${key}`, message: 'unknown option; expected store or events' });
    }
  }
  const { store, events } = runs;
  if (store !== undefined && !(store instanceof AgentRunStore)) {
    issues.push({
      path: 'runs.store',
      message:
        'must be an AgentRunStore (InMemoryAgentRunStore, RedisAgentRunStore, PostgresAgentRunStore or a subclass)',
    });
  }
  if (events !== undefined && !(isRecord(events) && typeof events['append'] === 'function')) {
    issues.push({
      path: 'runs.events',
      message: 'must be an AgentRunEventSink: an object with append(runId, event)',
    });
  }
  return issues;
}
