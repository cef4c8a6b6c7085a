import fs from 'node:fs';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';

const AXE = fs.readFileSync(path.resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core in `frame` and returns `screen: rule (targets)` for each serious or critical
 * violation (every violation with `all`). An empty array is the passing answer.
 */
export async function axeViolations(frame: Frame | Page, screen: string, options: { all?: boolean } = {}): Promise<string[]> {
  await frame.evaluate(AXE);
  const found = (await frame.evaluate(() =>
    (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: unknown[] }> } }).axe
      .run(document, { resultTypes: ['violations'] })
      .then((r) => r.violations),
  )) as Violation[];
  return found
    .filter((v) => options.all || v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${screen}: ${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
