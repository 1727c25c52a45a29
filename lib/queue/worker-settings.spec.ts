import { workerSettings } from './worker-settings';

describe('workerSettings', () => {
  it('defaults concurrency to 1 and leaves out the stalled-job settings not given', () => {
    expect(workerSettings({})).toStrictEqual({ concurrency: 1 });
    expect(workerSettings({ worker: {} })).toStrictEqual({ concurrency: 1 });
  });

  it('passes on the concurrency and every stalled-job setting given', () => {
    expect(
      workerSettings({
        concurrency: 4,
        worker: { lockDuration: 60_000, stalledInterval: 15_000, maxStalledCount: 2 },
      }),
    ).toStrictEqual({
      concurrency: 4,
      lockDuration: 60_000,
      stalledInterval: 15_000,
      maxStalledCount: 2,
    });
  });

  it('does not add a key for a setting left out', () => {
    expect(Object.keys(workerSettings({ worker: { stalledInterval: 5_000 } }))).toEqual([
      'concurrency',
      'stalledInterval',
    ]);
  });
});
