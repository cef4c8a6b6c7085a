import type { FlowTool } from '../../protocol/flow-api.ts';
import { StepActions } from '../components/StepActions.tsx';
import { StepTitle } from '../components/StepTitle.tsx';
import { ToolLogo } from '../components/ToolLogo.tsx';
import { filterTools } from '../state/filter-tools.ts';
import { goNext, selectTool, setQuery, vendorName } from '../state/flow.ts';
import { useFlow, useFlowApi, useT } from '../state/use-flow.ts';

/** One grid of tool tiles (logo over name), each a button that picks its tool. */
function ToolGrid({ tools, chosen, labelledBy }: { tools: readonly FlowTool[]; chosen: string | null; labelledBy?: string }) {
  const flow = useFlowApi();
  return (
    <ul class="pb-tools" aria-labelledby={labelledBy}>
      {tools.map((tool) => (
        <li key={tool.id}>
          <button type="button" class="pb-tool" aria-current={tool.id === chosen || undefined} onClick={() => selectTool(flow, tool.id)}>
            <ToolLogo tool={tool} size={40} />
            <span>{tool.label}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/**
 * Pick the HR tool: a logo grid with the popular tools first under their own heading, live search (a
 * flat list of matches), and "Don't see your tool?" pointing to the vendor when it configured where.
 */
export function ChooseTool() {
  const flow = useFlowApi();
  const t = useT();
  const session = useFlow((s) => s.session)!;
  const query = useFlow((s) => s.query);
  const chosen = useFlow((s) => s.toolId);
  const vendor = useFlow(vendorName);
  const tools = filterTools(session.tools, query);
  const popular = tools.filter((tool) => tool.popular);
  // Headings only help when there is something to tell apart: no search, both kinds present.
  const grouped = !query && popular.length > 0 && popular.length < tools.length;
  return (
    <>
      <StepTitle>{t(`chooseTitle_${session.category}`)}</StepTitle>
      <p class="pb-muted">{t('chooseIntro', { organization: session.end_user.organization_name })}</p>
      <label class="pb-label" for="pb-search">
        {t('searchLabel')}
      </label>
      <input
        id="pb-search"
        class="pb-input"
        type="search"
        value={query}
        placeholder={t('searchPlaceholder')}
        autocomplete="off"
        spellcheck={false}
        aria-controls="pb-tools"
        data-autofocus=""
        onInput={(e) => setQuery(flow, e.currentTarget.value)}
      />
      <p class="pb-sr" role="status">
        {query && (tools.length === 1 ? t('resultCountOne') : t('resultCount', { count: tools.length }))}
      </p>
      {tools.length === 0 ? (
        <p id="pb-tools" class="pb-notice">
          {session.tools.length > 0 ? t('noResults', { query }) : t('noTools')}
        </p>
      ) : grouped ? (
        <div id="pb-tools">
          <h2 id="pb-popular" class="pb-subtitle">
            {t('popularTools')}
          </h2>
          <ToolGrid tools={popular} chosen={chosen} labelledBy="pb-popular" />
          <h2 id="pb-all" class="pb-subtitle">
            {t('allTools')}
          </h2>
          <ToolGrid tools={tools.filter((tool) => !tool.popular)} chosen={chosen} labelledBy="pb-all" />
        </div>
      ) : (
        <div id="pb-tools">
          <ToolGrid tools={tools} chosen={chosen} />
        </div>
      )}
      {session.missing_tool_url && (
        <p class="pb-missing">
          {t('missingTool')}{' '}
          <a class="pb-link" href={session.missing_tool_url} target="_blank" rel="noopener noreferrer">
            {t('missingToolLink', { vendor })}
          </a>
        </p>
      )}
      <StepActions primary={chosen ? { label: t('continue'), onClick: () => goNext(flow) } : undefined} />
    </>
  );
}
