import { io } from 'socket.io-client';
import WebSocket from 'ws';

/** A received gateway message: the event name and its data. */
export interface GatewayMessage {
  readonly event: string;
  readonly data: unknown;
}

/** A real client of the chat gateway, over socket.io or plain WebSocket. */
export interface GatewayClient {
  readonly messages: GatewayMessage[];
  /** Sends `message` to the gateway's `chat` handler (or the one named). */
  chat(message: string, handler?: string): void;
  /** Resolves once a message named `event` has arrived (bounded by the spec's timeout). */
  waitFor(event: string): Promise<GatewayMessage>;
  /** Closes the connection (the browser tab going away). */
  close(): void;
}

/** The event names the chat gateway can send (socket.io needs a listener per name). */
const EVENTS = ['start', 'text-delta', 'usage', 'finish', 'error'];

abstract class BaseClient {
  readonly messages: GatewayMessage[] = [];
  private waiters: { event: string; resolve: (m: GatewayMessage) => void }[] = [];

  protected receive(message: GatewayMessage): void {
    this.messages.push(message);
    this.waiters = this.waiters.filter((w) => {
      if (w.event !== message.event) return true;
      w.resolve(message);
      return false;
    });
  }

  waitFor(event: string): Promise<GatewayMessage> {
    const ready = this.messages.find((m) => m.event === event);
    if (ready !== undefined) return Promise.resolve(ready);
    return new Promise((resolve) => this.waiters.push({ event, resolve }));
  }
}

class SocketIoGatewayClient extends BaseClient implements GatewayClient {
  private constructor(private readonly socket: ReturnType<typeof io>) {
    super();
    for (const event of EVENTS) socket.on(event, (data: unknown) => this.receive({ event, data }));
  }

  static async connect(url: string): Promise<GatewayClient> {
    const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return new SocketIoGatewayClient(socket);
  }

  chat(message: string, handler = 'chat'): void {
    this.socket.emit(handler, message);
  }

  close(): void {
    this.socket.disconnect();
  }
}

class WsGatewayClient extends BaseClient implements GatewayClient {
  private constructor(private readonly socket: WebSocket) {
    super();
    // Text frames: the ws adapter sends JSON.stringify({ event, data }).
    socket.on('message', (raw: Buffer) => {
      const message = JSON.parse(raw.toString('utf8')) as GatewayMessage;
      this.receive(message);
    });
  }

  static async connect(url: string): Promise<GatewayClient> {
    const socket = new WebSocket(url.replace(/^http/, 'ws'));
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new WsGatewayClient(socket);
  }

  chat(message: string, handler = 'chat'): void {
    this.socket.send(JSON.stringify({ event: handler, data: message }));
  }

  close(): void {
    this.socket.terminate();
  }
}

/** Connects a socket.io client to `url`. */
export const connectSocketIo = (url: string): Promise<GatewayClient> =>
  SocketIoGatewayClient.connect(url);

/** Connects a `ws` client to `url`. */
export const connectWs = (url: string): Promise<GatewayClient> => WsGatewayClient.connect(url);
