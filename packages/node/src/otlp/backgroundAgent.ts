import { type ClientRequest, Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { Socket } from 'node:net';

type AnyAgent = HttpAgent | HttpsAgent;

/**
 * Makes an agent's sockets never keep the process alive, in use or idle: an export hanging at a
 * blackholed collector must not hold up the exit of an app that has finished its own work. (Node unrefs
 * idle keep-alive sockets itself, but refs a socket again when it reuses it.) An explicit flush or shutdown
 * keeps the process alive for its own bounded duration instead (see init.ts).
 */
function inBackground<A extends AnyAgent>(agent: A): A {
  const create = (agent as unknown as { createConnection: (...args: unknown[]) => Socket | undefined })
    .createConnection;
  Object.assign(agent, {
    createConnection(this: A, ...args: unknown[]) {
      const socket = create.apply(this, args);
      socket?.unref();
      return socket;
    },
    reuseSocket(_socket: Socket, request: ClientRequest) {
      request.reusedSocket = true;
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
      protocol === 'https:' ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true }),
    );
}
