import { type ClientRequest, Agent as HttpAgent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import type { Socket } from 'node:net';

type AnyAgent = HttpAgent | HttpsAgent;

/**
 * Makes an agent's sockets never keep the process alive, in use or idle: an export hanging at a
 * blackholed collector must not hold up the exit of an app that has finished its own work. (Node unrefs
 * idle keep-alive sockets itself, but refs a socket again when it reuses it.) An explicit flush or shutdown
 * keeps the process alive for its own bounded duration instead (see init.ts).
 */
function inBackground<A extends AnyAgent>(agent: A): A {
  type Create = (...args: unknown[]) => Socket | undefined;
  type Reuse = (socket: Socket, request: ClientRequest) => void;
  const create = (agent as unknown as { createConnection: Create }).createConnection;
  const reuse = (agent as unknown as { reuseSocket: Reuse }).reuseSocket;
  Object.assign(agent, {
    createConnection(this: A, ...args: unknown[]) {
      const socket = create.apply(this, args);
      socket?.unref();
      return socket;
    },
    reuseSocket(this: A, socket: Socket, request: ClientRequest) {
      // Node's own bookkeeping first (it refs the socket), then unref'd again.
      reuse.call(this, socket, request);
      socket.unref();
    },
  });
  return agent;
}

/**
 * The `httpAgentOptions` (an agent factory) of signalkit's OTLP exporters: keep-alive agents whose
 * sockets are unref'd.
 */
export function backgroundAgentFactory(): (protocol: string) => AnyAgent {
  return (protocol) =>
    inBackground(
      protocol === 'https:'
        ? // node:https (with tls) costs ~18 ms to load: only an https endpoint pays for it.
          new (process.getBuiltinModule('node:https').Agent)({ keepAlive: true })
        : new HttpAgent({ keepAlive: true }),
    );
}
