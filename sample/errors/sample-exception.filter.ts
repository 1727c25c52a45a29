import { Catch, Injectable } from '@nestjs/common';
import {
  ConduitError,
  ConduitExceptionFilter,
  StructuredOutputError,
  type ConduitHttpError,
} from 'nestjs-conduit';

/**
 * The library's `ConduitExceptionFilter` (422, 429 with Retry-After, 502/503/504, never the
 * provider's text), extended at its documented hook: a DTO the model could not fill is a 422 with
 * the validation issues instead of a 500.
 */
@Catch(ConduitError)
@Injectable()
export class SampleExceptionFilter extends ConduitExceptionFilter {
  protected override toHttp(exception: ConduitError): ConduitHttpError {
    if (!(exception instanceof StructuredOutputError)) return super.toHttp(exception);
    return {
      status: 422,
      headers: {},
      body: {
        statusCode: 422,
        error: 'Unprocessable Entity',
        message: `The model could not fill the requested object in ${exception.attempts} attempts.`,
        code: 'structured_output_failed',
        issues: exception.issues,
      },
    };
  }
}
