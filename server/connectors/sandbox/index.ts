import type { Connector } from '../types.ts';
import { sandboxDataSource } from './company/source.ts';
import { sandboxCredentialFields } from './credential-fields.ts';
import { sandboxDataPoints } from './data-points.ts';
import { sandboxInstructions } from './instructions.ts';
import { SANDBOX_ICON_BLACK_URL, SANDBOX_ICON_URL, SANDBOX_LOGO_URL } from './logo.ts';
import { SANDBOX_READ_MODELS } from './read-models.ts';
import { verifySandboxCredentials } from './verify.ts';

/**
 * The built-in Sandbox: a simulated HR system for the development environment (on by default there,
 * never available in production). Its credential form exercises every field kind of the flow.
 */
export const sandboxConnector: Connector = {
  tool: {
    id: 'sandbox',
    label: 'Sandbox',
    categories: ['HRIS'],
    logoUrl: SANDBOX_LOGO_URL,
    iconUrl: SANDBOX_ICON_URL,
    iconBlackUrl: SANDBOX_ICON_BLACK_URL,
    connectionGuideUrl: null,
  },
  availability: { development: { enabledByDefault: true } },
  remoteEnvironments: [],
  credentialFields: sandboxCredentialFields,
  instructions: sandboxInstructions,
  dataPoints: sandboxDataPoints,
  readModels: SANDBOX_READ_MODELS,
  verifyCredentials: verifySandboxCredentials,
  source: sandboxDataSource,
};
