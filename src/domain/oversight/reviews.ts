/**
 * Panel case reviews: checking a completed review form, summarising many reviews
 * for the findings report, and raising an urgent referral when a reviewer believes
 * the victim may be at risk now (DOMAIN.md §13).
 */
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import { westYorkshireOversightPolicy } from './policy.ts';
import type { OversightPolicy, ReferralRecipient } from './policy.ts';
import { RATING_LABELS, REVIEW_RATINGS, standardReviewForm } from './review-form.ts';
import type { QuestionSection, ReviewForm, ReviewRating } from './review-form.ts';

const answerSchema = z.object({
  questionId: z.string().min(1),
  rating: z.enum(REVIEW_RATINGS, { error: 'Choose met, partly met, not met or not applicable' }),
  comment: z.string().optional(),
});

/** A reviewer's completed form for one sampled case. */
export const caseReviewSchema = z.object({
  /** The sampled case, as referred to in the panel workspace. */
  sampleCaseId: z.string().min(1),
  reviewerId: z.string().min(1),
  answers: z.array(answerSchema),
  /** The reviewer believes the victim may be at risk now. */
  victimAtRiskNow: z.boolean(),
  /** What the reviewer saw that suggests the risk; required when victimAtRiskNow is set. */
  riskConcern: z.string().optional(),
  /** Overall observations on the case. */
  summary: z.string().optional(),
});
export type CaseReview = z.infer<typeof caseReviewSchema>;
export type ReviewAnswer = z.infer<typeof answerSchema>;

export type ReviewProblemCode =
  | 'invalid-review'
  | 'unknown-question'
  | 'duplicate-answer'
  | 'missing-rating'
  | 'comment-required'
  | 'risk-concern-required';

export interface ReviewProblem {
  code: ReviewProblemCode;
  questionId?: string;
  message: string;
}

export type ReviewValidation = { ok: true; review: CaseReview } | { ok: false; problems: ReviewProblem[] };

function isBlank(text: string | undefined): boolean {
  return text === undefined || text.trim().length === 0;
}

/**
 * Checks a review: every question on the form rated exactly once, no unknown
 * questions, a comment wherever the rating needs one (by default "not met"), and a
 * description of the concern when the victim is flagged as at risk now.
 */
export function validateReview(
  input: unknown,
  form: ReviewForm = standardReviewForm,
  policy: OversightPolicy = westYorkshireOversightPolicy,
): ReviewValidation {
  const parsed = caseReviewSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => ({ code: 'invalid-review', message: `${i.path.join('.')}: ${i.message}` })),
    };
  }
  const review = parsed.data;
  const questions = new Map(form.questions.map((q) => [q.id, q]));
  const problems: ReviewProblem[] = [];
  const seen = new Set<string>();

  for (const answer of review.answers) {
    const question = questions.get(answer.questionId);
    if (!question) {
      problems.push({ code: 'unknown-question', questionId: answer.questionId, message: `"${answer.questionId}" is not a question on this form.` });
    } else if (seen.has(answer.questionId)) {
      problems.push({ code: 'duplicate-answer', questionId: question.id, message: `"${question.title}" has been answered more than once.` });
    } else if (policy.commentRequiredFor.includes(answer.rating) && isBlank(answer.comment)) {
      problems.push({
        code: 'comment-required',
        questionId: question.id,
        message: `Explain why "${question.title}" is rated ${RATING_LABELS[answer.rating].toLowerCase()}.`,
      });
    }
    seen.add(answer.questionId);
  }
  for (const question of form.questions) {
    if (!seen.has(question.id)) {
      problems.push({ code: 'missing-rating', questionId: question.id, message: `Rate "${question.title}".` });
    }
  }
  if (review.victimAtRiskNow && isBlank(review.riskConcern)) {
    problems.push({
      code: 'risk-concern-required',
      message: 'Describe why you think the victim may be at risk now, so the force knows what to act on.',
    });
  }
  return problems.length === 0 ? { ok: true, review } : { ok: false, problems };
}

export interface QuestionSummary {
  questionId: string;
  title: string;
  section: QuestionSection;
  /** Reviews that rated this question. */
  total: number;
  counts: Record<ReviewRating, number>;
  /** Share of all ratings, as percentages to one decimal place. */
  percentages: Record<ReviewRating, number>;
  /** Percentage of applicable ratings that were "met"; null when none applied. */
  metOfApplicable: number | null;
}

export interface ReviewsSummary {
  reviewCount: number;
  /** Reviews that flagged the victim as possibly at risk now. */
  victimAtRiskCount: number;
  questions: QuestionSummary[];
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10;
}

function zeroByRating(): Record<ReviewRating, number> {
  return { met: 0, partly_met: 0, not_met: 0, not_applicable: 0 };
}

/** Aggregates ratings per question (counts and percentages) for the findings report. */
export function summariseReviews(reviews: readonly CaseReview[], form: ReviewForm = standardReviewForm): ReviewsSummary {
  const questions = form.questions.map((question) => {
    const counts = zeroByRating();
    for (const review of reviews) {
      const answer = review.answers.find((a) => a.questionId === question.id);
      if (answer) counts[answer.rating] += 1;
    }
    const total = REVIEW_RATINGS.reduce((sum, r) => sum + counts[r], 0);
    const applicable = total - counts.not_applicable;
    const percentages = zeroByRating();
    for (const r of REVIEW_RATINGS) percentages[r] = percent(counts[r], total);
    return {
      questionId: question.id,
      title: question.title,
      section: question.section,
      total,
      counts,
      percentages,
      metOfApplicable: applicable === 0 ? null : percent(counts.met, applicable),
    };
  });
  return {
    reviewCount: reviews.length,
    victimAtRiskCount: reviews.filter((r) => r.victimAtRiskNow).length,
    questions,
  };
}

/** An instruction to the force to act at once on a case a reviewer is worried about. */
export interface UrgentReferral {
  code: 'victim-at-risk-now';
  sampleCaseId: string;
  raisedBy: string;
  raisedAt: Date;
  dueBy: Date;
  recipients: readonly ReferralRecipient[];
  /** The reviewer's description of the concern. */
  concern: string;
  message: string;
}

const HOUR_MS = 60 * 60 * 1000;

/**
 * The urgent referral a review produces when it flags the victim as possibly at risk
 * now, or null if it does not. The case goes back to the force (the SCU and the force
 * lead by default) with a short deadline set by policy.
 */
export function urgentReferralFor(
  review: CaseReview,
  clock: Clock,
  policy: OversightPolicy = westYorkshireOversightPolicy,
): UrgentReferral | null {
  if (!review.victimAtRiskNow) return null;
  const raisedAt = clock.now();
  const hours = policy.urgentReferral.responseHours;
  return {
    code: 'victim-at-risk-now',
    sampleCaseId: review.sampleCaseId,
    raisedBy: review.reviewerId,
    raisedAt,
    dueBy: new Date(raisedAt.getTime() + hours * HOUR_MS),
    recipients: policy.urgentReferral.recipients,
    concern: review.riskConcern?.trim() ?? '',
    message:
      `A scrutiny panel reviewer believes the victim in this case may be at risk now. ` +
      `Review the case at once and record the action taken within ${hours} hours.`,
  };
}
