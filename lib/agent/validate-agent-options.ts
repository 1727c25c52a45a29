import type { ValidationIssue } from '../core';
import type { AgentOptions, AgentRunOptions } from './agent-options.types';

/** Problems of an agent's own options (`path` prefixed with `prefix`, e.g. `SupportAgent.`). */
export function agentOptionIssues(options: AgentOptions, prefix = ''): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const { maxIterations, system, tools } = options;
  if (maxIterations !== undefined && (!Number.isInteger(maxIterations) || maxIterations < 1)) {
    issues.push({ path: `${prefix}maxIterations`, message: 'must be an integer >= 1' });
  }
  if (system !== undefined && typeof system !== 'string') {
    issues.push({ path: `${prefix}system`, message: 'must be a string' });
  }
  const selection: unknown = tools;
  const validSelection =
    selection === undefined ||
    selection === 'all' ||
    (Array.isArray(selection) && selection.every((name) => typeof name === 'string')) ||
    (typeof selection === 'object' &&
      selection !== null &&
      Array.isArray((selection as { classes?: unknown }).classes));
  if (!validSelection) {
    issues.push({
      path: `${prefix}tools`,
      message: "must be 'all', a list of tool names, or { classes: [...] }",
    });
  }
  return issues;
}

/** Problems of one run's options: the agent's own, plus the conversation to start from. */
export function agentRunIssues(options: AgentRunOptions): ValidationIssue[] {
  const issues = agentOptionIssues(options);
  const { messages, prompt } = options;
  if (messages === undefined && prompt === undefined) {
    issues.push({ path: 'messages', message: 'give messages or a prompt' });
  }
  if (messages !== undefined && !Array.isArray(messages)) {
    issues.push({ path: 'messages', message: 'must be an array of messages' });
  }
  if (prompt !== undefined && (typeof prompt !== 'string' || prompt.trim() === '')) {
    issues.push({ path: 'prompt', message: 'must be a non-empty string' });
  }
  return issues;
}
