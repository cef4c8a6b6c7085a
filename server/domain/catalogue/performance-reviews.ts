import type { RecordLookup } from '../sync/prepare.ts';
import { declareModel } from './model-declaration.ts';
import { apiRemoteData } from './wire-common.ts';
import { nestedReviewCycle } from './performance-review-cycles.ts';

const person = (lookup: RecordLookup, remoteId: string | null) => {
  const e = lookup.get('employees', remoteId);
  if (!e) return null;
  return { id: e.id, remote_id: e.remoteId, first_name: e.rec.firstName, last_name: e.rec.lastName, display_full_name: e.rec.displayFullName,
    work_email: e.rec.workEmail, remote_deleted_at: null };
};

export const performanceReviews = declareModel({
  key: 'performance_reviews',
  readModel: { id: 'hris_performance_reviews', label: 'Performance reviews' },
  timestamps: true,
  relationFields: [],
  relations: [
    { kind: 'one', model: 'performance_review_cycles', ref: (r) => r.reviewCycleRemoteId, field: 'reviewCycleRemoteId' },
    { kind: 'one', model: 'employees', ref: (r) => r.revieweeRemoteId, field: 'revieweeRemoteId' },
    { kind: 'one', model: 'employees', ref: (r) => r.reviewerRemoteId, field: 'reviewerRemoteId' },
  ],
  attributes: (p, lookup) => ({ type: p.rec.type, review_cycle_id: lookup.idOf('performance_review_cycles', p.rec.reviewCycleRemoteId),
    reviewee_id: lookup.idOf('employees', p.rec.revieweeRemoteId) }),
  lookupFields: ['revieweeRemoteId', 'reviewerRemoteId'],
  endpoints: [
    {
      path: 'performance-reviews',
      filters: [
        { param: 'types', kind: 'enums', attr: 'type', values: ['MANAGER', 'DIRECT_REPORT', 'PEER', 'SELF'] },
        { param: 'review_cycle_ids', kind: 'ids', attr: 'review_cycle_id' },
        { param: 'reviewee_ids', kind: 'ids', attr: 'reviewee_id' },
      ],
    },
  ],
  toWire: (p, lookup) => {
    const r = p.rec;
    const cycle = lookup.get('performance_review_cycles', r.reviewCycleRemoteId);
    const rating = r.summaryRating;
    return {
      id: p.id, remote_id: p.remoteId, type: r.type, summary_comment: r.summaryComment,
      summary_rating: rating === null ? null : rating.type === 'NUMERIC'
        ? { type: 'NUMERIC', min: rating.min, max: rating.max, value: rating.value }
        : { type: 'SINGLE_SELECT', ordered_options: rating.orderedOptions, value: rating.value },
      remote_data: apiRemoteData(p.rec),
      // The reviewee is required by the spec; a review of someone no longer present keeps a minimal one.
      reviewee: person(lookup, r.revieweeRemoteId) ?? { id: lookup.idOf('employees', r.revieweeRemoteId)!, remote_id: r.revieweeRemoteId,
        first_name: null, last_name: null, display_full_name: null, remote_deleted_at: null },
      reviewer: person(lookup, r.reviewerRemoteId),
      review_cycle: cycle ? nestedReviewCycle(cycle) : null,
    };
  },
});
