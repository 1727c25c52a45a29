import { conditionsOf } from './match-filter';
import type { FieldCondition, MetadataFilter } from './metadata-filter.types';

const SQL_OPERATORS: Record<Exclude<keyof FieldCondition, '$in'>, string> = {
  $eq: '=',
  $ne: '!=',
  $gt: '>',
  $gte: '>=',
  $lt: '<',
  $lte: '<=',
};

/** A SQL literal: strings quoted with `'` doubled, numbers checked finite, booleans as keywords. */
export function sqlLiteral(value: unknown): string {
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  throw new Error(`cannot use ${JSON.stringify(value)} in a filter`);
}

/** A column name quoted for DataFusion SQL (backticks, a backtick doubled). */
export function sqlColumn(name: string): string {
  return `\`${name.replaceAll('`', '``')}\``;
}

/**
 * A metadata filter as a LanceDB (DataFusion) SQL predicate over metadata columns, so the filter runs
 * inside the engine before ranking. `$ne` keeps rows where the field is missing (NULL), like the
 * in-memory matcher. Returns undefined for no filter.
 */
export function filterToSql(
  filter: MetadataFilter | undefined,
  column: (field: string) => string,
): string | undefined {
  if (filter === undefined || Object.keys(filter).length === 0) return undefined;
  const clauses = Object.entries(filter).flatMap(([field, entry]) =>
    conditionsOf(entry).map(([operator, operand]) => {
      const name = column(field);
      if (operator === '$in') {
        const values = Array.isArray(operand) ? operand : [];
        return values.length === 0 ? 'FALSE' : `${name} IN (${values.map(sqlLiteral).join(', ')})`;
      }
      if (operator === '$ne') return `(${name} IS NULL OR ${name} != ${sqlLiteral(operand)})`;
      return `${name} ${SQL_OPERATORS[operator]} ${sqlLiteral(operand)}`;
    }),
  );
  return clauses.map((clause) => `(${clause})`).join(' AND ');
}
