import type { FlowLanguage } from '../../protocol/flow-api.ts';
import { isLanguage } from '../i18n/i18n.ts';

/** How the flow looks, from the loader's `theme` option. */
export interface LaunchTheme {
  /** A validated CSS hex colour, or null for the default. */
  primaryColor: string | null;
  colorScheme: 'light' | 'dark' | 'system';
}

/** Everything the page learns from its own URL. */
export interface Launch {
  /** The link token (`?token=`), or null when the page was opened without one. */
  token: string | null;
  /** The host origin our loader claims (validated as an http(s) origin), or null. */
  claimedOrigin: string | null;
  /** The loader's `language` option: the flow's language when the link names none. */
  language: FlowLanguage | null;
  theme: LaunchTheme;
  /** Rendered inside a host container rather than as a full-screen modal. */
  inline: boolean;
}

const HEX_COLOUR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;
const SCHEMES = ['light', 'dark', 'system'] as const;

/** True for a serialised http(s) origin such as `https://app.example.com` (no path, no trailing slash). */
export function isHttpOrigin(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}

function parseFrameOptions(hash: string): unknown[] {
  try {
    const parsed: unknown = JSON.parse(decodeURIComponent(hash.replace(/^#/, '')));
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

/**
 * Reads the page URL: `?token=` from the link, and the loader's options from the fragment (a JSON array
 * `[origin, language, theme, inline]`, see widget/loader/connect.ts `FrameOptions`). Anything malformed
 * is ignored, never trusted: the origin is only a claim the bridge checks against what the browser says.
 */
export function readLaunch(location: Pick<Location, 'search' | 'hash'>): Launch {
  const token = new URLSearchParams(location.search).get('token');
  const [origin, language, theme, inline] = parseFrameOptions(location.hash);
  const t = (theme && typeof theme === 'object' ? theme : {}) as Record<string, unknown>;
  return {
    token: token || null,
    claimedOrigin: isHttpOrigin(origin) ? origin : null,
    language: isLanguage(language) ? language : null,
    theme: {
      primaryColor: typeof t.primaryColor === 'string' && HEX_COLOUR.test(t.primaryColor) ? t.primaryColor : null,
      colorScheme: SCHEMES.find((s) => s === t.colorScheme) ?? 'system',
    },
    inline: inline === true,
  };
}
