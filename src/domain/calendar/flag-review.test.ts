import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flagReviewDue, proposeFlagReview } from './flag-review.ts';
import { compareLocalDates } from './local-date.ts';
import { localDateArbitrary } from './test-arbitraries.ts';

const flag = { startsOn: '2025-07-01', expiresOn: '2026-06-30' };

describe('flag review', () => {
  it('P10: a flag expiring 30 June 2026 has its review due on 30 May 2026', () => {
    expect(flagReviewDue('2026-06-30')).toBe('2026-05-30');
  });

  it.each([
    ['2026-03-31', '2026-02-28'],
    ['2028-03-31', '2028-02-29'],
    ['2026-01-15', '2025-12-15'],
  ])('a flag expiring %s is reviewed on %s (month ends clamped)', (expiresOn, due) => {
    expect(flagReviewDue(expiresOn)).toBe(due);
  });

  it('review interval comes from force policy', () => {
    expect(flagReviewDue('2026-06-30', { reviewMonthsBeforeExpiry: 2 })).toBe('2026-04-30');
  });

  it('P10: a new incident during the flag proposes extension, with the reason', () => {
    expect(proposeFlagReview(flag, ['2025-03-01', '2026-03-12', '2025-11-02'])).toEqual({
      action: 'extend',
      incidentsDuringFlag: ['2025-11-02', '2026-03-12'],
      reasons: [
        {
          code: 'incidents-during-flag',
          message:
            '2 incidents involving the subject were recorded while the flag was in force (1 July 2025 to 30 June 2026), the latest on 12 March 2026, so the flag should be extended.',
        },
      ],
    });
  });

  it('P10: no incident during the flag proposes removal, and says to check national systems', () => {
    const proposal = proposeFlagReview(flag, ['2025-03-01']);
    expect(proposal.action).toBe('remove');
    expect(proposal.incidentsDuringFlag).toEqual([]);
    expect(proposal.reasons.map((r) => r.code)).toEqual(['no-incidents-during-flag', 'check-national-systems']);
    expect(proposal.reasons[0]?.message).toBe(
      'No incidents involving the subject were recorded while the flag was in force (1 July 2025 to 30 June 2026), so the flag should be removed.',
    );
  });

  it.each([
    ['2025-07-01', 'remove', 'the day the flag was set (the incident that led to it)'],
    ['2025-07-02', 'extend', 'the day after the flag was set'],
    ['2026-06-30', 'extend', 'the expiry date'],
    ['2026-07-01', 'remove', 'after expiry'],
  ])('an incident on %s gives %s (%s)', (incident, action) => {
    expect(proposeFlagReview(flag, [incident]).action).toBe(action);
  });

  it('uses the singular for one incident', () => {
    expect(proposeFlagReview(flag, ['2025-09-09']).reasons[0]?.message).toMatch(
      /^1 incident involving the subject was recorded .* the latest on 9 September 2025/,
    );
  });

  it('proposes extension exactly when some incident falls after the start and by the expiry (property)', () => {
    fc.assert(
      fc.property(fc.array(localDateArbitrary('2024-01-01', '2027-12-31'), { maxLength: 6 }), (incidents) => {
        const proposal = proposeFlagReview(flag, incidents);
        const inside = incidents.filter(
          (d) => compareLocalDates(d, flag.startsOn) > 0 && compareLocalDates(d, flag.expiresOn) <= 0,
        );
        expect(proposal.action).toBe(inside.length > 0 ? 'extend' : 'remove');
        expect(proposal.incidentsDuringFlag).toHaveLength(inside.length);
        expect(proposal.reasons.length).toBeGreaterThan(0);
      }),
    );
  });
});
