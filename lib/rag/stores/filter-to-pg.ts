import { conditionsOf } from './match-filter';
import type { FieldCondition, MetadataFilter } from './metadata-filter.types';

const RANGES: Record<'$gt' | '$gte' | '$lt' | '$lte', string> = {
  $gt: '>',
  $gte: '>=',
  $lt: '<',
  $lte: '<=',
};

/**
 * A metadata filter as a PostgreSQL predicate on the JSONB `metadata` column, with the same
 * meaning as the in-memory matcher (`matchesFilter`): equality is typed (`1` is not `'1'`), a
 * missing field matches only `$ne`, ranges compare numbers with numbers and strings with strings
 * (by code point, `COLLATE "C"`), anything else fails. Field names and values are never spliced
 * into the SQL: each is pushed onto `params` and referenced as `$n`, so no key or value, however
 * hostile, can change the statement. Equality uses `@>` (served by the `jsonb_path_ops` index).
 * Returns undefined for no filter.
 */
export function filterToPg(
  filter: MetadataFilter | undefined,
  params: unknown[],
  column = 'metadata',
): string | undefined {
  if (filter === undefined || Object.keys(filter).length === 0) return undefined;
  const param = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const clauses = Object.entries(filter).flatMap(([field, entry]) =>
    conditionsOf(entry).map(([operator, operand]) =>
      condition(column, field, operator, operand, param),
    ),
  );
  // `{ field: {} }` has no condition and matches everything, as in memory.
  return clauses.length === 0 ? undefined : clauses.map((clause) => `(${clause})`).join(' AND ');
}

function condition(
  column: string,
  field: string,
  operator: keyof FieldCondition,
  operand: unknown,
  param: (value: unknown) => string,
): string {
  const isScalar = ['string', 'number', 'boolean'].includes(typeof operand);
  switch (operator) {
    case '$eq':
      return isScalar
        ? `${column} @> ${param(JSON.stringify({ [field]: operand }))}::jsonb`
        : 'FALSE';
    case '$ne':
      return isScalar
        ? `NOT (${column} @> ${param(JSON.stringify({ [field]: operand }))}::jsonb)`
        : 'TRUE';
    case '$in': {
      const values = Array.isArray(operand)
        ? operand.filter((value) => ['string', 'number', 'boolean'].includes(typeof value))
        : [];
      if (values.length === 0) return 'FALSE';
      return `${column} -> ${param(field)}::text IN (SELECT jsonb_array_elements(${param(JSON.stringify(values))}::jsonb))`;
    }
    default: {
      const sqlOperator = RANGES[operator];
      if (typeof operand === 'number' && Number.isFinite(operand)) {
        const key = param(field);
        return `jsonb_typeof(${column} -> ${key}::text) = 'number' AND ${column} -> ${key}::text ${sqlOperator} ${param(JSON.stringify(operand))}::jsonb`;
      }
      if (typeof operand === 'string') {
        const key = param(field);
        return `jsonb_typeof(${column} -> ${key}::text) = 'string' AND (${column} ->> ${key}::text) COLLATE "C" ${sqlOperator} ${param(operand)}::text COLLATE "C"`;
      }
      return 'FALSE';
    }
  }
}
