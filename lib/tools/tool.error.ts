import { ConduitError } from '../core';

/** Options of `ToolError`. */
export interface ToolErrorOptions {
  /** The error behind it, kept for the app's logs; never shown to the model. */
  readonly cause?: unknown;
}

/**
 * A tool failure whose message is written for the model: thrown from a `@Tool()` method (or an
 * exception filter of one), its message reaches the model as the tool's error result, so the
 * model can explain it or try something else. Any other error a tool throws reaches the model
 * only as its class name (`tools.toolErrors`, default `'safe'`), because its message may hold
 * what the model provider must not see: a connection string, a query, a customer's data.
 *
 * The message still goes through the library's secret masking (API keys, bearer tokens, URL
 * passwords), but it is yours: put in it only what the model may read.
 *
 * @example
 * ```ts
 * @Tool({ description: 'Status of an order' })
 * async getOrder(args: OrderIdDto) {
 *   const order = await this.orders.findOne(args.orderId).catch((cause: unknown) => {
 *     throw new ToolError('The order service is unavailable; try again later.', { cause });
 *   });
 *   if (order === null) throw new ToolError(`No order with id ${args.orderId}.`);
 *   return order;
 * }
 * ```
 */
export class ToolError extends ConduitError {
  constructor(message: string, options: ToolErrorOptions = {}) {
    super(message, options.cause === undefined ? {} : { cause: options.cause });
  }
}
