import { useState } from 'preact/hooks';
import type { FlowTool } from '../../protocol/flow-api.ts';

/** A tool's icon, or its initial when the image cannot load. Decorative: the tool's name is always next to it. */
export function ToolLogo({ tool, size = 32 }: { tool: Pick<FlowTool, 'label' | 'icon_url'>; size?: number }) {
  const [broken, setBroken] = useState(false);
  if (broken || !tool.icon_url) {
    return (
      <span class="pb-logo pb-logo-fallback" style={{ width: size, height: size }} aria-hidden="true">
        {tool.label.slice(0, 1).toUpperCase()}
      </span>
    );
  }
  return <img class="pb-logo" src={tool.icon_url} alt="" width={size} height={size} onError={() => setBroken(true)} />;
}
