import type { ConnectorRegistry } from '../../connectors/registry.ts';
import { AppError } from '../errors.ts';
import type { IntegrationRecord } from '../integrations.ts';
import { readModelId } from '../catalogue/index.ts';
import type { ModelKey } from './models.ts';

/**
 * Whether an integration's data of `model` can be read yet: setup must be complete (its first sync
 * done) and the tool must cover the model. Otherwise the HRIS error Kombo answers.
 */
export function assertModelReadable(integration: IntegrationRecord, model: ModelKey, connectors: ConnectorRegistry): void {
  if (integration.setupStatus === 'INCOMPLETE') {
    throw new AppError('INTEGRATION.SETUP_INCOMPLETE', `Integration '${integration.id}' has not finished its setup yet.`);
  }
  if (integration.setupStatus === 'FINAL_SYNC_PENDING') {
    throw new AppError('INTEGRATION.SETUP_SYNC_PENDING', `The first sync of integration '${integration.id}' is still running. Try again in a few seconds.`);
  }
  const source = connectors.get(integration.tool)?.source;
  if (!source || !(source.readModels as readonly string[]).includes(readModelId(model))) {
    throw new AppError('INTEGRATION.MODEL_NOT_AVAILABLE', `The ${integration.tool} integration does not provide ${readModelId(model)}.`);
  }
}
