import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { backgroundAgentFactory } from './backgroundAgent.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  server = undefined;
});

function hasRef(socket: Socket): boolean {
  return (socket as unknown as { _handle?: { hasRef(): boolean } })._handle?.hasRef() === true;
}

describe('backgroundAgentFactory', () => {
  it('keeps connections alive and reuses them, with sockets that never hold the process', async () => {
    server = createServer((req, res) => req.resume().on('end', () => res.end('ok')));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const agent = await backgroundAgentFactory()('http:');
    const sockets: { socket: Socket; refd: boolean; reused: boolean }[] = [];
    const { request } = await import('node:http');
    for (let i = 0; i < 3; i++) {
      await new Promise<void>((resolve, reject) => {
        const req = request({ port, host: '127.0.0.1', method: 'POST', agent }, (res) => {
          res.resume().on('end', resolve);
        });
        req.on('socket', (socket: Socket) => {
          // Looked at once the agent is done attaching the socket (Node refs a reused one).
          setImmediate(() => sockets.push({ socket, refd: hasRef(socket), reused: req.reusedSocket }));
        });
        req.on('error', reject);
        req.end('x');
      });
    }
    expect(sockets.map((s) => s.reused)).toEqual([false, true, true]);
    expect(new Set(sockets.map((s) => s.socket)).size).toBe(1);
    expect(sockets.map((s) => s.refd)).toEqual([false, false, false]);
    agent.destroy();
  });
});
