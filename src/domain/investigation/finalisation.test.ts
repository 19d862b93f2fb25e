import { describe, expect, it } from 'vitest';
import { finalisationTasks, validateFinalisation, type FinalisationInput } from './finalisation.ts';
import type { InvestigationPolicy } from './policy.ts';
import { westYorkshireInvestigationPolicy } from './west-yorkshire.ts';

const THOROUGH =
  'The victim has moved abroad and the only evidence was on her phone, which she has taken with her. Enquiries with the network found no retained data.';

const complete16 = {
  victimReasons: 'She fears the suspect’s family will retaliate if she gives evidence.',
  statementOfReasons: true,
  specialistSupportOffered: true,
  evidenceLedConsidered: true,
  followUpContactDate: '2025-10-01',
};

function attempt(overrides: Partial<FinalisationInput> = {}): FinalisationInput {
  return {
    offence: 's2A',
    outcome: 1,
    investigationDone: true,
    suspectNamed: true,
    investigatingTeam: 'da-team',
    finaliserRoles: ['detective-constable'],
    ...overrides,
  };
}

const codes = (input: FinalisationInput, policy?: InvestigationPolicy) =>
  validateFinalisation(input, policy).errors.map((e) => e.code);

describe('P5: bad finalisation of a stalking crime', () => {
  it('P5: words of advice are refused, saying they are never a stalking outcome', () => {
    const result = validateFinalisation(attempt({ outcome: 'words-of-advice' }));
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      expect.objectContaining({ code: 'finalisation.words-of-advice-stalking', field: 'outcome' }),
    ]);
    expect(result.errors[0]?.message).toMatch(/never an outcome for a stalking crime/);
  });

  it('P5: no further action with no rationale is refused, naming the missing rationale', () => {
    const result = validateFinalisation(attempt({ outcome: 21, investigationDone: false, rationale: '' }));
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([expect.objectContaining({ code: 'finalisation.nfa-rationale-required', field: 'rationale' })]);
    expect(result.errors[0]?.message).toBe(
      'Record the rationale for taking no further action. Further investigation has not been completed, so explain thoroughly why no further investigation will take place.',
    );
  });

  it('P5: outcome 16 without the victim’s reasons or a specialist support offer is refused, naming each', () => {
    const result = validateFinalisation(
      attempt({
        outcome: 16,
        rationale: THOROUGH,
        outcome16: { ...complete16, victimReasons: '  ', specialistSupportOffered: false },
      }),
    );
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => e.field)).toEqual(['outcome16.victimReasons', 'outcome16.specialistSupportOffered']);
    expect(result.errors[0]?.message).toMatch(/victim’s reasons/);
    expect(result.errors[1]?.message).toMatch(/specialist support/);
  });

  it('P5: the same case is accepted once everything is recorded', () => {
    expect(validateFinalisation(attempt({ outcome: 16, rationale: THOROUGH, outcome16: complete16 }))).toEqual({
      ok: true,
      errors: [],
      warnings: [],
    });
  });
});

describe('words of advice', () => {
  it.each(['s2A', 's4A'] as const)('are refused for %s', (offence) => {
    expect(codes(attempt({ offence, outcome: 'words-of-advice' }))).toEqual(['finalisation.words-of-advice-stalking']);
  });

  it('for harassment need a Home Office outcome type instead', () => {
    expect(codes(attempt({ offence: 's2', outcome: 'words-of-advice' }))).toEqual(['finalisation.outcome-type-required']);
  });
});

describe('outcome type', () => {
  it.each([0, 23, 7.5])('refuses unknown outcome type %s', (outcome) => {
    expect(codes(attempt({ outcome }))).toEqual(['finalisation.outcome-unknown']);
  });

  it('refuses a bare "nfa" without an outcome type and without a rationale', () => {
    expect(codes(attempt({ outcome: 'nfa' }))).toEqual([
      'finalisation.outcome-type-required',
      'finalisation.nfa-rationale-required',
    ]);
  });

  it.each([1, 2, 8, 22])('accepts outcome %s without a rationale (not NFA)', (outcome) => {
    expect(validateFinalisation(attempt({ outcome })).ok).toBe(true);
  });
});

describe('NFA on stalking needs further investigation or a thorough rationale', () => {
  it.each([10, 14, 15, 17, 18, 21])('outcome %s with no rationale is refused', (outcome) => {
    expect(codes(attempt({ outcome, suspectNamed: false }))).toEqual(['finalisation.nfa-rationale-required']);
  });

  it('a short rationale is refused when no further investigation was done, saying how long it must be', () => {
    const result = validateFinalisation(attempt({ outcome: 10, investigationDone: false, rationale: 'Victim moved away.' }));
    expect(result.errors).toEqual([expect.objectContaining({ code: 'finalisation.nfa-rationale-not-thorough', field: 'rationale' })]);
    expect(result.errors[0]?.message).toContain('at least 100 characters; this rationale has 18');
  });

  it('a short rationale is accepted after further investigation', () => {
    expect(validateFinalisation(attempt({ outcome: 10, investigationDone: true, rationale: 'Victim moved away.' })).ok).toBe(true);
  });

  it('a thorough rationale is accepted without further investigation', () => {
    expect(validateFinalisation(attempt({ outcome: 21, investigationDone: false, rationale: THOROUGH })).ok).toBe(true);
  });

  it('harassment NFA needs a rationale but not a thorough one', () => {
    expect(codes(attempt({ offence: 's2', outcome: 21, investigationDone: false }))).toEqual(['finalisation.nfa-rationale-required']);
    expect(validateFinalisation(attempt({ offence: 's2', outcome: 21, investigationDone: false, rationale: 'Short.' })).ok).toBe(true);
  });

  it('the thorough length is force policy', () => {
    const policy: InvestigationPolicy = {
      ...westYorkshireInvestigationPolicy,
      finalisation: { ...westYorkshireInvestigationPolicy.finalisation, nfaRationaleMinLength: 10 },
    };
    expect(validateFinalisation(attempt({ outcome: 21, investigationDone: false, rationale: 'Victim moved away.' }), policy).ok).toBe(true);
  });
});

describe('outcome 16 (victim does not support)', () => {
  it.each([
    ['victimReasons', { victimReasons: undefined }],
    ['statementOfReasons', { statementOfReasons: false }],
    ['specialistSupportOffered', { specialistSupportOffered: undefined }],
    ['evidenceLedConsidered', { evidenceLedConsidered: false }],
    ['followUpContactDate', { followUpContactDate: '1 October' }],
  ] as const)('refuses when %s is missing', (field, change) => {
    const result = validateFinalisation(attempt({ outcome: 16, rationale: THOROUGH, outcome16: { ...complete16, ...change } }));
    expect(result.errors).toEqual([
      expect.objectContaining({ code: `finalisation.outcome16-${field}-required`, field: `outcome16.${field}` }),
    ]);
  });

  it('names all five items at once when none is recorded', () => {
    expect(validateFinalisation(attempt({ outcome: 16, rationale: THOROUGH })).errors.map((e) => e.field)).toEqual([
      'outcome16.victimReasons',
      'outcome16.statementOfReasons',
      'outcome16.specialistSupportOffered',
      'outcome16.evidenceLedConsidered',
      'outcome16.followUpContactDate',
    ]);
  });
});

describe('outcome 18 (no suspect identified)', () => {
  it('is refused where a suspect was named', () => {
    const result = validateFinalisation(attempt({ outcome: 18, rationale: THOROUGH, suspectNamed: true }));
    expect(result.errors).toEqual([expect.objectContaining({ code: 'finalisation.outcome18-suspect-named' })]);
  });

  it('is accepted where no suspect was named', () => {
    expect(validateFinalisation(attempt({ outcome: 18, rationale: THOROUGH, suspectNamed: false })).ok).toBe(true);
  });

  it('is only challenged where the force policy says warn', () => {
    const policy: InvestigationPolicy = {
      ...westYorkshireInvestigationPolicy,
      finalisation: { ...westYorkshireInvestigationPolicy.finalisation, outcome18WithNamedSuspect: 'warn' },
    };
    const result = validateFinalisation(attempt({ outcome: 18, rationale: THOROUGH, suspectNamed: true }), policy);
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => w.code)).toEqual(['finalisation.outcome18-suspect-named']);
  });
});

describe('detective sergeant sign-off for stalking outside specialist units', () => {
  it.each([
    ['non-specialist', ['detective-constable'], false],
    ['non-specialist', ['detective-sergeant'], true],
    [null, ['police-constable'], false],
    ['cid', ['detective-constable'], true],
    ['adult-safeguarding', ['police-constable'], true],
    ['da-team', ['police-constable'], true],
  ] as const)('team %s finalised by %j: accepted %s', (investigatingTeam, finaliserRoles, ok) => {
    const result = validateFinalisation(attempt({ investigatingTeam, finaliserRoles }));
    expect(result.ok).toBe(ok);
    if (!ok) {
      expect(result.errors[0]?.message).toBe(
        'Stalking not investigated by a specialist unit (Domestic abuse team, Adult safeguarding team, Criminal Investigation Department (CID)) must be finalised by a detective sergeant.',
      );
    }
  });

  it('does not apply to harassment', () => {
    expect(validateFinalisation(attempt({ offence: 's2', investigatingTeam: 'response', finaliserRoles: [] })).ok).toBe(true);
  });
});

it('returns every error at once', () => {
  expect(
    codes(attempt({ outcome: 16, investigationDone: false, investigatingTeam: 'non-specialist', outcome16: {} })),
  ).toEqual([
    'finalisation.nfa-rationale-required',
    'finalisation.outcome16-victimReasons-required',
    'finalisation.outcome16-statementOfReasons-required',
    'finalisation.outcome16-specialistSupportOffered-required',
    'finalisation.outcome16-evidenceLedConsidered-required',
    'finalisation.outcome16-followUpContactDate-required',
    'finalisation.sergeant-sign-off-required',
  ]);
});

describe('finalisationTasks', () => {
  it('always tells the victim', () => {
    expect(finalisationTasks(attempt()).map((t) => t.code)).toEqual(['tell-victim-outcome']);
  });

  it('updates support services and books the agreed follow-up for outcome 16', () => {
    const tasks = finalisationTasks(attempt({ outcome: 16, outcome16: complete16, victimUsesSupportServices: true }));
    expect(tasks.map((t) => t.code)).toEqual(['tell-victim-outcome', 'update-support-services', 'victim-follow-up-contact']);
    expect(tasks[2]?.dueOn).toBe('2025-10-01');
  });
});
