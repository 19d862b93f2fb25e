import { LINE_OF_ENQUIRY_CODES, LINES_OF_ENQUIRY, type LineOfEnquiryCode } from './lines-of-enquiry-catalogue.ts';
import { isStalking, type OffenceCode } from './offences.ts';
import type { InvestigationPolicy } from './policy.ts';
import { westYorkshireInvestigationPolicy } from './west-yorkshire.ts';

/** What is known about the case that decides which lines of enquiry apply. */
export interface EnquiryFacts {
  readonly offence: OffenceCode;
  readonly domesticAbuse: boolean;
  /** Texts, calls, emails or app messages: evidence on devices and accounts. */
  readonly digitalContact: boolean;
  readonly socialMedia: boolean;
  /** Calls that were recorded (to the police, the victim's phone, a workplace). */
  readonly recordedCalls: boolean;
  /** Incidents in places that may have cameras. */
  readonly incidentsInPublicPlaces: boolean;
  /** Employers, banks, schools, landlords or others may hold relevant records. */
  readonly thirdPartiesHoldMaterial: boolean;
  readonly suspectIdentified: boolean;
  /** A description, vehicle or sightings of the suspect are known. */
  readonly suspectDescribed: boolean;
  readonly witnesses: boolean;
  /** There is a concern that the suspect poses a risk to children. */
  readonly childProtectionConcern: boolean;
}

/** A suggested line of enquiry; the service turns it into a task with owner, due date and state. */
export interface LineOfEnquiry {
  readonly code: LineOfEnquiryCode;
  readonly title: string;
  readonly why: string;
  readonly defaultDueDays: number;
}

type Applies = (facts: EnquiryFacts, policy: InvestigationPolicy) => boolean;

const APPLIES: Record<LineOfEnquiryCode, Applies> = {
  'digital-evidence': (f) => f.digitalContact || f.socialMedia,
  'social-media': (f) => f.socialMedia,
  'call-recordings': (f) => f.recordedCalls,
  cctv: (f) => f.incidentsInPublicPlaces,
  'third-party-material': (f) => f.thirdPartiesHoldMaterial,
  'pnd-check': (f) => f.suspectIdentified,
  'witness-statements': (f) => f.witnesses,
  'victim-personal-statement': () => true,
  'special-measures': () => true,
  'disclosure-dvds': (f) => f.domesticAbuse && f.suspectIdentified,
  'disclosure-csods': (f) => f.childProtectionConcern,
  'intelligence-submission': (f, p) =>
    isStalking(f.offence, p.stalkingOffences) && (f.suspectIdentified || f.suspectDescribed),
  's2b-warrant': (f, p) => p.enquiries.s2bOffences.includes(f.offence),
};

/** The lines of enquiry the facts call for, in plan order, with the policy's default due days. */
export function linesOfEnquiry(
  facts: EnquiryFacts,
  policy: InvestigationPolicy = westYorkshireInvestigationPolicy,
): LineOfEnquiry[] {
  return LINE_OF_ENQUIRY_CODES.filter((code) => APPLIES[code](facts, policy)).map((code) => ({
    code,
    ...LINES_OF_ENQUIRY[code],
    defaultDueDays: policy.enquiries.dueDays[code],
  }));
}
