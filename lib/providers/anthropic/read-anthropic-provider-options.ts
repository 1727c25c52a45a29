import { ConduitValidationError, type CacheControl, type ValidationIssue } from '../../core';
import { isRecord, type WireRecord } from '../shared/wire-data';
import type { AnthropicThinkingOptions } from './anthropic-options.types';

/** `providerOptions.anthropic` split into what nestjs-conduit reads and what goes to the body. */
export interface ResolvedAnthropicOptions {
  /** The `thinking` field in wire form, from the call or else from the model settings. */
  readonly thinking: WireRecord | undefined;
  /** Tokens reserved for thinking (`budget_tokens` of an `enabled` config), else 0. */
  readonly thinkingBudget: number;
  readonly cacheSystem: CacheControl | undefined;
  readonly cacheTools: CacheControl | undefined;
  /** Message breakpoints by position in `request.messages` (negative positions resolved). */
  readonly cacheMessages: ReadonlyMap<number, CacheControl>;
  /** `citations` for the document blocks of file parts. */
  readonly citations: boolean;
  /** Every other key, copied into the request body last. */
  readonly extra: Readonly<Record<string, unknown>>;
}

const PATH = 'providerOptions.anthropic';
const EPHEMERAL: CacheControl = { type: 'ephemeral' };

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

/** Normalizes the typed or wire form of a thinking config to the wire form. */
function readThinking(
  value: unknown,
  path: string,
  issues: ValidationIssue[],
): { wire: WireRecord; budget: number } | undefined {
  if (!isRecord(value) || typeof value['type'] !== 'string') {
    issues.push({
      path,
      message: "must be an object with a `type` ('enabled', 'adaptive' or 'disabled')",
    });
    return undefined;
  }
  if (value['type'] !== 'enabled') return { wire: value, budget: 0 };
  const { budgetTokens, ...wire } = value;
  const budget = budgetTokens ?? wire['budget_tokens'];
  if (!isPositiveInteger(budget)) {
    issues.push({
      path: `${path}.budgetTokens`,
      message: 'must be a positive integer (at least 1024)',
    });
    return undefined;
  }
  return { wire: { ...wire, budget_tokens: budget }, budget };
}

function readBreakpoint(
  value: unknown,
  path: string,
  issues: ValidationIssue[],
): CacheControl | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) return EPHEMERAL;
  if (
    isRecord(value) &&
    value['type'] === 'ephemeral' &&
    (value['ttl'] === undefined || value['ttl'] === '5m' || value['ttl'] === '1h')
  ) {
    return value as unknown as CacheControl;
  }
  issues.push({ path, message: "must be true, false or { type: 'ephemeral', ttl?: '5m' | '1h' }" });
  return undefined;
}

function readMessageBreakpoints(
  value: unknown,
  messageCount: number,
  issues: ValidationIssue[],
): Map<number, CacheControl> {
  const breakpoints = new Map<number, CacheControl>();
  if (value === undefined) return breakpoints;
  const path = `${PATH}.cacheControl.messages`;
  if (!Array.isArray(value)) {
    issues.push({ path, message: 'must be an array of message positions' });
    return breakpoints;
  }
  (value as unknown[]).forEach((position, i) => {
    const index =
      typeof position === 'number' && Number.isInteger(position) && position < 0
        ? messageCount + position
        : position;
    if (
      typeof index !== 'number' ||
      !Number.isInteger(index) ||
      index < 0 ||
      index >= messageCount
    ) {
      issues.push({
        path: `${path}[${i}]`,
        message: `must point at one of the ${messageCount} messages (0 to ${messageCount - 1}, or -1 to -${messageCount})`,
      });
      return;
    }
    breakpoints.set(index, EPHEMERAL);
  });
  return breakpoints;
}

/** Model-level thinking in wire form (settings are typed, so they cannot be malformed). */
function settingsThinking(
  thinking: AnthropicThinkingOptions | undefined,
): { wire: WireRecord; budget: number } | undefined {
  if (thinking === undefined) return undefined;
  if (thinking.type !== 'enabled') return { wire: { type: thinking.type }, budget: 0 };
  return {
    wire: { type: 'enabled', budget_tokens: thinking.budgetTokens },
    budget: thinking.budgetTokens,
  };
}

/**
 * Reads `providerOptions.anthropic`: the typed `thinking` (typed or wire form), `cacheControl` and
 * `citations` keys are checked and resolved, every other key is kept for the body. A malformed typed option, or
 * a message breakpoint pointing at no message, throws a ConduitValidationError before any request:
 * a cache breakpoint is never dropped silently.
 */
export function readAnthropicProviderOptions(
  raw: Readonly<Record<string, unknown>> | undefined,
  messageCount: number,
  modelThinking?: AnthropicThinkingOptions,
): ResolvedAnthropicOptions {
  const { thinking, cacheControl, citations, ...extra } = raw ?? {};
  const issues: ValidationIssue[] = [];
  if (citations !== undefined && typeof citations !== 'boolean') {
    issues.push({ path: `${PATH}.citations`, message: 'must be true or false' });
  }
  const callThinking =
    thinking === undefined ? undefined : readThinking(thinking, `${PATH}.thinking`, issues);
  let cache: WireRecord = {};
  if (isRecord(cacheControl)) cache = cacheControl;
  else if (cacheControl !== undefined) {
    issues.push({
      path: `${PATH}.cacheControl`,
      message: 'must be an object ({ system, tools, messages })',
    });
  }
  const cacheSystem = readBreakpoint(cache['system'], `${PATH}.cacheControl.system`, issues);
  const cacheTools = readBreakpoint(cache['tools'], `${PATH}.cacheControl.tools`, issues);
  const cacheMessages = readMessageBreakpoints(cache['messages'], messageCount, issues);
  if (issues.length > 0)
    throw new ConduitValidationError(issues, 'Invalid Anthropic provider options');

  const resolved = callThinking ?? settingsThinking(modelThinking);
  return {
    thinking: resolved?.wire,
    thinkingBudget: resolved?.budget ?? 0,
    cacheSystem,
    cacheTools,
    cacheMessages,
    citations: citations === true,
    extra,
  };
}
