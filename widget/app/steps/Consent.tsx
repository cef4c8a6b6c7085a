import { Fragment } from 'preact';
import { StepActions } from '../components/StepActions.tsx';
import { StepTitle } from '../components/StepTitle.tsx';
import { goNext, selectedTool, vendorName } from '../state/flow.ts';
import { useFlow, useFlowApi, useT } from '../state/use-flow.ts';

/**
 * Before anything else: who asks for what, why, and how it is protected, with the vendor's privacy
 * policy. Continuing is the customer's agreement; closing leaves nothing behind.
 */
export function Consent() {
  const flow = useFlowApi();
  const t = useT();
  const session = useFlow((s) => s.session)!;
  const vendor = useFlow(vendorName);
  const named = session.vendor.name !== null;
  const tool = useFlow(selectedTool);
  const organization = session.end_user.organization_name;
  return (
    <>
      <StepTitle>{named ? t('consentTitle', { vendor }) : t('consentTitleAnonymous')}</StepTitle>
      <p class="pb-muted">{t('consentIntro', { organization })}</p>
      {session.relink && tool && <p class="pb-callout">{t('relinkNotice', { tool: tool.label, organization })}</p>}
      <dl class="pb-consent">
        {(['What', 'Why', 'How'] as const).map((part) => (
          <Fragment key={part}>
            <dt>{t(`consent${part}Title`)}</dt>
            <dd>{t(`consent${part}`, { vendor })}</dd>
          </Fragment>
        ))}
      </dl>
      {session.vendor.privacy_policy_url && (
        <p>
          <a href={session.vendor.privacy_policy_url} target="_blank" rel="noopener noreferrer">
            {t('consentPrivacy', { vendor })}
          </a>
        </p>
      )}
      <StepActions primary={{ label: t('consentAccept'), onClick: () => goNext(flow) }} />
    </>
  );
}
