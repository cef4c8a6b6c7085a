import { inputInvalid } from '../errors.ts';

/** Shortest accepted password. @default 12 */
export const MIN_PASSWORD_LENGTH = 12;
/** Longest accepted password (bounds hashing work per request). @default 256 */
export const MAX_PASSWORD_LENGTH = 256;

/** Checks a new password's length; the message says what is expected. */
export function checkNewPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw inputInvalid(`The password must have at least ${MIN_PASSWORD_LENGTH} characters.`);
  if (password.length > MAX_PASSWORD_LENGTH) throw inputInvalid(`The password must have at most ${MAX_PASSWORD_LENGTH} characters.`);
}

/** argon2, loaded by the first password hashed or checked: an API that nobody signs in to does not hold it (~4 MB). */
const argon2 = () => import('@node-rs/argon2');

/** argon2id with the library's defaults (OWASP's m=19 MiB, t=2, p=1), as a PHC string. */
export async function hashPassword(password: string): Promise<string> {
  return (await argon2()).hash(password);
}

/** A hash of nothing anyone knows: verified against when the email is unknown, so both cases cost the same. */
let decoy: Promise<string> | undefined;

/** Verifies `password` against a stored hash, or spends the same time on the decoy when there is none. */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH) return false;
  const { verify } = await argon2();
  if (stored === null) {
    decoy ??= hashPassword(crypto.randomUUID());
    await verify(await decoy, password);
    return false;
  }
  return verify(stored, password);
}
