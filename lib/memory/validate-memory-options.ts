import {
  ConduitValidationError,
  type ValidationIssue,
} from '../core/errors/conduit-validation.error';
import type { ConduitMemoryOptions } from './memory-options.types';

const STORE_METHODS = ['read', 'append', 'saveSummary', 'replace', 'delete', 'ids'] as const;

function hasMethod(value: unknown, name: string): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Record<string, unknown>)[name] === 'function'
  );
}

/**
 * Checks the options of `ConduitMemoryModule.forRoot` when the module is declared, so a wrong
 * store or strategy fails the bootstrap with one error listing `path: problem` lines, instead of
 * the first conversation failing with a TypeError. The stores check their own limits.
 */
export function validateMemoryOptions(options: unknown): ConduitMemoryOptions {
  const issues: ValidationIssue[] = [];
  if (typeof options !== 'object' || options === null) {
    issues.push({ path: '(options)', message: 'must be an object' });
  } else {
    const { store, strategy, isGlobal } = options as Record<string, unknown>;
    // Checked by shape, not instanceof: a class may `implements ConversationStore`, and two
    // copies of the package would each have their own class.
    const missing = STORE_METHODS.filter((name) => !hasMethod(store, name));
    if (store !== undefined && missing.length > 0) {
      issues.push({
        path: 'store',
        message: `must be a ConversationStore (InMemoryConversationStore, RedisConversationStore); missing ${missing.join(', ')}`,
      });
    }
    if (strategy !== undefined && !hasMethod(strategy, 'view')) {
      issues.push({ path: 'strategy', message: 'must be a MemoryStrategy (with a view method)' });
    }
    if (isGlobal !== undefined && typeof isGlobal !== 'boolean') {
      issues.push({ path: 'isGlobal', message: 'must be a boolean' });
    }
  }
  if (issues.length > 0) {
    throw new ConduitValidationError(issues, 'Invalid ConduitMemoryModule options');
  }
  return options as ConduitMemoryOptions;
}
