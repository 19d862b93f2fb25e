import { describe, expect, it } from 'vitest';
import { offenceCodes } from '../classification/index.ts';
import { fromClassificationOffence, OFFENCE_CODES } from './offences.ts';

describe('offence codes across modules', () => {
  it.each(offenceCodes)('maps the classification code %s to an investigation offence', (code) => {
    const mapped = fromClassificationOffence(code);
    expect(mapped).toBeDefined();
    expect(OFFENCE_CODES).toContain(mapped);
  });

  it('knows nothing of other codes', () => {
    expect(fromClassificationOffence('non-crime')).toBeUndefined();
  });
});
