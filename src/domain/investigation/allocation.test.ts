import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recommendAllocation, validateAllocationDecision, type AllocationFacts } from './allocation.ts';
import { parseAllocationPolicy } from './allocation-policy-schema.ts';
import type { AllocationPolicy, InvestigationPolicy } from './policy.ts';
import type { TeamCode } from './teams.ts';
import { westYorkshireAllocationPolicy, westYorkshireInvestigationPolicy } from './west-yorkshire.ts';

type Flags = Partial<Omit<AllocationFacts, 'escalation'> & AllocationFacts['escalation']>;

function facts(offence: AllocationFacts['offence'], flags: Flags = {}): AllocationFacts {
  return {
    offence,
    domesticAbuse: flags.domesticAbuse ?? false,
    intimateOrExPartner: flags.intimateOrExPartner ?? false,
    adultAtRisk: flags.adultAtRisk ?? false,
    honourBasedAbuse: flags.honourBasedAbuse ?? false,
    coerciveControlPersonallyConnected: flags.coerciveControlPersonallyConnected ?? false,
    escalation: {
      prolongedCourseOfConduct: flags.prolongedCourseOfConduct ?? false,
      significantCumulativeImpact: flags.significantCumulativeImpact ?? false,
      escalating: flags.escalating ?? false,
    },
    riskGrade: flags.riskGrade ?? 'standard',
  };
}

const forbidden = (f: AllocationFacts, policy?: InvestigationPolicy) =>
  recommendAllocation(f, policy).forbiddenTeams.map((entry) => entry.team);

/** Every row of the default matrix: label, facts, investigating team, reviewing sergeant's team, reclassification prompt, a rule that must apply. */
const MATRIX: Array<[string, AllocationFacts, TeamCode | null, TeamCode | null, boolean, string]> = [
  ['DA s4A', facts('s4A', { domesticAbuse: true }), 'da-team', 'da-team', false, 'wy.s4a.da'],
  ['s4A by ex-partner', facts('s4A', { intimateOrExPartner: true }), 'da-team', 'da-team', false, 'wy.s4a.da'],
  ['s4A with coercive control', facts('s4A', { coerciveControlPersonallyConnected: true }), 'da-team', 'da-team', false, 'wy.s4a.da'],
  ['DA s4A with adult at risk', facts('s4A', { domesticAbuse: true, adultAtRisk: true }), 'da-team', 'da-team', false, 'wy.s4a.da'],
  ['non-DA s4A, adult at risk', facts('s4A', { adultAtRisk: true }), 'adult-safeguarding', 'cid', false, 'wy.s4a.adult-at-risk-or-hba'],
  ['non-DA s4A, honour-based abuse', facts('s4A', { honourBasedAbuse: true }), 'adult-safeguarding', 'cid', false, 'wy.s4a.adult-at-risk-or-hba'],
  ['other non-DA s4A', facts('s4A'), 'cid', 'cid', false, 'wy.s4a.other'],
  ['non-DA s4A escalating (already s4A)', facts('s4A', { escalating: true }), 'cid', 'cid', false, 'wy.s4a.other'],
  ['s2A by ex-partner', facts('s2A', { intimateOrExPartner: true, domesticAbuse: true }), 'da-team', 'da-team', false, 'wy.s2a.da'],
  ['s2A with coercive control', facts('s2A', { coerciveControlPersonallyConnected: true }), 'da-team', 'da-team', false, 'wy.s2a.da'],
  ['DA s2A with honour-based abuse', facts('s2A', { honourBasedAbuse: true, domesticAbuse: true }), 'da-team', 'da-team', false, 'wy.s2a.da'],
  ['s2A by ex-partner, adult at risk', facts('s2A', { intimateOrExPartner: true, adultAtRisk: true }), 'da-team', 'da-team', false, 'wy.s2a.da'],
  ['s2A, adult at risk', facts('s2A', { adultAtRisk: true }), 'adult-safeguarding', 'cid', false, 'wy.s2a.adult-at-risk-or-hba'],
  ['s2A, non-DA honour-based abuse', facts('s2A', { honourBasedAbuse: true }), 'adult-safeguarding', 'cid', false, 'wy.s2a.adult-at-risk-or-hba'],
  ['s2A, adult at risk, escalating', facts('s2A', { adultAtRisk: true, escalating: true }), 'adult-safeguarding', 'cid', true, 'wy.s2a.adult-at-risk-or-hba'],
  ['s2A, DA family member without coercive control', facts('s2A', { domesticAbuse: true }), 'non-specialist', 'da-team', false, 'wy.s2a.other'],
  ['other s2A', facts('s2A'), 'non-specialist', 'cid', false, 'wy.s2a.other'],
  ['other s2A, prolonged course of conduct', facts('s2A', { prolongedCourseOfConduct: true }), 'cid', 'cid', true, 'wy.s2a.escalation'],
  ['other s2A, significant cumulative impact', facts('s2A', { significantCumulativeImpact: true }), 'cid', 'cid', true, 'wy.s2a.escalation'],
  ['other s2A, perpetrator escalating', facts('s2A', { escalating: true }), 'cid', 'cid', true, 'wy.s2a.escalation'],
  ['DA s2A by ex-partner, escalating', facts('s2A', { intimateOrExPartner: true, escalating: true }), 'da-team', 'da-team', true, 'wy.s2a.da'],
  ['s2 harassment (not covered)', facts('s2'), null, null, false, 'allocation.no-rule'],
  ['s4 harassment (not covered)', facts('s4', { domesticAbuse: true }), null, null, false, 'allocation.no-rule'],
];

/** High-risk rows: label, facts, SCU liaison expected. */
const SCU_ROWS: Array<[string, AllocationFacts, boolean]> = [
  ['high-risk s2A', facts('s2A', { riskGrade: 'high' }), true],
  ['high-risk DA s4A', facts('s4A', { domesticAbuse: true, riskGrade: 'high' }), true],
  ['medium-risk s4A', facts('s4A', { riskGrade: 'medium' }), false],
  ['high-risk s2 harassment (not stalking)', facts('s2', { riskGrade: 'high' }), false],
];

describe('West Yorkshire allocation matrix (DOMAIN.md §7, reference 004)', () => {
  it('the table exercises every rule of the default policy', () => {
    const policy = westYorkshireAllocationPolicy;
    const ruleIds = [...policy.reviewRules, ...policy.investigationRules, ...policy.safeguardRules].map((rule) => rule.id);
    const applied = new Set([...MATRIX.map((row) => row[1]), ...SCU_ROWS.map((row) => row[1])].flatMap((f) => recommendAllocation(f).reasons.map((r) => r.code)));
    expect(ruleIds.filter((id) => !applied.has(id))).toEqual([]);
    expect(applied.has('allocation.no-rule')).toBe(true);
  });

  it.each(MATRIX)('%s', (_label, input, team, reviewer, reclassify, reasonCode) => {
    const rec = recommendAllocation(input);
    expect(rec.investigatingTeam).toBe(team);
    expect(rec.reviewingSergeantTeam).toBe(reviewer);
    expect(rec.considerReclassifyToS4A).toBe(reclassify);
    expect(rec.reasons.map((r) => r.code)).toContain(reasonCode);
    expect(rec.policyId).toBe('west-yorkshire');
  });

  it.each(SCU_ROWS)('SCU liaison: %s', (_label, input, expected) => {
    expect(recommendAllocation(input).scuLiaisonRequired).toBe(expected);
  });

  it('s4A is refused to anyone but safeguarding or CID officers', () => {
    expect(forbidden(facts('s4A'))).toEqual(
      expect.arrayContaining(['response', 'neighbourhood', 'non-specialist', 'scu', 'crime-management-unit']),
    );
    expect(forbidden(facts('s4A'))).not.toContain('cid');
    expect(forbidden(facts('s4A'))).not.toContain('da-team');
    expect(forbidden(facts('s4A'))).not.toContain('adult-safeguarding');
  });

  it('DA s2A may only go to the DA team; other s2A may go to CID as well', () => {
    expect(forbidden(facts('s2A', { intimateOrExPartner: true }))).toContain('cid');
    expect(forbidden(facts('s2A'))).not.toContain('cid');
    expect(forbidden(facts('s2A'))).not.toContain('non-specialist');
  });

  it('harassment outside the stalking policy forbids no team', () => {
    expect(forbidden(facts('s2'))).toEqual([]);
  });

  it('property: stalking is never allocatable to patrol or neighbourhood officers, whatever the facts', () => {
    const arbitraryFacts = fc.record({
      offence: fc.constantFrom('s2A' as const, 's4A' as const),
      domesticAbuse: fc.boolean(),
      intimateOrExPartner: fc.boolean(),
      adultAtRisk: fc.boolean(),
      honourBasedAbuse: fc.boolean(),
      coerciveControlPersonallyConnected: fc.boolean(),
      escalation: fc.record({
        prolongedCourseOfConduct: fc.boolean(),
        significantCumulativeImpact: fc.boolean(),
        escalating: fc.boolean(),
      }),
      riskGrade: fc.constantFrom('standard' as const, 'medium' as const, 'high' as const),
    });
    fc.assert(
      fc.property(arbitraryFacts, (input) => {
        const rec = recommendAllocation(input);
        const teams = rec.forbiddenTeams.map((entry) => entry.team);
        expect(teams).toEqual(expect.arrayContaining(['response', 'neighbourhood']));
        expect(rec.investigatingTeam).not.toBeNull();
        expect(teams).not.toContain(rec.investigatingTeam);
        expect(rec.reviewingSergeantTeam).not.toBeNull();
      }),
    );
  });
});

describe('P4: stranger stalking', () => {
  const stranger = facts('s2A', { riskGrade: 'medium' });

  it.each<TeamCode>(['response', 'neighbourhood'])('P4: allocation to %s is refused, naming the policy rule', (team) => {
    const result = validateAllocationDecision(recommendAllocation(stranger), {
      investigatingTeam: team,
      overrideReason: 'Nobody else is available',
    });
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      expect.objectContaining({ code: 'allocation.team-forbidden', field: 'investigatingTeam' }),
    ]);
    expect(result.errors[0]?.message).toContain('wy.stalking.not-patrol-or-neighbourhood');
    expect(result.errors[0]?.message).toContain('never investigated by patrol');
  });

  it('P4: the recommendation is a non-specialist investigation team, reviewed by a CID sergeant', () => {
    const rec = recommendAllocation(stranger);
    expect(rec.investigatingTeam).toBe('non-specialist');
    expect(rec.reviewingSergeantTeam).toBe('cid');
    expect(validateAllocationDecision(rec, { investigatingTeam: 'non-specialist' }).ok).toBe(true);
  });
});

describe('validateAllocationDecision', () => {
  const rec = recommendAllocation(facts('s4A', { domesticAbuse: true }));

  it('accepts the recommended team without a reason', () => {
    expect(validateAllocationDecision(rec, { investigatingTeam: 'da-team' })).toEqual({ ok: true, errors: [], warnings: [] });
  });

  it.each([undefined, '', '   '])('refuses an override with reason %j', (overrideReason) => {
    const result = validateAllocationDecision(rec, { investigatingTeam: 'cid', overrideReason });
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([expect.objectContaining({ code: 'allocation.override-reason-required', field: 'overrideReason' })]);
    expect(result.errors[0]?.message).toBe(
      'The policy recommends allocation to: Domestic abuse team. Record why you have chosen Criminal Investigation Department (CID) instead.',
    );
  });

  it('accepts an override within the policy when a reason is given', () => {
    expect(
      validateAllocationDecision(rec, { investigatingTeam: 'cid', overrideReason: 'Linked to a CID series investigation' }).ok,
    ).toBe(true);
  });

  it('reports both a forbidden team and a missing override reason', () => {
    const result = validateAllocationDecision(rec, { investigatingTeam: 'non-specialist' });
    expect(result.errors.map((e) => e.code)).toEqual(['allocation.team-forbidden', 'allocation.override-reason-required']);
    expect(result.errors[0]?.message).toContain('wy.s4a.specialist-only');
  });

  it('needs no override reason where the policy makes no recommendation', () => {
    expect(validateAllocationDecision(recommendAllocation(facts('s2')), { investigatingTeam: 'response' }).ok).toBe(true);
  });
});

/** A Sussex-like policy: trained investigators for all stalking; high risk to the specialist unit. */
const sussexLikeAllocation: AllocationPolicy = {
  reviewRules: [
    {
      id: 'sx.review',
      when: { offenceIn: ['s2A', 's4A'] },
      then: { reviewingSergeantTeam: 'cid' },
      reason: 'All stalking is reviewed by a detective sergeant.',
    },
  ],
  investigationRules: [
    {
      id: 'sx.high-risk',
      when: { all: [{ offenceIn: ['s2A', 's4A'] }, { riskIn: ['high'] }] },
      then: { investigatingTeam: 'scu' },
      reason: 'High-risk stalking is investigated by the specialist stalking unit.',
    },
    {
      id: 'sx.trained',
      when: { offenceIn: ['s2A', 's4A'] },
      then: { investigatingTeam: 'cid', onlyTeams: ['cid', 'da-team', 'adult-safeguarding', 'scu'] },
      reason: 'All stalking is investigated by trained investigators.',
    },
  ],
  safeguardRules: [
    {
      id: 'sx.not-untrained',
      when: { offenceIn: ['s2A', 's4A'] },
      then: { forbidTeams: ['response', 'neighbourhood', 'non-specialist'] },
      reason: 'Stalking is never investigated by untrained officers.',
    },
  ],
};

describe('a Sussex-like force policy supplied as data', () => {
  const parsed = parseAllocationPolicy(JSON.parse(JSON.stringify(sussexLikeAllocation)));
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  const sussex: InvestigationPolicy = { ...westYorkshireInvestigationPolicy, id: 'sussex-like', allocation: parsed.policy };

  it('sends stalking that West Yorkshire gives to non-specialists to trained investigators', () => {
    const input = facts('s2A');
    expect(recommendAllocation(input).investigatingTeam).toBe('non-specialist');
    const rec = recommendAllocation(input, sussex);
    expect(rec.investigatingTeam).toBe('cid');
    expect(rec.policyId).toBe('sussex-like');
    expect(forbidden(input, sussex)).toContain('non-specialist');
    expect(validateAllocationDecision(rec, { investigatingTeam: 'non-specialist', overrideReason: 'x' }).errors[0]?.message).toContain(
      'sx.not-untrained',
    );
  });

  it('sends high-risk stalking to the specialist unit, with no West Yorkshire SCU liaison rule', () => {
    const rec = recommendAllocation(facts('s2A', { intimateOrExPartner: true, riskGrade: 'high' }), sussex);
    expect(rec.investigatingTeam).toBe('scu');
    expect(rec.scuLiaisonRequired).toBe(false);
    expect(rec.reasons.map((r) => r.code)).toEqual(['sx.review', 'sx.high-risk', 'sx.not-untrained']);
  });
});

describe('parseAllocationPolicy', () => {
  it('accepts the West Yorkshire matrix', () => {
    expect(parseAllocationPolicy(JSON.parse(JSON.stringify(westYorkshireAllocationPolicy)))).toEqual({
      ok: true,
      policy: westYorkshireAllocationPolicy,
    });
  });

  it('names unknown teams, unknown conditions and duplicate rule ids', () => {
    const broken = {
      reviewRules: [{ id: 'a', when: { offenceIn: ['s2A'] }, then: { reviewingSergeantTeam: 'traffic' }, reason: 'r' }],
      investigationRules: [{ id: 'a', when: { weather: 'rain' }, then: { investigatingTeam: 'cid' }, reason: 'r' }],
      safeguardRules: [],
    };
    const result = parseAllocationPolicy(broken);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.some((p) => p.startsWith('reviewRules.0.then.reviewingSergeantTeam'))).toBe(true);
    expect(result.problems.some((p) => p.startsWith('investigationRules.0.when'))).toBe(true);
  });

  it('refuses duplicate rule ids', () => {
    const rule = westYorkshireAllocationPolicy.reviewRules[0];
    const result = parseAllocationPolicy({ ...westYorkshireAllocationPolicy, reviewRules: [rule, rule] });
    expect(result).toEqual({ ok: false, problems: ['policy: Every allocation rule needs its own id.'] });
  });
});
