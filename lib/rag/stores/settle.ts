/**
 * Runs synchronous store work and returns its outcome as a promise, so a validation error becomes
 * a rejection (as with the stores that do I/O) instead of a throw before the promise exists.
 */
export function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error: unknown) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
