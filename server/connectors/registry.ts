import { bamboohrConnector } from './bamboohr/index.ts';
import { factorialConnector } from './factorial/index.ts';
import { hibobConnector } from './hibob/index.ts';
import { personioConnector } from './personio/index.ts';
import { sandboxConnector } from './sandbox/index.ts';
import type { Connector } from './types.ts';

/** Every tool Plugboard can connect, in catalogue order. Real connectors are added here. */
const CONNECTORS: readonly Connector[] = [sandboxConnector, bamboohrConnector, personioConnector, hibobConnector, factorialConnector];

const BY_ID = new Map(CONNECTORS.map((c) => [c.tool.id, c]));

/** The connector of a tool ID, or undefined when Plugboard has none. */
export function getConnector(toolId: string): Connector | undefined {
  return BY_ID.get(toolId);
}

/** All connectors, in catalogue order. */
export function listConnectors(): readonly Connector[] {
  return CONNECTORS;
}
