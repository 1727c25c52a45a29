import { AbortedError, AuthenticationError, ConduitError, type CallAbort } from '../../core';
import { isRecord } from '../shared/wire-data';
import type { AzureTokenProvider } from './azure-settings.types';

/**
 * No `cause`: a credential's error can carry tenant ids, file paths or a client secret echoed
 * back, and errors get logged. Log inside your `getToken` to see it.
 */
function failure(message: string): AuthenticationError {
  return new AuthenticationError(`azure: ${message}`, {
    provider: 'azure',
    code: 'token_unavailable',
  });
}

/** The error's class name only: a credential's message may name tenants, paths or secrets. */
function kindOf(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

/**
 * The `Authorization: Bearer` header of one call from the user's token provider. A rejection, a
 * throw or a token that is not a non-empty string fails with an AuthenticationError whose message
 * names only the error class (the original is not kept). The wait ends when the call
 * is aborted, so a token provider that never answers cannot hold a cancelled call.
 */
export async function azureTokenHeaders(
  getToken: AzureTokenProvider,
  abort: CallAbort | undefined,
  signal: AbortSignal | undefined,
): Promise<Readonly<Record<string, string>>> {
  const cancel = abort?.signal ?? signal;
  if (cancel?.aborted === true) throw abortedBy(cancel.reason);
  let value: unknown;
  try {
    value = await raceAbort(Promise.resolve().then(getToken), cancel);
  } catch (error) {
    if (error instanceof AbortedOrConduit) throw error.error;
    throw failure(
      `getToken() failed (${kindOf(error instanceof TokenRejection ? error.reason : error)}); check the Entra ID credential`,
    );
  }
  const token = typeof value === 'string' ? value : isRecord(value) ? value['token'] : undefined;
  if (typeof token !== 'string' || token.trim() === '') {
    throw failure('getToken() gave no token (expected a string or { token: string })');
  }
  return { authorization: `Bearer ${token}` };
}

/** Marks an abort while waiting, so it is not reported as a token failure. */
class AbortedOrConduit extends Error {
  constructor(readonly error: unknown) {
    super('aborted while waiting for getToken()');
  }
}

function abortedBy(reason: unknown): unknown {
  return reason instanceof ConduitError
    ? reason
    : new AbortedError('azure: the call was aborted while waiting for getToken()', {
        cause: reason,
      });
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new AbortedOrConduit(abortedBy(signal.reason)));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        // A token provider's rejection, whatever it is: classified by the caller.
        reject(error instanceof Error ? error : new TokenRejection(error));
      },
    );
  });
}

/** A token provider that rejected with something other than an Error. */
class TokenRejection extends Error {
  constructor(readonly reason: unknown) {
    super('getToken() rejected');
  }
}
