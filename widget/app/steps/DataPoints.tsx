import { StepActions } from '../components/StepActions.tsx';
import { StepTitle } from '../components/StepTitle.tsx';
import { goNext, selectedTool, vendorName } from '../state/flow.ts';
import { useFlow, useFlowApi, useT } from '../state/use-flow.ts';

/**
 * What the integration will read: one scannable line per group with its field count, and every field
 * behind a single disclosure, so Continue is a few Tabs away however many groups a tool has.
 */
export function DataPoints() {
  const flow = useFlowApi();
  const t = useT();
  const tool = useFlow(selectedTool)!;
  const vendor = useFlow(vendorName);
  // The consent step says it first when there is one.
  const relinkFor = useFlow((s) => (s.session?.relink && !s.session.consent_required ? s.session.end_user.organization_name : null));
  const count = (n: number) => (n === 1 ? t('fieldCountOne') : t('fieldCount', { count: n }));
  return (
    <>
      <StepTitle>{t('dataTitle', { tool: tool.label })}</StepTitle>
      {relinkFor && <p class="pb-callout">{t('relinkNotice', { tool: tool.label, organization: relinkFor })}</p>}
      <p class="pb-muted">{t('dataIntro', { vendor })}</p>
      <ul class="pb-summary">
        {tool.data_points.map((group) => (
          <li key={group.model}>
            <span>{group.label}</span>
            <span class="pb-muted">{count(group.fields.length)}</span>
          </li>
        ))}
      </ul>
      <details class="pb-details">
        <summary>{t('dataDetails')}</summary>
        {tool.data_points.map((group) => (
          <section key={group.model}>
            <h2>{group.label}</h2>
            <ul>
              {group.fields.map((f) => (
                <li key={f.id}>{f.label}</li>
              ))}
            </ul>
          </section>
        ))}
      </details>
      <StepActions primary={{ label: t('continue'), onClick: () => goNext(flow) }} />
    </>
  );
}
