import type { IncomingHttpHeaders } from 'node:http';
import {
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { SAMPLE_ID_PATTERN, SAMPLE_ID_RULE } from './sample-ids';

/** Who is calling, as `SampleCallerGuard` puts it on `request.user`. */
export interface SampleCaller {
  readonly id: string;
}

/** The header the sample takes the caller's identity from. */
export const SAMPLE_USER_HEADER = 'x-user-id';

/**
 * A STAND-IN FOR REAL AUTHENTICATION: it believes whatever user id the `x-user-id` header says,
 * which is enough to show conversations kept apart per user, and nothing more. A real app puts a
 * verified identity on `request.user` here instead (Passport's `AuthGuard('jwt')`, a session...);
 * the memory routes read it through `ConduitRequestContext.user()` and need no change.
 */
@Injectable()
export class SampleCallerGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context
      .switchToHttp()
      .getRequest<{ headers: IncomingHttpHeaders; user?: SampleCaller }>();
    const id = request.headers[SAMPLE_USER_HEADER];
    if (typeof id !== 'string' || !SAMPLE_ID_PATTERN.test(id)) {
      throw new UnauthorizedException(
        `Send the ${SAMPLE_USER_HEADER} header (${SAMPLE_ID_RULE}): the sample's stand-in for authentication.`,
      );
    }
    request.user = { id };
    return true;
  }
}
