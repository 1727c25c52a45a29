/**
 * The providers' redaction is core's (`lib/core/redact-secrets.ts`), the one the error classes
 * apply at construction: the configured API keys by exact match, plus every credential shape and
 * `api-key` / `authorization` value. Re-exported here so provider files keep one import path.
 */
export { REDACTED, redactSecrets, redactValue } from '../../core/redact-secrets';
