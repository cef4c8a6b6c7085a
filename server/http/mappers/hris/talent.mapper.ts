import type { Prepared, RecordLookup } from '../../../domain/sync/prepare.ts';
import { NO_INTEGRATION_FIELDS } from './common.ts';

export const mapReviewCycle = (p: Prepared<'performance_review_cycles'>) => ({
  id: p.id, remote_id: p.remoteId, name: p.rec.name, review_period_start_date: p.rec.reviewPeriodStartDate, remote_data: null,
});

const person = (lookup: RecordLookup, remoteId: string | null) => {
  const e = lookup.get('employees', remoteId);
  if (!e) return null;
  return { id: e.id, remote_id: e.remoteId, first_name: e.rec.firstName, last_name: e.rec.lastName, display_full_name: e.rec.displayFullName,
    work_email: e.rec.workEmail, remote_deleted_at: null };
};

export const mapReview = (p: Prepared<'performance_reviews'>, lookup: RecordLookup) => {
  const r = p.rec;
  const cycle = lookup.get('performance_review_cycles', r.reviewCycleRemoteId);
  const rating = r.summaryRating;
  return {
    id: p.id, remote_id: p.remoteId, type: r.type, summary_comment: r.summaryComment,
    summary_rating: rating === null ? null : rating.type === 'NUMERIC'
      ? { type: 'NUMERIC', min: rating.min, max: rating.max, value: rating.value }
      : { type: 'SINGLE_SELECT', ordered_options: rating.orderedOptions, value: rating.value },
    remote_data: null,
    // The reviewee is required by the spec; a review of someone no longer present keeps a minimal one.
    reviewee: person(lookup, r.revieweeRemoteId) ?? { id: lookup.idOf('employees', r.revieweeRemoteId)!, remote_id: r.revieweeRemoteId,
      first_name: null, last_name: null, display_full_name: null, remote_deleted_at: null },
    reviewer: person(lookup, r.reviewerRemoteId),
    review_cycle: cycle ? { ...mapReviewCycle(cycle), changed_at: cycle.changedAt, remote_deleted_at: null } : null,
  };
};

export const mapSkill = (p: Prepared<'skills'>) => ({
  id: p.id, remote_id: p.remoteId, name: p.rec.name, description: p.rec.description, ordered_levels: p.rec.orderedLevels, remote_data: null,
});

export const mapSkillAssignment = (p: Prepared<'employee_skill_assignments'>, lookup: RecordLookup) => ({
  id: p.id, employee_id: lookup.idOf('employees', p.rec.employeeRemoteId)!, skill_id: lookup.idOf('skills', p.rec.skillRemoteId)!,
  current_level: p.rec.currentLevel,
});

export const mapStaffingEntity = (p: Prepared<'staffing_entities'>, lookup: RecordLookup) => {
  const s = p.rec;
  return {
    id: p.id, remote_id: p.remoteId, name: s.name, model_type: s.modelType, description: s.description, status: s.status,
    employment_types: s.employmentTypes?.map((t) => ({ remote_label: t.remoteLabel, unified_type: t.unifiedType })) ?? null,
    number_of_openings: s.numberOfOpenings, parent_id: lookup.idOf('staffing_entities', s.parentRemoteId), remote_url: s.remoteUrl,
    remote_created_at: s.remoteCreatedAt, remote_updated_at: s.remoteUpdatedAt, custom_fields: s.customFields,
    integration_fields: NO_INTEGRATION_FIELDS, remote_data: null,
    locations: s.locationRemoteIds.flatMap((r) => {
      const l = lookup.get('locations', r);
      return l ? [{ id: l.id, remote_id: l.remoteId, name: l.rec.name, type: l.rec.type }] : [];
    }),
    legal_entities: s.legalEntityRemoteIds.flatMap((r) => {
      const l = lookup.get('legal_entities', r);
      return l ? [{ id: l.id, remote_id: l.remoteId, name: l.rec.name }] : [];
    }),
    groups: s.groupRemoteIds.flatMap((r) => {
      const g = lookup.get('groups', r);
      return g ? [{ id: g.id, remote_id: g.remoteId, name: g.rec.name, type: g.rec.type }] : [];
    }),
  };
};
