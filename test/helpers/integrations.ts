import { sealCredentials } from '../../server/domain/credentials-crypto.ts';
import type { DomainDeps, StoreDeps } from '../../server/domain/deps.ts';
import { newId } from '../../server/domain/ids.ts';
import { defaultScopeConfigId } from '../../server/domain/integrations.ts';
import type { IntegrationStatus, SetupStatus } from '../../server/store/schema.ts';
import type { TestTenant } from './app.ts';

export interface TestIntegrationOptions {
  environment?: 'development' | 'production';
  credentials?: Record<string, string>;
  status?: IntegrationStatus;
  setupStatus?: SetupStatus;
  tool?: string;
}

/**
 * Creates a Sandbox integration directly in the store (as the connection flow would, without the
 * browser steps), credentials sealed like the flow seals them.
 */
export async function createTestIntegration(deps: StoreDeps, tenant: TestTenant, options: TestIntegrationOptions = {}): Promise<string> {
  const tool = options.tool ?? 'sandbox';
  const id = `${tool}:${newId()}`;
  const environmentId = tenant.environments[options.environment ?? 'development'];
  const sealed = sealCredentials(deps.secret, id, { company_size: '50', seed: '', ...options.credentials });
  const now = deps.clock();
  await deps.db
    .insertInto('integrations')
    .values({
      id,
      environment_id: environmentId,
      tool,
      category: 'HRIS',
      status: options.status ?? 'ACTIVE',
      inactive_reason: options.status === 'INACTIVE' ? 'MANUAL' : null,
      setup_status: options.setupStatus ?? 'FINAL_SYNC_PENDING',
      end_user_email: 'hr@example.com',
      end_user_organization_name: 'Test Org',
      end_user_origin_id: null,
      scope_config_id: defaultScopeConfigId(environmentId),
      remote_environment: null,
      credentials_key_id: sealed.keyId,
      credentials_ciphertext: sealed.ciphertext,
      created_at: now,
      updated_at: now,
      last_api_request_at: now,
      data_expired_at: null,
    })
    .execute();
  return id;
}
