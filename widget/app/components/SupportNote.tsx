import { vendorName } from '../state/flow.ts';
import { useFlow, useT } from '../state/use-flow.ts';

/**
 * What the customer can hand to support when something failed: the request's reference (its id in our
 * logs) and the vendor's support contact, each only when there is one.
 */
export function SupportNote() {
  const t = useT();
  const reference = useFlow((s) => s.problem?.reference);
  const vendor = useFlow((s) => s.session?.vendor);
  const name = useFlow(vendorName);
  const contact = vendor && (vendor.support_email || vendor.support_url);
  if (!reference && !contact) return null;
  return (
    <div>
      {contact && (
        <p>
          {t('supportContact', { vendor: name })}{' '}
          {vendor.support_email && <a href={`mailto:${vendor.support_email}`}>{vendor.support_email}</a>}
          {vendor.support_email && vendor.support_url && ' · '}
          {vendor.support_url && (
            <a href={vendor.support_url} target="_blank" rel="noopener noreferrer">
              {vendor.support_url}
            </a>
          )}
        </p>
      )}
      {reference && <p class="pb-muted">{t('supportReference', { reference })}</p>}
    </div>
  );
}
