import { crc32 } from 'node:zlib';
import type { EnvironmentKind } from '../store/schema.ts';
import { randomString, toBase62 } from './ids.ts';

const PREFIX: Record<EnvironmentKind, string> = { production: 'ks_prod_', development: 'ks_dev_' };
const BODY_LENGTH = 32; // 32 base62 characters: about 190 random bits
const CHECKSUM_LENGTH = 6; // CRC32 in base62
const FORMAT = /^ks_(prod|dev)_([0-9A-Za-z]{32})([0-9A-Za-z]{6})$/;

/** Characters of a key shown in listings; reveals about 24 of its random bits. */
export const DISPLAY_PREFIX_LENGTH = 4;

const checksum = (text: string) => toBase62(crc32(text), CHECKSUM_LENGTH);

/** Generates a new plaintext key for an environment: prefix, random body, checksum. */
export function generateApiKey(environment: EnvironmentKind): string {
  const head = PREFIX[environment] + randomString(BODY_LENGTH);
  return head + checksum(head);
}

/**
 * Checks a presented key's shape and checksum without touching the database.
 * Returns the environment its prefix names, or `null` for anything malformed.
 */
export function parseApiKey(key: string): { environment: EnvironmentKind } | null {
  const match = FORMAT.exec(key);
  if (!match) return null;
  const head = key.slice(0, key.length - CHECKSUM_LENGTH);
  if (checksum(head) !== match[3]) return null;
  return { environment: match[1] === 'prod' ? 'production' : 'development' };
}

/** The non-secret start of a key for listings, e.g. `ks_dev_Ab12…`. */
export function displayPrefix(key: string): string {
  const environmentPrefix = key.startsWith(PREFIX.production) ? PREFIX.production : PREFIX.development;
  return key.slice(0, environmentPrefix.length + DISPLAY_PREFIX_LENGTH);
}
