import type { MetadataValue } from '../document.types';
import { conditionsOf } from './match-filter';
import type { MetadataFilter } from './metadata-filter.types';

/** A Chroma `where` clause (the subset this library produces). */
export type ChromaWhere = Record<string, unknown>;

/**
 * A metadata filter as a Chroma `where` clause: one `{ field: { $op: value } }` per condition,
 * joined with `$and` when there are several (Chroma accepts one operator per clause).
 * Chroma compares ranges on numbers only.
 */
export function filterToChromaWhere(filter: MetadataFilter | undefined): ChromaWhere | undefined {
  if (filter === undefined) return undefined;
  const clauses = Object.entries(filter).flatMap(([field, entry]) =>
    conditionsOf(entry).map(([operator, operand]) => ({
      [field]: {
        [operator]: operator === '$in' ? [...(operand as readonly MetadataValue[])] : operand,
      },
    })),
  );
  if (clauses.length === 0) return undefined;
  return clauses.length === 1 ? clauses[0] : { $and: clauses };
}
