import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDemoApp, type DemoAppOptions } from './demo-app.ts';
import { ownHosts } from './same-origin.ts';

export interface StartDemoOptions extends Omit<DemoAppOptions, 'hosts'> {
  /** @default 3001 */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
}

/** A listening demo app and how to stop it. */
export interface RunningDemo {
  /** e.g. `http://localhost:3001`: `localhost` rather than an IP, so it reads like a real app's URL. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost', '0.0.0.0', '::']);

/** Starts the demo vendor app on its own port (its own origin). */
export async function startDemo(options: StartDemoOptions): Promise<RunningDemo> {
  const host = options.host ?? '127.0.0.1';
  const hosts = new Set<string>();
  const { app } = createDemoApp({ ...options, hosts });
  const server: Server = app.listen(options.port ?? 3001, host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  for (const name of ownHosts(host, port)) hosts.add(name);
  const name = LOOPBACK.has(host) ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${name}:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
