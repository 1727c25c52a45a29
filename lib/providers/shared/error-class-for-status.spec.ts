import * as core from '../../core';
import { errorClassForStatus } from './error-class-for-status';

describe('errorClassForStatus', () => {
  it.each([
    [400, core.InvalidRequestError],
    [422, core.InvalidRequestError],
    [401, core.AuthenticationError],
    [403, core.PermissionDeniedError],
    [404, core.NotFoundError],
    [429, core.RateLimitError],
    [500, core.ServerError],
    [503, core.ServerError],
    [529, core.ServerError],
  ])('maps %i to its typed error', (status, expected) => {
    expect(errorClassForStatus(status)).toBe(expected);
  });

  it('leaves any other status, and none, a plain ProviderError', () => {
    for (const status of [undefined, 402, 408, 409, 413, 499]) {
      expect(errorClassForStatus(status)).toBe(core.ProviderError);
    }
  });
});
