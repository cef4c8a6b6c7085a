import type { Db } from '../store/db.ts';
import type { EnvironmentKind } from '../store/schema.ts';
import { AppError } from './errors.ts';
import { newId } from './ids.ts';

export interface Environment {
  id: string;
  tenantId: string;
  kind: EnvironmentKind;
}

export const DEFAULT_TENANT_SLUG = 'default';

/** Creates a tenant with its two environments (production and development) in one transaction. */
export async function createTenant(db: Db, slug: string, name: string): Promise<{ id: string }> {
  return db.transaction().execute(async (trx) => {
    const id = newId();
    await trx.insertInto('tenants').values({ id, slug, name }).execute();
    await trx
      .insertInto('environments')
      .values([
        { id: newId(), tenant_id: id, kind: 'production' },
        { id: newId(), tenant_id: id, kind: 'development' },
      ])
      .execute();
    return { id };
  });
}

/** Returns the default tenant, creating it (and its environments) on first start. Safe to race. */
export async function ensureDefaultTenant(db: Db): Promise<{ id: string }> {
  const existing = await db.selectFrom('tenants').select('id').where('slug', '=', DEFAULT_TENANT_SLUG).executeTakeFirst();
  if (existing) return existing;
  try {
    return await createTenant(db, DEFAULT_TENANT_SLUG, 'Default');
  } catch (err) {
    // Another process created it between our read and insert.
    const again = await db.selectFrom('tenants').select('id').where('slug', '=', DEFAULT_TENANT_SLUG).executeTakeFirst();
    if (again) return again;
    throw err;
  }
}

/** Finds a tenant's environment of one kind. */
export async function getEnvironment(db: Db, tenantId: string, kind: EnvironmentKind): Promise<Environment> {
  const row = await db
    .selectFrom('environments')
    .select(['id', 'tenant_id', 'kind'])
    .where('tenant_id', '=', tenantId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  if (!row) throw new AppError('PLATFORM.INPUT_INVALID', `Tenant ${tenantId} has no ${kind} environment.`);
  return { id: row.id, tenantId: row.tenant_id, kind: row.kind };
}

/** Finds a tenant by slug or ID. */
export async function findTenant(db: Db, slugOrId: string): Promise<{ id: string; slug: string; name: string } | undefined> {
  return db
    .selectFrom('tenants')
    .select(['id', 'slug', 'name'])
    .where((eb) => eb.or([eb('slug', '=', slugOrId), eb('id', '=', slugOrId)]))
    .executeTakeFirst();
}
