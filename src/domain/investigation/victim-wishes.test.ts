import { describe, expect, it } from 'vitest';
import { OUTCOME_TYPES } from './outcomes.ts';
import { outcomeInconsistentWithVictimWishes, type VictimWish } from './victim-wishes.ts';

describe('outcomeInconsistentWithVictimWishes', () => {
  it('P12: outcome 16 then a contact where the victim supports a prosecution is flagged with a supervisor task', () => {
    const flag = outcomeInconsistentWithVictimWishes(16, 'supports-prosecution');
    expect(flag?.reason.code).toBe('outcome.inconsistent-with-victim-wishes');
    expect(flag?.reason.text).toContain('outcome 16');
    expect(flag?.task).toEqual(expect.objectContaining({ code: 'reopen-or-justify', assignTo: 'supervisor' }));
  });

  it('flags outcome 14 in the same way', () => {
    expect(outcomeInconsistentWithVictimWishes(14, 'supports-prosecution')).not.toBeNull();
  });

  it.each<VictimWish | undefined>(['does-not-support', 'undecided', undefined])('does not flag outcome 16 when the wish is %s', (wish) => {
    expect(outcomeInconsistentWithVictimWishes(16, wish)).toBeNull();
  });

  it.each(OUTCOME_TYPES.filter((o) => o.code !== 14 && o.code !== 16).map((o) => o.code))(
    'does not flag outcome %s',
    (code) => {
      expect(outcomeInconsistentWithVictimWishes(code, 'supports-prosecution')).toBeNull();
    },
  );
});
