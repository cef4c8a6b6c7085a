import type { CreatedLink } from '../../domain/links.ts';

/** The `{link}` data of create-link and relink: the flow page on the public origin, carrying the token. */
export function toApiLink(publicUrl: string, link: CreatedLink) {
  return { link: `${publicUrl}/flow?token=${link.token}` };
}
