import { StepActions } from '../components/StepActions.tsx';
import { StepTitle } from '../components/StepTitle.tsx';
import { ToolLogo } from '../components/ToolLogo.tsx';
import { filterTools } from '../state/filter-tools.ts';
import { goNext, selectTool, setQuery } from '../state/flow.ts';
import { useFlow, useFlowApi, useT } from '../state/use-flow.ts';

/** Pick the HR tool: the link's category, live search, one button per tool. */
export function ChooseTool() {
  const flow = useFlowApi();
  const t = useT();
  const session = useFlow((s) => s.session)!;
  const query = useFlow((s) => s.query);
  const chosen = useFlow((s) => s.toolId);
  const tools = filterTools(session.tools, query);
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
      {tools.length > 0 ? (
        <ul id="pb-tools" class="pb-tools">
          {tools.map((tool) => (
            <li key={tool.id}>
              <button type="button" class="pb-tool" aria-current={tool.id === chosen || undefined} onClick={() => selectTool(flow, tool.id)}>
                <ToolLogo tool={tool} />
                <span>{tool.label}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p id="pb-tools" class="pb-notice">
          {session.tools.length > 0 ? t('noResults', { query }) : t('noTools')}
        </p>
      )}
      <StepActions primary={chosen ? { label: t('continue'), onClick: () => goNext(flow) } : undefined} />
    </>
  );
}
