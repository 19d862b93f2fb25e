import type { AllocationCondition, AllocationPolicy, InvestigationPolicy } from './policy.ts';

const stalking: AllocationCondition = { offenceIn: ['s2A', 's4A'] };
const s2A: AllocationCondition = { offenceIn: ['s2A'] };
const s4A: AllocationCondition = { offenceIn: ['s4A'] };
const domestic: AllocationCondition = {
  any: [{ flag: 'domesticAbuse' }, { flag: 'intimateOrExPartner' }, { flag: 'coerciveControlPersonallyConnected' }],
};
const adultAtRiskOrHonourBased: AllocationCondition = { any: [{ flag: 'adultAtRisk' }, { flag: 'honourBasedAbuse' }] };
const escalation: AllocationCondition = {
  any: [{ flag: 'prolongedCourseOfConduct' }, { flag: 'significantCumulativeImpact' }, { flag: 'escalating' }],
};

/** West Yorkshire Police allocation rules (reference 004, "Allocation and Finalisation"; DOMAIN.md §7). */
export const westYorkshireAllocationPolicy: AllocationPolicy = {
  reviewRules: [
    {
      id: 'wy.review.da-stalking',
      when: { all: [stalking, domestic] },
      then: { reviewingSergeantTeam: 'da-team' },
      reason: 'Domestic abuse stalking (s2A or s4A) is reviewed by a detective sergeant from the domestic abuse team.',
    },
    {
      id: 'wy.review.non-da-stalking',
      when: stalking,
      then: { reviewingSergeantTeam: 'cid' },
      reason: 'Stalking that is not domestic abuse (s2A or s4A) is reviewed by a detective sergeant from CID.',
    },
  ],
  investigationRules: [
    {
      id: 'wy.s4a.da',
      when: { all: [s4A, domestic] },
      then: { investigatingTeam: 'da-team' },
      reason: 'Domestic abuse stalking under s4A is investigated by the domestic abuse team.',
    },
    {
      id: 'wy.s4a.adult-at-risk-or-hba',
      when: { all: [s4A, adultAtRiskOrHonourBased] },
      then: { investigatingTeam: 'adult-safeguarding' },
      reason:
        'Stalking under s4A that is not domestic abuse but involves an adult at risk or honour-based abuse is investigated by adult safeguarding officers.',
    },
    {
      id: 'wy.s4a.other',
      when: s4A,
      then: { investigatingTeam: 'cid' },
      reason: 'Other stalking under s4A that is not domestic abuse is investigated by CID.',
    },
    {
      id: 'wy.s2a.da',
      when: {
        all: [
          s2A,
          {
            any: [
              { flag: 'intimateOrExPartner' },
              { flag: 'coerciveControlPersonallyConnected' },
              { all: [{ flag: 'honourBasedAbuse' }, { flag: 'domesticAbuse' }] },
            ],
          },
        ],
      },
      then: { investigatingTeam: 'da-team', onlyTeams: ['da-team'] },
      reason:
        'Stalking under s2A by an intimate or ex-intimate partner, with honour-based abuse concerns, or with coercive control between personally connected people is investigated only by the domestic abuse team.',
    },
    {
      id: 'wy.s2a.adult-at-risk-or-hba',
      when: { all: [s2A, adultAtRiskOrHonourBased] },
      then: { investigatingTeam: 'adult-safeguarding', onlyTeams: ['adult-safeguarding'] },
      reason:
        'Stalking under s2A involving an adult at risk, or honour-based abuse outside domestic abuse, is investigated only by adult safeguarding officers.',
    },
    {
      id: 'wy.s2a.escalation',
      when: { all: [s2A, escalation] },
      then: { investigatingTeam: 'cid' },
      reason:
        'Stalking under s2A with evidence of a prolonged course of conduct, significant cumulative impact or escalation is allocated as s4A would be: outside domestic abuse, to CID.',
    },
    {
      id: 'wy.s2a.other',
      when: s2A,
      then: { investigatingTeam: 'non-specialist' },
      reason: 'Other stalking under s2A may be investigated by a non-specialist investigation team.',
    },
  ],
  safeguardRules: [
    {
      id: 'wy.stalking.not-patrol-or-neighbourhood',
      when: stalking,
      then: { forbidTeams: ['response', 'neighbourhood'] },
      reason: 'Stalking is never investigated by patrol (response) or neighbourhood officers.',
    },
    {
      id: 'wy.s4a.specialist-only',
      when: s4A,
      then: { onlyTeams: ['da-team', 'adult-safeguarding', 'cid'] },
      reason: 'Stalking under s4A is investigated only by safeguarding (domestic abuse or adult safeguarding) or CID officers.',
    },
    {
      id: 'wy.s2a.consider-s4a',
      when: { all: [s2A, escalation] },
      then: { promptReclassifyToS4A: true },
      reason:
        'There is evidence of a prolonged course of conduct, significant cumulative impact on the victim or escalation: consider reclassifying the offence as s4A.',
    },
    {
      id: 'wy.stalking.high-risk-scu',
      when: { all: [stalking, { riskIn: ['high'] }] },
      then: { scuLiaisonRequired: true },
      reason: 'The risk is high: the triaging detective sergeant liaises with the Stalking Coordination Unit.',
    },
  ],
};

/**
 * West Yorkshire Police investigation policy: the default. Allocation, NFA, words of
 * advice and sign-off rules come from reference 004. Due dates, the rationale length
 * and review intervals are product defaults, not taken from 004 (unverified): forces
 * should set their own.
 */
export const westYorkshireInvestigationPolicy: InvestigationPolicy = {
  id: 'west-yorkshire',
  name: 'West Yorkshire Police',
  stalkingOffences: ['s2A', 's4A'],
  allocation: westYorkshireAllocationPolicy,
  enquiries: {
    // 004 says s2B applies to s2A offences; s4A conduct is also stalking within s2A, so it is included (unverified).
    s2bOffences: ['s2A', 's4A'],
    dueDays: {
      'digital-evidence': 2,
      'social-media': 2,
      'call-recordings': 3,
      cctv: 1,
      'third-party-material': 14,
      'pnd-check': 1,
      'witness-statements': 7,
      'victim-personal-statement': 14,
      'special-measures': 14,
      'disclosure-dvds': 7,
      'disclosure-csods': 7,
      'intelligence-submission': 3,
      's2b-warrant': 3,
    },
  },
  finalisation: {
    nfaOutcomes: [10, 14, 15, 16, 17, 18, 21],
    nfaRationaleMinLength: 100,
    specialistTeams: ['da-team', 'adult-safeguarding', 'cid'],
    nonSpecialistFinaliserRole: 'detective-sergeant',
    outcome18WithNamedSuspect: 'refuse',
  },
  supervision: {
    reviewIntervalDays: { high: 7, medium: 14, standard: 28 },
  },
};
