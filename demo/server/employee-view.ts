import type { EmployeeView, IntegrationView } from '../shared/api-types.ts';
import type { ApiEmployee, ApiIntegrationDetails } from './plugboard-client.ts';

const day = (d: Date | null): string | null => (d ? d.toISOString().slice(0, 10) : null);

const fullName = (p: { display_full_name: string | null; first_name: string | null; last_name: string | null }): string | null =>
  p.display_full_name ?? ([p.first_name, p.last_name].filter(Boolean).join(' ') || null);

/**
 * The fields the people table shows. The page never receives more than this (no SSNs, bank accounts
 * or addresses): a vendor forwards to its browser only what its UI needs.
 */
export function toEmployeeView(e: ApiEmployee): EmployeeView {
  // The latest employment carries the current pay; employments may come in any order.
  const latest = [...e.employments].sort((a, b) => (b.effective_date?.getTime() ?? 0) - (a.effective_date?.getTime() ?? 0))[0];
  return {
    id: e.id,
    name: fullName(e) ?? e.work_email ?? e.remote_id,
    email: e.work_email ?? null,
    jobTitle: e.job_title,
    groups: e.groups.filter((g) => g.type !== 'COST_CENTER').map((g) => g.name ?? '').filter(Boolean),
    employmentStatus: e.employment_status ?? null,
    employmentType: e.employment_type ?? latest?.employment_type ?? null,
    weeklyHours: e.weekly_hours,
    startDate: day(e.start_date),
    terminationDate: day(e.termination_date),
    location: e.work_location?.name ?? null,
    legalEntity: e.legal_entity?.name ?? null,
    manager: e.manager ? fullName(e.manager) : null,
    pay: latest?.pay_rate != null ? { amount: latest.pay_rate, currency: latest.pay_currency, period: latest.pay_period ?? null } : null,
  };
}

/** The integration card: identity, status and what it reads. */
export function toIntegrationView(d: ApiIntegrationDetails): IntegrationView {
  return {
    id: d.id,
    tool: { id: d.tool.id, label: d.tool.label, iconUrl: d.tool.icon_url },
    organizationName: d.end_user.organization_name,
    status: d.status,
    setupStatus: d.setup_status,
    createdAt: d.created_at.toISOString(),
    readModels: d.read_models.filter((m) => m.is_available).map((m) => m.label),
  };
}
