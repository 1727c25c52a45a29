import { ConduitError } from '../../core/errors/conduit.error';

/**
 * The table does not fit the store: missing (with `createTable: false`), a column missing, or its
 * vectors of another size than `dimensions`. Nothing is changed; the message says what to do.
 */
export class PgVectorSchemaError extends ConduitError {}
