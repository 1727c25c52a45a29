import type { MetadataValue } from '../document.types';

/** Conditions on one metadata field; several conditions on the same field must all hold. */
export interface FieldCondition {
  readonly $eq?: MetadataValue;
  readonly $ne?: MetadataValue;
  readonly $in?: readonly MetadataValue[];
  readonly $gt?: number | string;
  readonly $gte?: number | string;
  readonly $lt?: number | string;
  readonly $lte?: number | string;
}

/**
 * A metadata filter: every field must match. A plain value means equality; an object holds
 * operators (`$in`, ranges with `$gt`/`$gte`/`$lt`/`$lte`, `$ne`).
 *
 * @example
 * { lang: 'en', year: { $gte: 2020, $lt: 2025 }, kind: { $in: ['guide', 'faq'] } }
 */
export type MetadataFilter = Readonly<Record<string, MetadataValue | FieldCondition>>;
