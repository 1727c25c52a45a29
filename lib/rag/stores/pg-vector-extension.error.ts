import { ConduitError } from '../../core/errors/conduit.error';

/**
 * The pgvector extension is missing from the database and could not be created: not installed on
 * the server, or the role may not create it. The message says which and what to run.
 */
export class PgVectorExtensionError extends ConduitError {}
