import type { Config } from '../server/config.ts';
import type { Launched } from './launch.ts';

const bold = (s: string, color: boolean) => (color ? `\x1b[1m${s}\x1b[22m` : s);
const cyan = (s: string, color: boolean) => (color ? `\x1b[36m${s}\x1b[39m` : s);

/** The short text `npm start` prints once both servers listen: where to go and what to do next. */
export function banner(config: Config, launched: Launched, color = false, firstAdminLink: string | null = null): string {
  const plugboard = launched.server.deps.config.publicUrl;
  // The console manages keys while the server runs; the CLI needs the store to itself on the embedded store.
  const keys = `in the console, ${plugboard}/dashboard/api-keys (or: npm run cli -- api-keys create --environment development${config.databaseUrl ? '' : ', with the server stopped'})`;
  const rows: [string, string][] = [
    ['Demo app', `${cyan(launched.demo.url, color)}   open it and click "Connect your HR system"`],
    ['Plugboard', `${plugboard}   API at /v1, loader at /connect.js`],
    ['Data', config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `${config.dataDir} (embedded PostgreSQL)`],
    ['API keys', keys],
    ...(firstAdminLink ? [['First admin', `no console user yet: open ${cyan(firstAdminLink, color)}`] as [string, string]] : []),
    ['Stop', 'Ctrl-C'],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return ['', `  ${bold('Plugboard is running', color)}`, '', ...rows.map(([k, v]) => `  ${k.padEnd(width)}   ${v}`), ''].join('\n');
}
