import type { Prepared } from '../sync/prepare.ts';
import { declareModel } from './model-declaration.ts';
import { apiRemoteData } from './wire-common.ts';

const toWire = (p: Prepared<'performance_review_cycles'>) => ({
  id: p.id, remote_id: p.remoteId, name: p.rec.name, review_period_start_date: p.rec.reviewPeriodStartDate, remote_data: apiRemoteData(p.rec),
});

/** A cycle nested in a review: with its own changed_at. */
export const nestedReviewCycle = (p: Prepared<'performance_review_cycles'>) => ({ ...toWire(p), changed_at: p.changedAt, remote_deleted_at: null });

export const performanceReviewCycles = declareModel({
  key: 'performance_review_cycles',
  readModel: { id: 'hris_performance_review_cycles', label: 'Performance review cycles' },
  timestamps: true,
  relationFields: [],
  relations: [],
  attributes: () => ({}),
  endpoints: [{ path: 'performance-review-cycles', filters: [] }],
  toWire,
});
