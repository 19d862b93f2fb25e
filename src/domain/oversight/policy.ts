import type { ReviewRating } from './review-form.ts';

/** Who receives an urgent referral when a reviewer thinks a victim is at risk now. */
export type ReferralRecipient = 'stalking_coordination_unit' | 'force_stalking_lead';

/** Force policy for oversight work. */
export interface OversightPolicy {
  /** Ratings that must be explained with a comment. */
  commentRequiredFor: readonly ReviewRating[];
  urgentReferral: {
    recipients: readonly ReferralRecipient[];
    /** Hours the force has to act on and answer an urgent referral. */
    responseHours: number;
  };
}

/**
 * West Yorkshire defaults. The 24-hour response time is this product's reading of
 * "immediate action" (DOMAIN.md §13; reference 002 Annex A asks for an update as
 * soon as possible); forces may set their own.
 */
export const westYorkshireOversightPolicy: OversightPolicy = {
  commentRequiredFor: ['not_met'],
  urgentReferral: {
    recipients: ['stalking_coordination_unit', 'force_stalking_lead'],
    responseHours: 24,
  },
};
