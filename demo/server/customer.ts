import type { CustomerView } from '../shared/api-types.ts';

/**
 * The demo's one (fictional) customer account. A real vendor would take these from its signed-in
 * user; they become the link's end user, so Plugboard's integrations show whose HR system it is.
 */
export const DEMO_CUSTOMER: CustomerView & { originId: string } = {
  organizationName: 'Globex Corporation',
  adminName: 'Hank Scorpio',
  adminEmail: 'hank.scorpio@globex.example',
  originId: 'globex',
};
