import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultConductPolicy } from './policy.ts';
import { serialPerpetratorAlert } from './serial.ts';

describe('serial perpetrator alert', () => {
  it.each([
    { victims: 0, alertedAtVictims: 0, alert: false },
    { victims: 1, alertedAtVictims: 0, alert: false },
    { victims: 2, alertedAtVictims: 0, alert: true },
    { victims: 2, alertedAtVictims: 2, alert: false },
    { victims: 3, alertedAtVictims: 2, alert: true },
    { victims: 3, alertedAtVictims: 3, alert: false },
    { victims: 5, alertedAtVictims: 0, alert: true },
  ])('$victims victims, last alerted at $alertedAtVictims: alert $alert', ({ victims, alertedAtVictims, alert }) => {
    expect(serialPerpetratorAlert({ victims, alertedAtVictims }, defaultConductPolicy) !== null).toBe(alert);
  });

  it('asks the intelligence unit and the SCU to consider PDP and MAPPA, within the policy’s hours', () => {
    const alert = serialPerpetratorAlert({ victims: 2, alertedAtVictims: 0 }, defaultConductPolicy)!;
    expect(alert.tasks.map((t) => t.team)).toEqual(['intelligence-unit', 'scu']);
    expect(alert.tasks.map((t) => t.title).join(' ')).toMatch(/PDP/);
    expect(alert.tasks.find((t) => t.team === 'scu')!.title).toMatch(/MAPPA/);
    expect(alert.dueWithinHours).toBe(72);
    expect(alert.reason).toBe('The suspect is linked to 2 victims: a possible serial perpetrator.');
  });

  it('says how many victims there were at the last review when alerting again', () => {
    expect(serialPerpetratorAlert({ victims: 4, alertedAtVictims: 2 }, defaultConductPolicy)!.reason).toContain('(2 when last reviewed)');
  });

  it('follows the force’s threshold', () => {
    const policy = { ...defaultConductPolicy, serialPerpetrator: { minimumVictims: 3, reviewWithinHours: 24 } };
    expect(serialPerpetratorAlert({ victims: 2, alertedAtVictims: 0 }, policy)).toBeNull();
    expect(serialPerpetratorAlert({ victims: 3, alertedAtVictims: 0 }, policy)?.dueWithinHours).toBe(24);
  });

  it('never alerts twice for the same victims, and alerts whenever the count passes the last alert', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 50 }), (victims, alertedAtVictims) => {
        const alert = serialPerpetratorAlert({ victims, alertedAtVictims }, defaultConductPolicy);
        expect(alert !== null).toBe(victims >= 2 && victims > alertedAtVictims);
        if (alert) expect(alert.victims).toBe(victims);
      }),
    );
  });
});
