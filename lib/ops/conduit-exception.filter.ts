import {
  Catch,
  Injectable,
  Optional,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ConduitError } from '../core/errors/conduit.error';
import type { ConduitHttpError } from './conduit-http-error.types';
import { mapConduitErrorToHttp } from './map-conduit-error-to-http';

/** The Express-style response calls used when no HttpAdapterHost was given. */
interface ExpressLikeResponse {
  headersSent?: boolean;
  status(code: number): ExpressLikeResponse;
  setHeader(name: string, value: string): unknown;
  json(body: unknown): unknown;
  end(): unknown;
}

/**
 * Turns conduit errors thrown by HTTP handlers into proper answers: 422 for invalid input, 429 with
 * `Retry-After` for rate limits, 502/503/504 for provider failures, unavailability and timeouts.
 * The provider's message and body never reach the client (`mapConduitErrorToHttp`). Works on
 * Express and Fastify through `HttpAdapterHost`. Other errors are left to Nest's handling. A
 * response already streaming (SSE) is ended as is.
 *
 * @example
 * // As a global filter with DI (HttpAdapterHost is injected):
 * providers: [{ provide: APP_FILTER, useClass: ConduitExceptionFilter }]
 * // Or in main.ts:
 * app.useGlobalFilters(new ConduitExceptionFilter(app.get(HttpAdapterHost)));
 */
@Catch(ConduitError)
@Injectable()
export class ConduitExceptionFilter implements ExceptionFilter {
  constructor(@Optional() private readonly adapterHost?: HttpAdapterHost) {}

  catch(exception: ConduitError, host: ArgumentsHost): void {
    // WebSocket, RPC and GraphQL have their own error channels: not ours to answer.
    if (host.getType() !== 'http') throw exception;
    const response: unknown = host.switchToHttp().getResponse();
    this.send(response, this.toHttp(exception));
  }

  /** The answer for an error. Override to change statuses or messages. */
  protected toHttp(exception: ConduitError): ConduitHttpError {
    return mapConduitErrorToHttp(exception);
  }

  private send(response: unknown, answer: ConduitHttpError): void {
    const adapter = this.adapterHost?.httpAdapter;
    if (adapter !== undefined) {
      if (adapter.isHeadersSent(response)) {
        adapter.end(response);
        return;
      }
      for (const [name, value] of Object.entries(answer.headers))
        adapter.setHeader(response, name, value);
      adapter.reply(response, answer.body, answer.status);
      return;
    }
    const res = response as ExpressLikeResponse;
    if (res.headersSent === true) {
      res.end();
      return;
    }
    for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
    res.status(answer.status).json(answer.body);
  }
}
