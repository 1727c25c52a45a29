import { ReplayServer } from '../support/replay-server';
import {
  activeCount,
  settledSocketCount,
  trackUnhandledRejections,
  type FaultConduit,
} from './fault-harness';

/** The replay server and conduit a fault spec's current test runs against. */
export interface FaultSuite {
  readonly server: ReplayServer;
  readonly conduit: FaultConduit;
}

/**
 * Registers the lifecycle every fault spec shares: a fresh replay server and conduit per test,
 * a check after each test that no socket leaked, and a check after the suite that no promise
 * rejection went unhandled. Call it inside the `describe` block; read `server` / `conduit`
 * from the returned object inside tests (they change from one test to the next).
 */
export function useFaultSuite(start: (server: ReplayServer) => Promise<FaultConduit>): FaultSuite {
  let server: ReplayServer | undefined;
  let conduit: FaultConduit | undefined;
  let sockets = 0;
  const rejections = trackUnhandledRejections();

  beforeEach(async () => {
    sockets = activeCount('TCPSocketWrap');
    server = await ReplayServer.start();
    conduit = await start(server);
  });

  afterEach(async () => {
    await conduit?.close();
    await server?.close();
    expect(await settledSocketCount(sockets)).toBeLessThanOrEqual(sockets);
  });

  afterAll(() => {
    rejections.stop();
    expect(rejections.seen).toEqual([]);
  });

  return {
    get server(): ReplayServer {
      if (server === undefined) throw new Error('fault suite server used outside a test');
      return server;
    },
    get conduit(): FaultConduit {
      if (conduit === undefined) throw new Error('fault suite conduit used outside a test');
      return conduit;
    },
  };
}
