import type { DocumentMetadata, MetadataValue } from '../document.types';
import type { FieldCondition, MetadataFilter } from './metadata-filter.types';

const OPERATORS = new Set(['$eq', '$ne', '$in', '$gt', '$gte', '$lt', '$lte']);

/** A filter entry as a list of `[operator, operand]` pairs (a plain value is `$eq`). */
export function conditionsOf(
  entry: MetadataValue | FieldCondition,
): [keyof FieldCondition, unknown][] {
  if (typeof entry !== 'object') return [['$eq', entry]];
  const pairs = Object.entries(entry) as [keyof FieldCondition, unknown][];
  for (const [operator] of pairs) {
    if (!OPERATORS.has(operator)) throw new Error(`unknown filter operator ${operator}`);
  }
  return pairs;
}

function compare(
  value: MetadataValue | undefined,
  operand: unknown,
  test: (order: number) => boolean,
): boolean {
  if (typeof value === 'number' && typeof operand === 'number') return test(value - operand);
  if (typeof value === 'string' && typeof operand === 'string') {
    return test(value < operand ? -1 : value > operand ? 1 : 0);
  }
  return false;
}

function matchCondition(
  value: MetadataValue | undefined,
  operator: keyof FieldCondition,
  operand: unknown,
): boolean {
  switch (operator) {
    case '$eq':
      return value === operand;
    case '$ne':
      return value !== operand;
    case '$in':
      return Array.isArray(operand) && value !== undefined && operand.includes(value);
    case '$gt':
      return compare(value, operand, (order) => order > 0);
    case '$gte':
      return compare(value, operand, (order) => order >= 0);
    case '$lt':
      return compare(value, operand, (order) => order < 0);
    case '$lte':
      return compare(value, operand, (order) => order <= 0);
  }
}

/**
 * A filter turned into a predicate once (operators parsed and checked up front), for stores that
 * test many records against the same filter. No filter matches everything.
 */
export function compileFilter(
  filter: MetadataFilter | undefined,
): (metadata: DocumentMetadata) => boolean {
  if (filter === undefined) return () => true;
  const checks = Object.entries(filter).flatMap(([field, entry]) =>
    conditionsOf(entry).map(([operator, operand]) => ({ field, operator, operand })),
  );
  return (metadata) =>
    checks.every(({ field, operator, operand }) =>
      matchCondition(metadata[field], operator, operand),
    );
}

/**
 * Whether metadata passes a filter: every field, every condition. A missing field matches only
 * `$ne`; ranges compare numbers with numbers and strings with strings, anything else fails.
 */
export function matchesFilter(
  metadata: DocumentMetadata,
  filter: MetadataFilter | undefined,
): boolean {
  return compileFilter(filter)(metadata);
}
