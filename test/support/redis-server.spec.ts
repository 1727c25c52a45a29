import { startRedisServer } from './redis-server';

describe('startRedisServer', () => {
  it('fails loudly with the install command when redis-server is missing (never skips)', async () => {
    await expect(startRedisServer({ command: 'redis-server-not-installed' })).rejects.toThrow(
      'apt-get update && apt-get install -y redis-server',
    );
  });

  it('starts a server that answers, and stops it', async () => {
    const server = await startRedisServer();
    const { createConnection } = await import('node:net');
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = createConnection(server.port, '127.0.0.1', () => socket.write('PING\r\n'));
      socket.once('data', (data) => {
        resolve(data.toString());
        socket.end();
      });
      socket.once('error', reject);
    });
    expect(reply).toBe('+PONG\r\n');
    await server.stop();
    // Stopped means the port no longer accepts connections, not only that stop() resolved.
    const afterStop = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
      const socket = createConnection(server.port, '127.0.0.1', () => {
        socket.destroy();
        resolve(undefined);
      });
      socket.once('error', resolve);
    });
    expect(afterStop?.code).toBe('ECONNREFUSED');
  });
});
