import { Logger } from '@nestjs/common';
import { throwError } from 'rxjs';
import type { ConduitInterceptor } from '../core';
import { call, setup } from '../../test/support/tool-executor-harness';
import { ToolExecutor } from './tool-executor';
import type { ConduitToolsOptions } from './tool-options.types';
import { ToolError } from './tool.error';
import { ToolRegistry } from './tool.registry';

const LEAKY = 'postgres://admin:hunter2@db/prod refused';

function executorWith(options: ConduitToolsOptions, handler: () => unknown): ToolExecutor {
  const registry = new ToolRegistry();
  registry.add({ name: 'getOrder', description: 'An order', handler });
  return new ToolExecutor(registry, options, () => []);
}

const fails = (): never => {
  throw new Error(LEAKY);
};

describe('ToolExecutor: tool errors', () => {
  let warn: jest.SpyInstance;
  let debug: jest.SpyInstance;

  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    debug = jest.spyOn(Logger.prototype, 'debug').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('withholds a plain error from the model and logs it whole, once, at warn', async () => {
    const result = await executorWith({}, fails).execute(call('getOrder'));
    expect(result).toMatchObject({
      isError: true,
      content: 'Tool "getOrder" failed (Error). The error details were withheld.',
    });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(
      /^Tool "getOrder" \(call call_\d+\) failed: Error: postgres:\/\/admin:hunter2@db\/prod refused$/,
    );
    expect(debug.mock.calls.some(([line]: unknown[]) => String(line).includes('at '))).toBe(true);
  });

  it('logs a ToolError at debug only', async () => {
    const executor = executorWith({}, () => {
      throw new ToolError('No order with that id');
    });
    expect((await executor.execute(call('getOrder'))).content).toBe(
      'Tool "getOrder" failed: No order with that id',
    );
    expect(warn).not.toHaveBeenCalled();
    expect(debug).toHaveBeenCalledTimes(1);
  });

  it('treats an interceptor failure like a tool failure', async () => {
    const failing: ConduitInterceptor = { intercept: () => throwError(() => new Error(LEAKY)) };
    const { executor } = setup([{ name: 'a' }], [failing]);
    const result = await executor.execute(call('a'));
    expect(result.content).toBe('Tool "a" failed (Error). The error details were withheld.');
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('falls back to the safe message when the tools.toolErrors function throws, and says so', async () => {
    const toolErrors = (): never => {
      throw new RangeError('formatter bug');
    };
    const result = await executorWith({ toolErrors }, fails).execute(call('getOrder'));
    expect(result.content).toBe('Tool "getOrder" failed (Error). The error details were withheld.');
    expect(warn.mock.calls.map(([line]: unknown[]) => line)).toContainEqual(
      'tools.toolErrors threw for tool "getOrder" (RangeError: formatter bug); the model got the safe message',
    );
  });

  it('masks what a tools.toolErrors function returns', async () => {
    const result = await executorWith({ toolErrors: (error) => String(error) }, fails).execute(
      call('getOrder'),
    );
    expect(result.content).toBe('Error: postgres://admin:[REDACTED]@db/prod refused');
  });
});
