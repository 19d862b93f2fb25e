import { describe, expect, it } from 'vitest';
import { EMPTY_WITHDRAWAL, checkWithdrawal, mergeWithdrawal, outcome16FromWithdrawal, sameWithdrawal, type WithdrawalRecord } from './withdrawal.ts';

const TODAY = '2025-09-01';
const COMPLETE: WithdrawalRecord = {
  withdrawnOn: '2025-08-28',
  reasons: 'She fears retaliation.',
  statementTaken: true,
  statementTakenOn: '2025-08-29',
  supportDetailsGiven: true,
  supportDetails: 'Paladin, 020 3866 4107.',
  followUpOn: '2025-09-15',
  evidenceLedConsidered: true,
  evidenceLedDecision: 'not-proceed',
  evidenceLedRationale: 'No independent evidence at all.',
};

describe('checkWithdrawal', () => {
  it.each<[string, Partial<WithdrawalRecord>, string[]]>([
    ['a complete record', {}, []],
    ['items still to do are allowed', { statementTaken: false, statementTakenOn: null, supportDetailsGiven: false, supportDetails: null, followUpOn: null, evidenceLedConsidered: false, evidenceLedDecision: null, evidenceLedRationale: null }, []],
    ['no withdrawal date', { withdrawnOn: null }, ['withdrawnOn']],
    ['withdrawal in the future', { withdrawnOn: '2025-09-02' }, ['withdrawnOn']],
    ['no reasons', { reasons: '  ' }, ['reasons']],
    ['statement taken without a date', { statementTakenOn: null }, ['statementTakenOn']],
    ['statement taken in the future', { statementTakenOn: '2025-09-05' }, ['statementTakenOn']],
    ['a statement date without the statement', { statementTaken: false }, ['statementTaken']],
    ['support given without saying what', { supportDetails: '' }, ['supportDetails']],
    ['follow-up before the withdrawal', { followUpOn: '2025-08-27' }, ['followUpOn']],
    ['evidence-led considered without a decision or reason', { evidenceLedDecision: null, evidenceLedRationale: 'short' }, ['evidenceLedDecision', 'evidenceLedRationale']],
    ['a decision without the consideration', { evidenceLedConsidered: false }, ['evidenceLedConsidered']],
  ])('%s', (_name, change, fields) => {
    expect(checkWithdrawal({ ...COMPLETE, ...change }, TODAY).map((p) => p.field)).toEqual(fields);
  });
});

describe('finalisation reads the withdrawal record', () => {
  it('maps the record to the five outcome 16 items', () => {
    expect(outcome16FromWithdrawal(COMPLETE)).toEqual({
      victimReasons: 'She fears retaliation.',
      statementOfReasons: true,
      specialistSupportOffered: true,
      evidenceLedConsidered: true,
      followUpContactDate: '2025-09-15',
    });
    expect(outcome16FromWithdrawal(null)).toEqual({ victimReasons: '', statementOfReasons: false, specialistSupportOffered: false, evidenceLedConsidered: false, followUpContactDate: '' });
  });

  it('adds what finalisation was given, never undoing what victim care recorded', () => {
    const partial: WithdrawalRecord = { ...EMPTY_WITHDRAWAL, withdrawnOn: '2025-08-28', reasons: 'Recorded in victim care.', evidenceLedConsidered: true, evidenceLedDecision: 'proceed', evidenceLedRationale: 'Body-worn video.' };
    const merged = mergeWithdrawal(partial, { victimReasons: '', statementOfReasons: true, specialistSupportOffered: false, evidenceLedConsidered: false, followUpContactDate: '2025-10-01' });
    expect(merged).toEqual({ ...partial, statementTaken: true, followUpOn: '2025-10-01' });
    expect(mergeWithdrawal(partial, undefined)).toBe(partial);
    expect(mergeWithdrawal(null, { victimReasons: 'Given at finalisation.' })).toMatchObject({ reasons: 'Given at finalisation.', withdrawnOn: null, statementTakenOn: null });
    // A date that is not real is kept so finalisation refuses it by its field.
    expect(mergeWithdrawal(partial, { followUpContactDate: '2025-13-40' }).followUpOn).toBe('2025-13-40');
    expect(sameWithdrawal(partial, mergeWithdrawal(partial, { victimReasons: ' ' }))).toBe(true);
    expect(sameWithdrawal(partial, merged)).toBe(false);
  });
});
