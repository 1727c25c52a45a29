import { validateToolsOptions } from './validate-tools-options';

describe('validateToolsOptions', () => {
  it('accepts no options and valid ones', () => {
    expect(validateToolsOptions(undefined)).toEqual([]);
    expect(
      validateToolsOptions({
        discovery: 'feature',
        timeoutMs: 5,
        maxArgumentsBytes: 10,
        concurrency: 'sequential',
        toolErrors: 'verbose',
      }),
    ).toEqual([]);
    expect(validateToolsOptions({ toolErrors: 'safe' })).toEqual([]);
    expect(validateToolsOptions({ toolErrors: () => undefined })).toEqual([]);
  });

  it('lists every problem with its path', () => {
    expect(
      validateToolsOptions({
        discovery: 'some',
        timeoutMs: -1,
        maxArgumentsBytes: '1',
        concurrency: 'x',
        toolErrors: 'all',
        extra: 1,
      }),
    ).toEqual([
      {
        path: 'tools.extra',
        message:
          'unknown option; known: discovery, timeoutMs, maxArgumentsBytes, concurrency, toolErrors',
      },
      { path: 'tools.discovery', message: "must be 'all' or 'feature'" },
      { path: 'tools.concurrency', message: "must be 'parallel' or 'sequential'" },
      {
        path: 'tools.toolErrors',
        message: "must be 'safe', 'verbose' or a function (error, toolCall) => string | undefined",
      },
      {
        path: 'tools.timeoutMs',
        message: 'must be a whole number of milliseconds (0: no timeout)',
      },
      { path: 'tools.maxArgumentsBytes', message: 'must be a positive number' },
    ]);
    expect(validateToolsOptions([])).toEqual([{ path: 'tools', message: 'must be an object' }]);
  });
});
