import { describe, expect, it } from 'vitest';
import { buildSafetyPack } from './safety-pack.ts';

describe('buildSafetyPack', () => {
  const pack = buildSafetyPack({ caseReference: 'CC-2025-000123', victimForenames: 'Tamsin', contact: { name: 'DC Ada Greywater', role: 'officer in the case' }, entitlement: 'enhanced' });
  const text = JSON.stringify(pack);

  it('has every section the victim needs, in plain words', () => {
    expect(pack.sections.map((s) => s.id)).toEqual(['emergency', 'your-contact', 'what-happens-next', 'evidence', 'online-safety', 'staying-safe', 'your-rights']);
    expect(text).toContain('call 999');
    expect(text).toContain('DC Ada Greywater');
    expect(text).toContain('CC-2025-000123');
    expect(text).toContain('within 1 working day');
    expect(pack.sections.find((s) => s.id === 'your-rights')!.list).toHaveLength(12);
    expect(pack.sections.find((s) => s.id === 'evidence')!.list!.join(' ')).toMatch(/diary.*message.*gifts/s);
  });

  it('lists only services a victim can contact directly', () => {
    expect(pack.services.map((s) => s.name)).toEqual(expect.arrayContaining(['Paladin National Stalking Advocacy Service', 'National Stalking Helpline (Suzy Lamplugh Trust)', 'Victim Support']));
    expect(text).not.toContain('MARAC');
    expect(text).not.toContain('Multi-agency safeguarding hub');
  });

  it('says 5 working days for the standard service, and what to do with no named contact', () => {
    const standard = JSON.stringify(buildSafetyPack({ caseReference: 'CC-1', victimForenames: 'Bram', contact: null, entitlement: 'standard' }));
    expect(standard).toContain('within 5 working days');
    expect(standard).toContain('We will tell you the name of your contact');
  });

  it('holds every line the page and the PDF print, addressed by forename only', () => {
    const produced = buildSafetyPack({ caseReference: 'CC-9', victimForenames: 'Tamsin', contact: null, entitlement: 'enhanced', producedOn: '1 September 2025' });
    expect(produced.marking).toBe('Official – Sensitive. For Tamsin.');
    expect(produced.introduction).toContain('CC-9');
    expect(produced.urgent.headline).toBe('In danger now? Call 999.');
    expect(produced.footer).toBe('Produced 1 September 2025.');
    expect(pack.footer).toBeNull();
  });
});
