// @vitest-environment node
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureWidgetBuilt, isWidgetBuilt, widgetSourcesFingerprint } from '../../../server/widget-build.ts';

/** A throwaway tree shaped like the repository's widget sources. */
function sourceTree(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pb-widget-'));
  fs.mkdirSync(path.join(root, 'widget/app'), { recursive: true });
  fs.writeFileSync(path.join(root, 'vite.config.ts'), 'export default {}');
  fs.writeFileSync(path.join(root, 'widget/app/main.tsx'), 'one');
  return root;
}

describe('widgetSourcesFingerprint', () => {
  it('changes when a widget source changes', () => {
    const root = sourceTree();
    const before = widgetSourcesFingerprint(root);
    fs.writeFileSync(path.join(root, 'widget/app/main.tsx'), 'two');
    expect(widgetSourcesFingerprint(root)).not.toBe(before);
  });

  it('stays the same for the same sources', () => {
    const root = sourceTree();
    expect(widgetSourcesFingerprint(root)).toBe(widgetSourcesFingerprint(root));
  });
});

describe('ensureWidgetBuilt', () => {
  it('leaves a complete build of the current sources, and does nothing the second time', async () => {
    await ensureWidgetBuilt();
    expect([isWidgetBuilt(), await ensureWidgetBuilt()]).toStrictEqual([true, false]);
  }, 120_000);
});
