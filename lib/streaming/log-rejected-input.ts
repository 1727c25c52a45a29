import { Logger } from '@nestjs/common';
import { ConduitValidationError } from '../core/errors/conduit-validation.error';
import { redactSecrets } from '../core/redact-secrets';

const logger = new Logger('Conduit');

/**
 * Invalid input never reaches the interceptors (no LoggingInterceptor line), so without this a
 * rejected stream would leave the server's log silent while the client sees a 422-like frame.
 */
export function logRejectedInput(error: unknown): void {
  if (!(error instanceof ConduitValidationError)) return;
  const issues = error.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  // Masked like every log line of the library: an issue may quote what the caller sent.
  logger.warn(redactSecrets(`stream rejected, invalid input: ${issues}`));
}
