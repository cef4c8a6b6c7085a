import type { Db } from '../store/db.ts';
import { findInstanceSetting, upsertInstanceSetting } from '../store/queries/instance-settings.ts';

const KEY = 'public_url';

/** Records the public URL a starting server serves links, the loader and the flow from. */
export async function recordPublicUrl(db: Db, publicUrl: string, at: Date = new Date()): Promise<void> {
  await upsertInstanceSetting(db, KEY, publicUrl, at);
}

/**
 * The public URL the CLI prints links with: `PUBLIC_URL` when the CLI was given it, else the one the
 * server last started with (recorded in the store), else the CLI's own default.
 */
export async function publicUrlForLinks(db: Db, config: { publicUrl: string; publicUrlFromEnv: boolean }): Promise<string> {
  if (config.publicUrlFromEnv) return config.publicUrl;
  return (await findInstanceSetting(db, KEY)) ?? config.publicUrl;
}
