import type { Config } from '../server/config.ts';

/**
 * The sentence `npm start` prints when it cannot start. A busy port names the variable that moves it
 * (`PORT` for Plugboard, `DEMO_PORT` for the demo), since the default ports are often taken.
 */
export function startErrorMessage(err: unknown, config: Pick<Config, 'port' | 'demoPort'>): string {
  const e = err as NodeJS.ErrnoException & { port?: number };
  if (e?.code === 'EADDRINUSE') {
    const [name, port] = e.port === config.demoPort ? ['DEMO_PORT', config.demoPort] : ['PORT', e.port ?? config.port];
    const other = name === 'PORT' ? 'the API, loader and flow' : 'the demo vendor app';
    return `Port ${port} is already in use, so ${other} cannot listen there. Stop whatever uses it, or choose another port: ${name}=${port + 10} npm start`;
  }
  return err instanceof Error ? err.message : String(err);
}
