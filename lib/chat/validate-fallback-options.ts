import type { ValidationIssue } from '../core/errors/conduit-validation.error';
import { isRecord } from '../core/is-record';

/** The model aliases the chains may name, and the embedding models' configured sizes. */
export interface FallbackAliases {
  readonly chat: readonly string[];
  readonly embedding: readonly string[];
  /** Embedding alias -> `dimensions` of its configuration, when it says. */
  readonly dimensions: ReadonlyMap<string, number>;
}

function checkChains(
  value: unknown,
  path: string,
  known: readonly string[],
  issues: ValidationIssue[],
): Map<string, readonly string[]> {
  const chains = new Map<string, readonly string[]>();
  if (value === undefined) return chains;
  if (!isRecord(value)) {
    issues.push({ path, message: "must be an object: { [alias]: ['fallback', ...] }" });
    return chains;
  }
  const list = known.join(', ') || '(none)';
  for (const [alias, entry] of Object.entries(value)) {
    if (!known.includes(alias)) {
      issues.push({
        path: `${path}.${alias}`,
        message: `no model "${alias}" is configured; known: ${list}`,
      });
    }
    if (!Array.isArray(entry) || !entry.every((a) => typeof a === 'string')) {
      issues.push({ path: `${path}.${alias}`, message: 'must be an array of model aliases' });
      continue;
    }
    entry.forEach((target: string, index) => {
      const at = `${path}.${alias}[${index}]`;
      if (!known.includes(target)) {
        issues.push({ path: at, message: `no model "${target}" is configured; known: ${list}` });
      } else if (target === alias || entry.indexOf(target) !== index) {
        issues.push({
          path: at,
          message: `"${target}" is already in this chain; list each alias once`,
        });
      }
    });
    chains.set(alias, entry);
  }
  for (const alias of chains.keys()) {
    const cycle = cycleFrom(alias, chains, [alias]);
    if (cycle !== undefined && cycle[0] === alias && alias === [...cycle].sort()[0]) {
      issues.push({
        path: `${path}.${alias}`,
        message: `forms a cycle (${cycle.join(' -> ')}); chains are not followed transitively, so list the whole chain under the alias that is called`,
      });
    }
  }
  return chains;
}

/** A path of chains leading back to its start, if any. */
function cycleFrom(
  start: string,
  chains: ReadonlyMap<string, readonly string[]>,
  path: readonly string[],
): string[] | undefined {
  const last = path[path.length - 1];
  for (const next of chains.get(last) ?? []) {
    if (next === start) return [...path, start];
    if (path.includes(next)) continue;
    const found = cycleFrom(start, chains, [...path, next]);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Checks `failureThreshold` and `cooldownMs` of a breaker setting at `path`. */
function checkPolicy(
  value: Readonly<Record<string, unknown>>,
  path: string,
  issues: ValidationIssue[],
): void {
  const threshold = value['failureThreshold'];
  if (threshold !== undefined && !(Number.isSafeInteger(threshold) && (threshold as number) > 0)) {
    issues.push({ path: `${path}.failureThreshold`, message: 'must be a positive whole number' });
  }
  const cooldown = value['cooldownMs'];
  if (
    cooldown !== undefined &&
    !(typeof cooldown === 'number' && cooldown >= 0 && Number.isFinite(cooldown))
  ) {
    issues.push({
      path: `${path}.cooldownMs`,
      message: 'must be a number of milliseconds, 0 or more',
    });
  }
  checkFailureRate(value['failureRate'], `${path}.failureRate`, issues);
}

function checkFailureRate(value: unknown, path: string, issues: ValidationIssue[]): void {
  if (value === undefined || value === false) return;
  if (!isRecord(value)) {
    issues.push({ path, message: 'must be false or { threshold, windowMs, minimumCalls }' });
    return;
  }
  const threshold = value['threshold'];
  if (
    threshold !== undefined &&
    !(typeof threshold === 'number' && threshold > 0 && threshold <= 1)
  ) {
    issues.push({ path: `${path}.threshold`, message: 'must be a share in (0, 1], e.g. 0.5' });
  }
  const windowMs = value['windowMs'];
  if (windowMs !== undefined && !(Number.isSafeInteger(windowMs) && (windowMs as number) > 0)) {
    issues.push({ path: `${path}.windowMs`, message: 'must be a positive whole number of ms' });
  }
  const minimum = value['minimumCalls'];
  if (minimum !== undefined && !(Number.isSafeInteger(minimum) && (minimum as number) > 0)) {
    issues.push({ path: `${path}.minimumCalls`, message: 'must be a positive whole number' });
  }
}

function checkCircuitBreaker(
  value: unknown,
  aliases: FallbackAliases,
  issues: ValidationIssue[],
): void {
  if (value === undefined || value === false) return;
  if (!isRecord(value)) {
    issues.push({
      path: 'circuitBreaker',
      message: 'must be false or { failureThreshold, cooldownMs, store, aliases }',
    });
    return;
  }
  checkPolicy(value, 'circuitBreaker', issues);
  const store = value['store'];
  if (store !== undefined && !(isRecord(store) && typeof store['acquire'] === 'function')) {
    issues.push({
      path: 'circuitBreaker.store',
      message: 'must be a CircuitStore (InMemoryCircuitStore, RedisCircuitStore...)',
    });
  }
  const perAlias = value['aliases'];
  if (perAlias === undefined) return;
  if (!isRecord(perAlias)) {
    issues.push({
      path: 'circuitBreaker.aliases',
      message: 'must be an object: { [alias]: false | { failureThreshold, cooldownMs } }',
    });
    return;
  }
  const known = [...aliases.chat, ...aliases.embedding];
  for (const [alias, setting] of Object.entries(perAlias)) {
    const at = `circuitBreaker.aliases.${alias}`;
    if (!known.includes(alias)) {
      issues.push({
        path: at,
        message: `no model "${alias}" is configured; known: ${known.join(', ') || '(none)'}`,
      });
    }
    if (setting === false) continue;
    if (!isRecord(setting)) {
      issues.push({ path: at, message: 'must be false or { failureThreshold, cooldownMs }' });
      continue;
    }
    checkPolicy(setting, at, issues);
  }
}

/**
 * Problems of a call's own `fallbacks` (`ChatOptions.fallbacks`, `EmbedOptions.fallbacks`): a list
 * of configured aliases, none twice and not the called alias itself. Checked at each call, since
 * the module's chains are checked at bootstrap but a call's list is not.
 */
export function callFallbackIssues(
  value: unknown,
  alias: string,
  known: readonly string[],
): ValidationIssue[] {
  if (!Array.isArray(value) || !value.every((entry) => typeof entry === 'string')) {
    return [{ path: 'fallbacks', message: "must be an array of model aliases, e.g. ['backup']" }];
  }
  const issues: ValidationIssue[] = [];
  (value as readonly string[]).forEach((target, index) => {
    const at = `fallbacks[${index}]`;
    if (!known.includes(target)) {
      issues.push({
        path: at,
        message: `no model "${target}" is configured; known: ${known.join(', ') || '(none)'}`,
      });
    } else if (target === alias || value.indexOf(target) !== index) {
      issues.push({ path: at, message: `"${target}" is already in the chain` });
    }
  });
  return issues;
}

/**
 * Problems of `fallbacks`, `embeddingFallbacks`, `fallbackOn` and `circuitBreaker`: unknown
 * aliases, an alias twice in a chain, cycles, embedding models of different dimensions (when both
 * configurations state them), a `fallbackOn` entry that is not a class.
 */
export function fallbackOptionIssues(
  options: Readonly<Record<string, unknown>>,
  aliases: FallbackAliases,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  checkChains(options['fallbacks'], 'fallbacks', aliases.chat, issues);
  const embedding = checkChains(
    options['embeddingFallbacks'],
    'embeddingFallbacks',
    aliases.embedding,
    issues,
  );
  for (const [alias, chain] of embedding) {
    const own = aliases.dimensions.get(alias);
    chain.forEach((target, index) => {
      const theirs = aliases.dimensions.get(target);
      if (own !== undefined && theirs !== undefined && own !== theirs) {
        issues.push({
          path: `embeddingFallbacks.${alias}[${index}]`,
          message: `"${target}" makes vectors of ${theirs} dimensions, "${alias}" of ${own}: their vectors cannot be mixed in one index; fall back only to a model of the same dimensions`,
        });
      }
    });
  }
  const fallbackOn = options['fallbackOn'];
  if (
    fallbackOn !== undefined &&
    !(Array.isArray(fallbackOn) && fallbackOn.every((type) => typeof type === 'function'))
  ) {
    issues.push({
      path: 'fallbackOn',
      message: 'must be an array of error classes, e.g. [ContextLengthExceededError]',
    });
  }
  checkCircuitBreaker(options['circuitBreaker'], aliases, issues);
  return issues;
}
