/**
 * The case review form used by scrutiny panels, as data: the panel's own questions
 * (DOMAIN.md §13, from the Dyfed-Powys checklist in reference 003) and the
 * inspection criteria (reference 001 Annex A and 002 Annex B).
 */

/** How well a case met a question. */
export const REVIEW_RATINGS = ['met', 'partly_met', 'not_met', 'not_applicable'] as const;
export type ReviewRating = (typeof REVIEW_RATINGS)[number];

export const RATING_LABELS: Readonly<Record<ReviewRating, string>> = {
  met: 'Met',
  partly_met: 'Partly met',
  not_met: 'Not met',
  not_applicable: 'Not applicable',
};

export type QuestionSection = 'panel' | 'inspection';

export interface ReviewQuestion {
  /** Stable identifier; never reuse one for a different question. */
  id: string;
  section: QuestionSection;
  /** Short name used in messages and in the findings report. */
  title: string;
  /** The question as the reviewer sees it. */
  prompt: string;
}

export interface ReviewForm {
  id: string;
  version: number;
  questions: readonly ReviewQuestion[];
}

/** The panel's questions about each case. */
export const PANEL_QUESTIONS: readonly ReviewQuestion[] = [
  {
    id: 'initial-response',
    section: 'panel',
    title: 'Timeliness of the initial response',
    prompt: 'Was the incident handled, and the victim responded to, promptly when it was first reported?',
  },
  {
    id: 'investigation-and-updates',
    section: 'panel',
    title: 'Timeliness of the investigation and keeping the victim informed',
    prompt: 'Did the investigation progress without avoidable delay, and was the victim kept up to date throughout?',
  },
  {
    id: 'risk-assessment',
    section: 'panel',
    title: 'Risk assessment',
    prompt: 'Was an appropriate risk assessment (DASH or the stalking screening questions) completed, and how soon after the report?',
  },
  {
    id: 'safeguarding-plan',
    section: 'panel',
    title: 'Safeguarding plan',
    prompt: 'Was there a safeguarding plan for the victim, and was it reviewed as the case developed?',
  },
  {
    id: 'protective-orders',
    section: 'panel',
    title: 'Protective orders considered',
    prompt: 'Is there evidence that protective orders (for example a Stalking Protection Order or restraining order) were considered?',
  },
  {
    id: 'domestic-abuse-link',
    section: 'panel',
    title: 'Domestic abuse link and its effect',
    prompt: 'Was any domestic abuse link identified, and did it shape how the case was handled?',
  },
];

/** The inspection criteria, rated for each case where they apply. */
export const INSPECTION_CRITERIA: readonly ReviewQuestion[] = [
  {
    id: 'leadership-performance',
    section: 'inspection',
    title: 'Leadership and performance management',
    prompt: 'Does the case show oversight and performance management of the force response?',
  },
  {
    id: 'identification-recording',
    section: 'inspection',
    title: 'Identification and correct recording',
    prompt: 'Was the behaviour recognised as stalking or harassment and recorded correctly and on time?',
  },
  {
    id: 'risk-management',
    section: 'inspection',
    title: 'Risk assessment and management',
    prompt: 'Was the risk to the victim and their family assessed with the right tools and then managed?',
  },
  {
    id: 'repeat-victims-offenders',
    section: 'inspection',
    title: 'Repeat victims and offenders identified',
    prompt: 'Were previous reports by the victim and previous behaviour by the suspect identified and used?',
  },
  {
    id: 'victim-care',
    section: 'inspection',
    title: "Victim care and enhanced Victims' Code entitlements",
    prompt: "Did the victim receive care suited to their needs and the enhanced entitlements of the Victims' Code?",
  },
  {
    id: 'investigation-quality',
    section: 'inspection',
    title: 'Timely, thorough, supervised investigation',
    prompt: 'Was the investigation timely and thorough, with effective supervision recorded?',
  },
  {
    id: 'disposal-decision',
    section: 'inspection',
    title: 'Disposal decision at the right level',
    prompt: 'Was the outcome appropriate and decided at the right level (police or CPS) in line with guidance?',
  },
  {
    id: 'victim-notified',
    section: 'inspection',
    title: 'Victim notified of decisions in time',
    prompt: 'Was the victim told of decisions in time to keep them safe, especially where risk was higher?',
  },
  {
    id: 'file-quality',
    section: 'inspection',
    title: 'File quality and the national stalking protocol',
    prompt: 'Did the case file meet national file standards and the police and CPS stalking protocol?',
  },
  {
    id: 'offender-programmes',
    section: 'inspection',
    title: 'Offender programmes',
    prompt: 'Were programmes or interventions to address the offending behaviour considered?',
  },
];

/** The standard dip-sample review form: the panel's questions, then the inspection criteria. */
export const standardReviewForm: ReviewForm = {
  id: 'stalking-harassment-case-review',
  version: 1,
  questions: [...PANEL_QUESTIONS, ...INSPECTION_CRITERIA],
};
