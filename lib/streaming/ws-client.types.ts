/**
 * The WebSocket clients `toWsEvents()` can watch, as Nest hands them to a gateway handler
 * (`@ConnectedSocket()`): a socket.io `Socket` (`@nestjs/platform-socket.io`) or a `ws` WebSocket
 * (`@nestjs/platform-ws`). Described by shape so the library needs neither package.
 */
export type WsClient = SocketIoLikeClient | WebSocketLikeClient;

/** A socket.io `Socket`: `connected` until it emits `disconnect`. */
export interface SocketIoLikeClient {
  readonly connected: boolean;
  /** Called once the client has disconnected. */
  addListener(event: 'disconnect', listener: () => void): unknown;
  /** Detaches the listener when the stream ends first. */
  removeListener(event: 'disconnect', listener: () => void): unknown;
}

/** A `ws` WebSocket: `readyState` 0 (connecting) or 1 (open) until it emits `close`. */
export interface WebSocketLikeClient {
  readonly readyState: number;
  /** Called once the socket has closed. */
  addListener(event: 'close', listener: () => void): unknown;
  /** Detaches the listener when the stream ends first. */
  removeListener(event: 'close', listener: () => void): unknown;
}
