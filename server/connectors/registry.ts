import { bamboohrConnector } from './bamboohr/index.ts';
import { factorialConnector } from './factorial/index.ts';
import { hibobConnector } from './hibob/index.ts';
import { personioConnector } from './personio/index.ts';
import { sandboxConnector } from './sandbox/index.ts';
import type { Connector } from './types.ts';

/** The tools a process can connect, built once by the composition root and injected as `deps.connectors`. */
export interface ConnectorRegistry {
  /** The connector of a tool ID, or undefined when this process has none. */
  get(toolId: string): Connector | undefined;
  /** All connectors, in catalogue order. */
  list(): readonly Connector[];
}

/** The connectors Plugboard ships, in catalogue order. Real connectors are added here. */
export const DEFAULT_CONNECTORS: readonly Connector[] = [sandboxConnector, bamboohrConnector, personioConnector, hibobConnector, factorialConnector];

/**
 * A registry over `connectors` (a test passes its own fake tool here, no code edited).
 * @default DEFAULT_CONNECTORS (the Sandbox)
 */
export function createConnectorRegistry(connectors: readonly Connector[] = DEFAULT_CONNECTORS): ConnectorRegistry {
  const list = [...connectors];
  const byId = new Map(list.map((c) => [c.tool.id, c]));
  if (byId.size !== list.length) throw new Error('Two connectors share one tool ID.');
  return { get: (toolId) => byId.get(toolId), list: () => list };
}
