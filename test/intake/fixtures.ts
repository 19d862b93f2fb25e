/** Report answers for the intake tests, as the API takes them. */
export function baseAnswers(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    callerCapacity: 'victim',
    relationship: 'ex-intimate-partner',
    victim: { forenames: 'Tamsin', surname: 'Hawthorne', town: 'Northtown' },
    suspectKnown: 'yes',
    suspect: { forenames: 'Orrin', surname: 'Dunmore', approximateAge: 41 },
    account: 'He keeps contacting me and waiting for me.',
    occasions: [],
    effects: [],
    indicators: [],
    thrive: { threat: 'medium', harm: 'medium', risk: 'medium' },
    response: 'priority',
    responseRationale: 'Repeated contact and waiting at work: attend today.',
    evidenceAdvice: 'Keep every message, keep a diary, do not reply.',
    ...overrides,
  };
}

/** P1: texted 30 times since Monday and waited outside her workplace on Tuesday and Thursday (the week before the report). */
export const P1_OCCASIONS = [
  { date: '2026-11-16', endDate: '2026-11-19', times: 30, channels: ['text'], behaviours: ['contacting'] },
  { date: '2026-11-17', time: '17:30', place: 'Outside her workplace', channels: ['in-person'], behaviours: ['loitering'] },
  { date: '2026-11-19', time: '17:30', place: 'Outside her workplace', channels: ['in-person'], behaviours: ['loitering'] },
];
