import { describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.ts';
import { westYorkshireOversightPolicy } from './policy.ts';
import { INSPECTION_CRITERIA, PANEL_QUESTIONS, standardReviewForm } from './review-form.ts';
import type { ReviewRating } from './review-form.ts';
import { summariseReviews, urgentReferralFor, validateReview } from './reviews.ts';
import type { CaseReview, ReviewProblemCode } from './reviews.ts';

function completeReview(rating: ReviewRating = 'met', overrides: Partial<CaseReview> = {}): CaseReview {
  return {
    sampleCaseId: 'sample-case-1',
    reviewerId: 'panel-member-7',
    answers: standardReviewForm.questions.map((q) => ({
      questionId: q.id,
      rating,
      ...(rating === 'not_met' ? { comment: 'No record of this.' } : {}),
    })),
    victimAtRiskNow: false,
    ...overrides,
  };
}

describe('the review form', () => {
  it("holds the panel's six questions and the ten inspection criteria, with unique ids", () => {
    expect(PANEL_QUESTIONS).toHaveLength(6);
    expect(INSPECTION_CRITERIA).toHaveLength(10);
    const ids = standardReviewForm.questions.map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('validateReview', () => {
  it('accepts a review with every question rated', () => {
    expect(validateReview(completeReview())).toEqual({ ok: true, review: completeReview() });
  });

  it('accepts "not met" ratings that are explained', () => {
    expect(validateReview(completeReview('not_met')).ok).toBe(true);
  });

  const [first, second] = standardReviewForm.questions;
  it.each<[string, (r: CaseReview) => CaseReview, ReviewProblemCode, string]>([
    [
      'a question left unrated',
      (r) => ({ ...r, answers: r.answers.slice(1) }),
      'missing-rating',
      `Rate "${first?.title}".`,
    ],
    [
      '"not met" without a comment',
      (r) => ({ ...r, answers: r.answers.map((a, i) => (i === 1 ? { questionId: a.questionId, rating: 'not_met' as const, comment: '  ' } : a)) }),
      'comment-required',
      `Explain why "${second?.title}" is rated not met.`,
    ],
    [
      'the same question answered twice',
      (r) => ({ ...r, answers: [...r.answers, { questionId: first?.id ?? '', rating: 'met' as const }] }),
      'duplicate-answer',
      `"${first?.title}" has been answered more than once.`,
    ],
    [
      'an answer to a question not on the form',
      (r) => ({ ...r, answers: [...r.answers, { questionId: 'made-up', rating: 'met' as const }] }),
      'unknown-question',
      '"made-up" is not a question on this form.',
    ],
    [
      'victim at risk now without saying why',
      (r) => ({ ...r, victimAtRiskNow: true }),
      'risk-concern-required',
      'Describe why you think the victim may be at risk now, so the force knows what to act on.',
    ],
  ])('refuses %s', (_name, change, code, message) => {
    const result = validateReview(change(completeReview()));
    expect(result).toEqual({ ok: false, problems: [expect.objectContaining({ code, message })] });
  });

  it('refuses a rating that is not on the scale', () => {
    const review = completeReview();
    const bad = { ...review, answers: [{ questionId: first?.id, rating: 'good' }, ...review.answers.slice(1)] };
    const result = validateReview(bad);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.message).toContain('Choose met, partly met, not met or not applicable');
  });

  it('follows the force policy on which ratings need a comment', () => {
    const policy = { ...westYorkshireOversightPolicy, commentRequiredFor: ['not_met', 'partly_met'] as const };
    const result = validateReview(completeReview('partly_met'), standardReviewForm, policy);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toHaveLength(standardReviewForm.questions.length);
  });
});

describe('summariseReviews', () => {
  const questionId = PANEL_QUESTIONS[2]?.id ?? '';
  const withRating = (rating: ReviewRating, atRisk = false): CaseReview => {
    const review = completeReview('met', atRisk ? { victimAtRiskNow: true, riskConcern: 'Suspect released today' } : {});
    return {
      ...review,
      answers: review.answers.map((a) => (a.questionId === questionId ? { questionId, rating, comment: 'x' } : a)),
    };
  };
  const reviews = [
    withRating('met'),
    withRating('met'),
    withRating('partly_met'),
    withRating('not_met', true),
    withRating('not_applicable'),
    withRating('met'),
    withRating('not_met'),
    withRating('met'),
  ];
  const summary = summariseReviews(reviews);

  it('counts ratings per question with percentages', () => {
    const risk = summary.questions.find((q) => q.questionId === questionId);
    expect(risk).toEqual({
      questionId,
      title: 'Risk assessment',
      section: 'panel',
      total: 8,
      counts: { met: 4, partly_met: 1, not_met: 2, not_applicable: 1 },
      percentages: { met: 50, partly_met: 12.5, not_met: 25, not_applicable: 12.5 },
      metOfApplicable: 57.1,
    });
  });

  it('counts reviews and escalations', () => {
    expect(summary.reviewCount).toBe(8);
    expect(summary.victimAtRiskCount).toBe(1);
    expect(summary.questions).toHaveLength(16);
  });

  it('handles no reviews and questions where nothing applied', () => {
    const empty = summariseReviews([]);
    expect(empty.questions[0]).toMatchObject({ total: 0, metOfApplicable: null, percentages: { met: 0 } });
    const allNa = summariseReviews([completeReview('not_applicable')]);
    expect(allNa.questions[0]?.metOfApplicable).toBeNull();
  });
});

describe('urgent referral when the victim may be at risk now (002 Annex A)', () => {
  const clock = fixedClock('2025-09-10T14:00:00Z');

  it('sends the case back to the SCU and the force lead with a 24-hour deadline', () => {
    const review = completeReview('met', { victimAtRiskNow: true, riskConcern: ' Suspect moved back to the same street. ' });
    expect(urgentReferralFor(review, clock)).toEqual({
      code: 'victim-at-risk-now',
      sampleCaseId: 'sample-case-1',
      raisedBy: 'panel-member-7',
      raisedAt: new Date('2025-09-10T14:00:00Z'),
      dueBy: new Date('2025-09-11T14:00:00Z'),
      recipients: ['stalking_coordination_unit', 'force_stalking_lead'],
      concern: 'Suspect moved back to the same street.',
      message:
        'A scrutiny panel reviewer believes the victim in this case may be at risk now. Review the case at once and record the action taken within 24 hours.',
    });
  });

  it('uses the force policy deadline', () => {
    const policy = { ...westYorkshireOversightPolicy, urgentReferral: { recipients: ['force_stalking_lead'] as const, responseHours: 4 } };
    const referral = urgentReferralFor(completeReview('met', { victimAtRiskNow: true, riskConcern: 'x' }), clock, policy);
    expect(referral?.dueBy).toEqual(new Date('2025-09-10T18:00:00Z'));
    expect(referral?.recipients).toEqual(['force_stalking_lead']);
  });

  it('produces nothing when the flag is not set', () => {
    expect(urgentReferralFor(completeReview(), clock)).toBeNull();
  });
});
